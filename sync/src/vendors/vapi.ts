// Vapi: Bearer key, PATCH updates, errors {message: string | string[]}, list as a bare array paged by createdAt.
import { HttpClient, type VendorHttpStyle } from '../http';
import type { SyncContext } from '../index';
import type { JsonObject } from '../normalise';
import { assistantPath, expectId, expectObject, notFoundMessage, type VendorApi } from './vendorApi';

export const vapiHttpStyle: VendorHttpStyle = {
  authorize(_url, headers, apiKey) {
    headers.authorization = `Bearer ${apiKey}`;
  },
  errorMessages(body) {
    if (typeof body === 'string') return body ? [body.slice(0, 500)] : [];
    const message = (body as { message?: unknown } | undefined)?.message;
    if (Array.isArray(message)) return message.map(String);
    return typeof message === 'string' ? [message] : [];
  },
};

/** Vapi caps `limit` at 1000. */
const pageSize = 1000;

export function vapiApi(ctx: SyncContext, baseUrl: string): VendorApi {
  const http = new HttpClient(ctx, baseUrl, vapiHttpStyle);
  return {
    async get(id) {
      return expectObject(await http.send({ method: 'GET', path: assistantPath(id), notFoundMessage: notFoundMessage(ctx, id) }), `GET ${assistantPath(id)}`);
    },
    async create(body) {
      return expectObject(await http.send({ method: 'POST', path: '/assistant', body }), 'POST /assistant');
    },
    async update(id, body) {
      return expectObject(await http.send({ method: 'PATCH', path: assistantPath(id), body, notFoundMessage: notFoundMessage(ctx, id) }), `PATCH ${assistantPath(id)}`);
    },
    async listAll(options = {}) {
      // No cursor: each page asks for items created at or before the last one seen (ties at a page boundary
      // come back again and are dropped by id); it ends on a short page or a page with nothing new.
      const seen = new Map<string, JsonObject>();
      let before: string | undefined;
      for (let page = 1; ; page++) {
        ctx.onProgress?.(`Listing assistants (page ${page})…`);
        const query: Record<string, string> = { limit: String(pageSize) };
        if (before) query.createdAtLe = before;
        if (options.createdSince) query.createdAtGe = options.createdSince;
        const body = await http.send({ method: 'GET', path: '/assistant', query });
        if (!Array.isArray(body)) return Array.from(seen.values());
        let added = 0;
        for (const item of body) {
          const assistant = expectObject(item, 'GET /assistant');
          const id = expectId(assistant, 'id', 'GET /assistant');
          if (!seen.has(id)) {
            seen.set(id, assistant);
            added++;
          }
        }
        const last = body.length ? (body[body.length - 1] as JsonObject).createdAt : undefined;
        if (body.length < pageSize || added === 0 || typeof last !== 'string') return Array.from(seen.values());
        before = last;
      }
    },
    idOf: (assistant) => expectId(assistant, 'id', 'the assistant'),
    createdAtOf: (assistant) => (typeof assistant.createdAt === 'string' ? assistant.createdAt : undefined),
    updatedAtOf: (assistant) => (typeof assistant.updatedAt === 'string' ? assistant.updatedAt : undefined),
  };
}
