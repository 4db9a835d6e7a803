// The mock's Vapi: Bearer auth, bare-array list with createdAt filters, PATCH subtree replacement,
// class-validator style 400s, extra server-managed fields on every read.
import { kindById } from '../../core/src/kinds';
import type { MockRequest, MockResponse } from './server';
import { rejectionsOf, type Rejection } from './rejections';
import type { AssistantStore, StoredAssistant } from './store';

const vapiAssistant = kindById('vapi-assistant');

export const vapiOrgId = 'org-mock-0000';

function dotted(rejection: Rejection): string {
  return rejection.path.join('.');
}

/** class-validator wording, as Vapi's 400s use it. */
export function vapiMessage(rejection: Rejection): string {
  const at = dotted(rejection);
  const { problem } = rejection;
  switch (problem.kind) {
    case 'unknown-property':
      return `${at ? `${at}.` : ''}property ${problem.key} should not exist`;
    case 'type':
      return `${at} must be a ${problem.expected}`;
    case 'enum':
      return `${at} must be one of the following values: ${problem.values.join(', ')}`;
    case 'max-length':
      return `${at} must be shorter than or equal to ${problem.limit} characters`;
    case 'maximum':
      return `${at} must not be greater than ${problem.limit}`;
    case 'minimum':
      return `${at} must not be less than ${problem.limit}`;
  }
}

export function vapiView(assistant: StoredAssistant): Record<string, unknown> {
  return {
    id: assistant.id,
    orgId: vapiOrgId,
    ...structuredClone(assistant.fields),
    createdAt: assistant.createdAt,
    updatedAt: assistant.updatedAt,
    isServerUrlSecretSet: false,
    analyticsMetadata: {},
    isDeleted: false,
    workflowIds: [],
  };
}

export function vapiError(status: number, message: string | string[]): MockResponse {
  const error = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' }[status] ?? 'Error';
  return { status, body: { message, error, statusCode: status } };
}

const timeFilters = ['createdAtGt', 'createdAtLt', 'createdAtGe', 'createdAtLe', 'updatedAtGt', 'updatedAtLt', 'updatedAtGe', 'updatedAtLe'];

function passes(assistant: StoredAssistant, filter: string, bound: string): boolean {
  const value = filter.startsWith('created') ? assistant.createdAt : assistant.updatedAt;
  if (filter.endsWith('Gt')) return value > bound;
  if (filter.endsWith('Ge')) return value >= bound;
  if (filter.endsWith('Lt')) return value < bound;
  return value <= bound;
}

export function handleVapi(store: AssistantStore, request: MockRequest, apiKey: string | undefined): MockResponse {
  const auth = request.headers.authorization;
  const given = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!given || (apiKey !== undefined && given !== apiKey)) {
    return vapiError(401, 'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.');
  }
  const match = /^\/assistant(?:\/([^/]+))?$/.exec(request.path);
  if (!match) return vapiError(404, `Cannot ${request.method} ${request.path}`);
  const id = match[1] && decodeURIComponent(match[1]);
  if (!id) {
    if (request.method === 'GET') {
      const limit = Number(request.query.get('limit') ?? '100');
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return vapiError(400, ['limit must not be greater than 1000']);
      let items = store.newestFirst();
      for (const filter of timeFilters) {
        const bound = request.query.get(filter);
        if (bound) items = items.filter((assistant) => passes(assistant, filter, bound));
      }
      return { status: 200, body: items.slice(0, limit).map(vapiView) };
    }
    if (request.method === 'POST') {
      const body = request.json;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return vapiError(400, 'body must be an object');
      const rejections = rejectionsOf(vapiAssistant, body as Record<string, unknown>, true);
      if (rejections.length) return vapiError(400, rejections.map(vapiMessage));
      return { status: 201, body: vapiView(store.create(body as Record<string, unknown>)) };
    }
    return vapiError(404, `Cannot ${request.method} ${request.path}`);
  }
  const existing = store.assistants.get(id);
  if (!existing) return vapiError(404, 'Not Found');
  if (request.method === 'GET') return { status: 200, body: vapiView(existing) };
  if (request.method === 'PATCH') {
    const body = request.json;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return vapiError(400, 'body must be an object');
    const rejections = rejectionsOf(vapiAssistant, body as Record<string, unknown>, true);
    if (rejections.length) return vapiError(400, rejections.map(vapiMessage));
    return { status: 200, body: vapiView(store.update(id, body as Record<string, unknown>)!) };
  }
  if (request.method === 'DELETE') {
    store.assistants.delete(id);
    return { status: 200, body: vapiView(existing) };
  }
  return vapiError(404, `Cannot ${request.method} ${request.path}`);
}
