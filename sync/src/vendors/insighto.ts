// Insighto: key in the `api_key` query parameter, PUT updates, responses wrapped in {message, meta, data},
// lists paged by page/size, FastAPI-style errors ({detail: string | [{loc, msg}]}).
import { SyncError } from '../errors';
import { HttpClient, type VendorHttpStyle } from '../http';
import type { SyncContext } from '../index';
import type { JsonObject } from '../normalise';
import { isJsonObject } from '../normalise';
import { assistantPath, expectId, expectObject, notFoundMessage, type VendorApi } from './vendorApi';

export const insightoHttpStyle: VendorHttpStyle = {
  authorize(url, _headers, apiKey) {
    url.searchParams.set('api_key', apiKey);
  },
  errorMessages(body) {
    if (typeof body === 'string') return body ? [body.slice(0, 500)] : [];
    if (!isJsonObject(body)) return [];
    const { detail, message } = body;
    if (Array.isArray(detail)) {
      return detail.map((entry) => {
        const { loc, msg } = (entry ?? {}) as { loc?: unknown[]; msg?: unknown };
        const path = Array.isArray(loc) ? loc.filter((part) => part !== 'body').join('.') : '';
        return path ? `${path} ${String(msg)}` : String(msg);
      });
    }
    if (typeof detail === 'string') return [detail];
    return typeof message === 'string' ? [message] : [];
  },
};

const pageSize = 100;

function unwrap(body: unknown, what: string): unknown {
  if (!isJsonObject(body) || !('data' in body)) throw new SyncError('bad-request', `Unexpected response for ${what}: no 'data' envelope.`);
  return body.data;
}

export function insightoApi(ctx: SyncContext, baseUrl: string): VendorApi {
  const http = new HttpClient(ctx, baseUrl, insightoHttpStyle);
  return {
    async get(id) {
      const body = await http.send({ method: 'GET', path: assistantPath(id), notFoundMessage: notFoundMessage(ctx, id) });
      return expectObject(unwrap(body, `GET ${assistantPath(id)}`), `GET ${assistantPath(id)}`);
    },
    async create(body) {
      return expectObject(unwrap(await http.send({ method: 'POST', path: '/assistant', body }), 'POST /assistant'), 'POST /assistant');
    },
    async update(id, body) {
      const response = await http.send({ method: 'PUT', path: assistantPath(id), body, notFoundMessage: notFoundMessage(ctx, id) });
      return expectObject(unwrap(response, `PUT ${assistantPath(id)}`), `PUT ${assistantPath(id)}`);
    },
    async listAll() {
      const all: JsonObject[] = [];
      for (let page = 1; ; page++) {
        ctx.onProgress?.(`Listing assistants (page ${page})…`);
        const data = expectObject(
          unwrap(await http.send({ method: 'GET', path: '/assistant', query: { page: String(page), size: String(pageSize) } }), 'GET /assistant'),
          'GET /assistant',
        );
        const items = Array.isArray(data.items) ? data.items : [];
        for (const item of items) all.push(expectObject(item, 'GET /assistant'));
        const pages = typeof data.pages === 'number' ? data.pages : page;
        if (page >= pages || items.length === 0) return all;
      }
    },
    idOf: (assistant) => expectId(assistant, 'id', 'the assistant'),
    createdAtOf: (assistant) => (typeof assistant.created_at === 'string' ? assistant.created_at : undefined),
    updatedAtOf: (assistant) => (typeof assistant.updated_at === 'string' ? assistant.updated_at : undefined),
  };
}
