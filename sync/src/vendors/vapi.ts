// Vapi: Bearer key, PATCH updates, errors {message: string | string[]}, lists paged by createdAt (a bare array,
// or {results} for structured outputs).
import type { ResourceKind } from '../../../core/src/kinds';
import { HttpClient, type VendorHttpStyle } from '../http';
import { isJsonObject } from '../normalise';
import { readable } from '../responseText';
import type { SyncContext } from '../types';
import type { JsonObject } from '../normalise';
import { expectId, expectObject, notFoundMessage, resourcePath, type VendorApi } from './vendorApi';

export const vapiHttpStyle: VendorHttpStyle = {
  authorize(_url, headers, apiKey) {
    headers.authorization = `Bearer ${apiKey}`;
  },
  errorMessages(body) {
    const message = isJsonObject(body) ? body.message : undefined;
    if (Array.isArray(message)) return message.map((item) => readable(item));
    if (message !== undefined && message !== null) return [readable(message)];
    // Not Vapi's shape (a proxy's JSON, a changed API): whatever it says, as text.
    return [readable(body)];
  },
};

/** Vapi caps `limit` at 1000. */
const pageSize = 1000;

/** Every Vapi collection (`/assistant`, `/tool`, `/squad`, …) behaves the same way. */
export function vapiApi(ctx: SyncContext, baseUrl: string, kind: ResourceKind): VendorApi {
  const http = new HttpClient(ctx, baseUrl, vapiHttpStyle);
  const collection = kind.apiPath;
  return {
    async get(id) {
      const path = resourcePath(kind, id);
      return expectObject(await http.send({ method: 'GET', path, notFoundMessage: notFoundMessage(ctx, kind, id) }), `GET ${path}`);
    },
    async create(body) {
      return expectObject(await http.send({ method: 'POST', path: collection, body }), `POST ${collection}`);
    },
    async update(id, body) {
      const path = resourcePath(kind, id);
      return expectObject(await http.send({ method: 'PATCH', path, body, notFoundMessage: notFoundMessage(ctx, kind, id) }), `PATCH ${path}`);
    },
    async listAll(options = {}) {
      // No cursor: each page asks for items created at or before the last one seen (ties at a page boundary
      // come back again and are dropped by id); it ends on a short page or a page with nothing new.
      const seen = new Map<string, JsonObject>();
      let before: string | undefined;
      for (let page = 1; ; page++) {
        ctx.onProgress?.(`Listing ${kind.noun}s (page ${page})…`);
        const query: Record<string, string> = { limit: String(pageSize) };
        if (before) query.createdAtLe = before;
        if (options.createdSince) query.createdAtGe = options.createdSince;
        const response = await http.send({ method: 'GET', path: collection, query });
        // Most collections answer a bare array; /structured-output wraps it as {results, metadata}.
        const body = Array.isArray(response) ? response : (response as { results?: unknown } | undefined)?.results;
        if (!Array.isArray(body)) return Array.from(seen.values());
        let added = 0;
        for (const item of body) {
          const resource = expectObject(item, `GET ${collection}`);
          const id = expectId(kind.vendor, resource, 'id', `GET ${collection}`);
          if (!seen.has(id)) {
            seen.set(id, resource);
            added++;
          }
        }
        const last = body.length ? (body[body.length - 1] as JsonObject).createdAt : undefined;
        if (body.length < pageSize || added === 0 || typeof last !== 'string') return Array.from(seen.values());
        before = last;
      }
    },
    idOf: (resource) => expectId(kind.vendor, resource, 'id', `the ${kind.noun}`),
    createdAtOf: (resource) => (typeof resource.createdAt === 'string' ? resource.createdAt : undefined),
    updatedAtOf: (resource) => (typeof resource.updatedAt === 'string' ? resource.updatedAt : undefined),
  };
}
