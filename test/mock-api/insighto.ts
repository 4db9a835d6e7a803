// The mock's Insighto: `api_key` query parameter, {message, meta, data} envelope, page/size lists, PUT with
// optional fields (top-level replacement), unknown fields ignored and FastAPI-style 422s, every field on reads.
import { kindById } from '../../core/src/kinds';
import { loadSchema, pushableKeys } from '../../core/src/validation';

const insighto = kindById('insighto-assistant');
import type { MockRequest, MockResponse } from './server';
import { rejectionsOf, type Rejection } from './rejections';
import type { ResourceStore, StoredResource } from './store';

function pydanticDetail(rejection: Rejection): { loc: Array<string | number>; msg: string; type: string } {
  const loc = ['body', ...rejection.path];
  const { problem } = rejection;
  switch (problem.kind) {
    case 'unknown-property':
      return { loc: [...loc, problem.key], msg: 'Extra inputs are not permitted', type: 'extra_forbidden' };
    case 'type':
      return { loc, msg: `Input should be a valid ${problem.expected}`, type: `${problem.expected}_type` };
    case 'enum':
      return { loc, msg: `Input should be ${problem.values.map((v) => `'${String(v)}'`).join(', ')}`, type: 'enum' };
    case 'max-length':
      return { loc, msg: `String should have at most ${problem.limit} characters`, type: 'string_too_long' };
    case 'maximum':
      return { loc, msg: `Input should be less than or equal to ${problem.limit}`, type: 'less_than_equal' };
    case 'minimum':
      return { loc, msg: `Input should be greater than or equal to ${problem.limit}`, type: 'greater_than_equal' };
  }
}

/** Every documented field (null when unset), as a pydantic read model returns it; shares the stored values (serialised at once). */
export function insightoView(assistant: StoredResource): Record<string, unknown> {
  const schema = loadSchema(insighto) as { properties?: Record<string, unknown> };
  const all: Record<string, unknown> = {};
  for (const key of Object.keys(schema.properties ?? {})) if (key !== '$schema') all[key] = null;
  return { ...all, ...assistant.fields, id: assistant.id, created_at: assistant.createdAt, updated_at: assistant.updatedAt };
}

function envelope(message: string, data: unknown): MockResponse {
  return { status: 200, body: { message, meta: {}, data } };
}

export function insightoError(status: number, detail: unknown): MockResponse {
  return { status, body: { detail } };
}

/** Known fields only: pydantic drops the rest silently. */
function accepted(body: Record<string, unknown>): Record<string, unknown> {
  const keys = pushableKeys(insighto);
  return Object.fromEntries(Object.entries(body).filter(([key]) => keys.has(key)));
}

export function handleInsighto(store: ResourceStore, request: MockRequest, apiKey: string | undefined): MockResponse {
  const given = request.query.get('api_key') ?? '';
  if (!given || (apiKey !== undefined && given !== apiKey)) return insightoError(401, 'Invalid API key');
  const match = /^\/assistant(?:\/([^/]+))?$/.exec(request.path);
  if (!match) return insightoError(404, 'Not Found');
  const id = match[1] && decodeURIComponent(match[1]);
  const body = request.json as Record<string, unknown> | undefined;
  if (!id) {
    if (request.method === 'GET') {
      const page = Number(request.query.get('page') ?? '1');
      const size = Number(request.query.get('size') ?? '50');
      if (!(page >= 1) || !(size >= 1 && size <= 100)) {
        return insightoError(422, [{ loc: ['query', 'size'], msg: 'Input should be less than or equal to 100', type: 'less_than_equal' }]);
      }
      const all = store.newestFirst();
      const items = all.slice((page - 1) * size, page * size).map(insightoView);
      return envelope('Data retrieved successfully', { items, total: all.length, page, size, pages: Math.ceil(all.length / size) });
    }
    if (request.method === 'POST') {
      if (!body || typeof body !== 'object' || Array.isArray(body)) return insightoError(422, [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }]);
      const missing = ['assistant_type', 'llm_model'].filter((key) => body[key] === undefined);
      const details = [
        ...missing.map((key) => ({ loc: ['body', key], msg: 'Field required', type: 'missing' })),
        ...rejectionsOf(insighto, body, false).map(pydanticDetail),
      ];
      if (details.length) return insightoError(422, details);
      return envelope('Data created successfully', insightoView(store.create(accepted(body))));
    }
    return insightoError(405, 'Method Not Allowed');
  }
  const existing = store.items.get(id);
  if (!existing) return insightoError(404, 'Assistant not found');
  if (request.method === 'GET') return envelope('Data retrieved successfully', insightoView(existing));
  if (request.method === 'PUT') {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return insightoError(422, [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }]);
    const details = rejectionsOf(insighto, body, false).map(pydanticDetail);
    if (details.length) return insightoError(422, details);
    return envelope('Data updated successfully', insightoView(store.update(id, accepted(body))!));
  }
  if (request.method === 'DELETE') {
    store.items.delete(id);
    return envelope('Data deleted successfully', insightoView(existing));
  }
  return insightoError(405, 'Method Not Allowed');
}
