// What the engine needs from a vendor's API for one resource kind; one implementation per vendor.
import { capitalised, idShapeText, isResourceId, kindTitle, withArticle, type ResourceKind, type Vendor } from '../../../core/src/kinds';
import { SyncError } from '../errors';
import type { SyncContext } from '../types';
import type { JsonObject } from '../normalise';
import { isJsonObject } from '../normalise';
import { plainText, shortened } from '../responseText';

export interface VendorApi {
  get(id: string): Promise<JsonObject>;
  create(body: JsonObject): Promise<JsonObject>;
  /** Vapi PATCH / Insighto PUT: each top-level key sent replaces that key's whole value; null clears it. */
  update(id: string, body: JsonObject): Promise<JsonObject>;
  /** Every resource of the kind, all pages; with `createdSince`, the vendor may skip older ones (callers still filter). */
  listAll(options?: { createdSince?: string }): Promise<JsonObject[]>;
  idOf(resource: JsonObject): string;
  createdAtOf(resource: JsonObject): string | undefined;
  updatedAtOf(resource: JsonObject): string | undefined;
}

/**
 * Both APIs address one resource as `<collection>/<id>`. The id comes from the command line, the state file
 * (anyone who can open a pull request) or a response: only an id of the vendor's shape goes into a URL, encoded.
 */
export function resourcePath(kind: ResourceKind, id: string): string {
  if (!isResourceId(kind.vendor, id)) {
    throw new SyncError('config', `'${shortened(plainText(id), 80)}' is not ${withArticle(kindTitle(kind))} id (${idShapeText(kind.vendor)}).`);
  }
  return `${kind.apiPath}/${encodeURIComponent(id)}`;
}

/** Wording for a 404 on one resource. */
export function notFoundMessage(ctx: SyncContext, kind: ResourceKind, id: string): string {
  return `${capitalised(kind.noun)} ${id} was not found in environment '${ctx.env.name}' (deleted, or another org's key?).`;
}

/** A response that is not the object the API documents: a proxy page, a changed API. */
export function expectObject(value: unknown, what: string): JsonObject {
  if (!isJsonObject(value)) throw new SyncError('bad-request', `Unexpected response for ${what}: not a JSON object.`);
  return value;
}

/** The id a response gives a resource; one not of the vendor's shape is refused before it is recorded or used. */
export function expectId(vendor: Vendor, resource: JsonObject, key: string, what: string): string {
  const id = resource[key];
  if (id === undefined || id === null) throw new SyncError('bad-request', `Unexpected response for ${what}: no '${key}'.`);
  if (!isResourceId(vendor, id)) throw new SyncError('bad-request', `Unexpected response for ${what}: its '${key}' is not an id (${idShapeText(vendor)}).`);
  return id;
}
