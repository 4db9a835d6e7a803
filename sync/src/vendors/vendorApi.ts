// What the engine needs from a vendor's API for one resource kind; one implementation per vendor.
import { capitalised, kindTitle, vendorNames, withArticle, type ResourceKind, type Vendor } from '../../../core/src/kinds';
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

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The shape of a vendor's resource ids: both document them as UUIDs. */
const idShapes: Record<Vendor, { pattern: RegExp; description: string }> = {
  vapi: { pattern: uuid, description: 'a UUID' },
  insighto: { pattern: uuid, description: 'a UUID' },
};

export function isResourceId(vendor: Vendor, id: unknown): id is string {
  return typeof id === 'string' && idShapes[vendor].pattern.test(id);
}

/** What a vendor's ids look like, for messages: "Vapi ids are UUIDs". */
export function idShapeText(vendor: Vendor): string {
  return `${vendorNames[vendor]} ids are ${idShapes[vendor].description.replace(/^an? /, '')}s`;
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
