// What the engine needs from a vendor's assistant API; one implementation per vendor.
import { SyncError } from '../errors';
import type { SyncContext } from '../index';
import type { JsonObject } from '../normalise';
import { isJsonObject } from '../normalise';

export interface VendorApi {
  get(id: string): Promise<JsonObject>;
  create(body: JsonObject): Promise<JsonObject>;
  /** Vapi PATCH / Insighto PUT: each top-level key sent replaces that key's whole value; null clears it. */
  update(id: string, body: JsonObject): Promise<JsonObject>;
  /** Every assistant, all pages; with `createdSince`, the vendor may skip older ones (callers still filter). */
  listAll(options?: { createdSince?: string }): Promise<JsonObject[]>;
  idOf(assistant: JsonObject): string;
  createdAtOf(assistant: JsonObject): string | undefined;
  updatedAtOf(assistant: JsonObject): string | undefined;
}

/** Both APIs address one assistant as `/assistant/<id>`. */
export function assistantPath(id: string): string {
  return `/assistant/${encodeURIComponent(id)}`;
}

/** Wording for a 404 on one assistant. */
export function notFoundMessage(ctx: SyncContext, id: string): string {
  return `Assistant ${id} was not found in environment '${ctx.env.name}' (deleted, or another org's key?).`;
}

/** A response that is not the object the API documents: a proxy page, a changed API. */
export function expectObject(value: unknown, what: string): JsonObject {
  if (!isJsonObject(value)) throw new SyncError('bad-request', `Unexpected response for ${what}: not a JSON object.`);
  return value;
}

export function expectId(assistant: JsonObject, key: string, what: string): string {
  const id = assistant[key];
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new SyncError('bad-request', `Unexpected response for ${what}: no '${key}'.`);
  }
  return String(id);
}
