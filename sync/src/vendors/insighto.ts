// Insighto: key in the `api_key` query parameter, PUT updates, responses wrapped in {message, meta, data},
// lists paged by page/size, FastAPI-style errors ({detail: string | [{loc, msg}]}).
import type { ResourceKind } from '../../../core/src/kinds';
import { SyncError } from '../errors';
import { HttpClient, type VendorHttpStyle } from '../http';
import type { SyncContext } from '../types';
import type { JsonObject } from '../normalise';
import { isJsonObject } from '../normalise';
import { readable } from '../responseText';
import { expectId, expectObject, notFoundMessage, resourcePath, type VendorApi } from './vendorApi';

export const insightoHttpStyle: VendorHttpStyle = {
  authorize(url, _headers, apiKey) {
    url.searchParams.set('api_key', apiKey);
  },
  errorMessages(body) {
    const { detail, message } = isJsonObject(body) ? body : ({} as Record<string, unknown>);
    if (Array.isArray(detail)) {
      return detail.map((entry) => {
        if (!isJsonObject(entry)) return readable(entry);
        const { loc, msg, ...rest } = entry;
        const path = Array.isArray(loc) ? loc.filter((part) => part !== 'body').map((part) => readable(part)).join('.') : '';
        const text = msg === undefined || msg === null ? readable(rest) || 'invalid' : readable(msg);
        return path ? `${path} ${text}` : text;
      });
    }
    if (detail !== undefined && detail !== null) return [readable(detail)];
    if (message !== undefined && message !== null) return [readable(message)];
    return [readable(body)];
  },
};

const pageSize = 100;

function unwrap(body: unknown, what: string): unknown {
  if (!isJsonObject(body) || !('data' in body)) throw new SyncError('bad-request', `Unexpected response for ${what}: no 'data' envelope.`);
  return body.data;
}

export function insightoApi(ctx: SyncContext, baseUrl: string, kind: ResourceKind): VendorApi {
  const http = new HttpClient(ctx, baseUrl, insightoHttpStyle);
  const collection = kind.apiPath;
  return {
    async get(id) {
      const path = resourcePath(kind, id);
      const body = await http.send({ method: 'GET', path, notFoundMessage: notFoundMessage(ctx, kind, id) });
      return expectObject(unwrap(body, `GET ${path}`), `GET ${path}`);
    },
    async create(body) {
      return expectObject(unwrap(await http.send({ method: 'POST', path: collection, body }), `POST ${collection}`), `POST ${collection}`);
    },
    async update(id, body) {
      const path = resourcePath(kind, id);
      const response = await http.send({ method: 'PUT', path, body, notFoundMessage: notFoundMessage(ctx, kind, id) });
      return expectObject(unwrap(response, `PUT ${path}`), `PUT ${path}`);
    },
    async listAll() {
      const all: JsonObject[] = [];
      for (let page = 1; ; page++) {
        ctx.onProgress?.(`Listing ${kind.noun}s (page ${page})…`);
        const data = expectObject(
          unwrap(await http.send({ method: 'GET', path: collection, query: { page: String(page), size: String(pageSize) } }), `GET ${collection}`),
          `GET ${collection}`,
        );
        const items = Array.isArray(data.items) ? data.items : [];
        for (const item of items) all.push(expectObject(item, `GET ${collection}`));
        const pages = typeof data.pages === 'number' ? data.pages : page;
        if (page >= pages || items.length === 0) return all;
      }
    },
    idOf: (resource) => expectId(kind.vendor, resource, 'id', `the ${kind.noun}`),
    createdAtOf: (resource) => (typeof resource.created_at === 'string' ? resource.created_at : undefined),
    updatedAtOf: (resource) => (typeof resource.updated_at === 'string' ? resource.updated_at : undefined),
  };
}
