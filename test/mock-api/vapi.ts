// The mock's Vapi: one collection per Vapi resource kind (/assistant, /tool, /squad, /structured-output),
// Bearer auth, lists with createdAt filters (a bare array; /structured-output wraps it in {results,
// metadata} as the spec says), PATCH subtree replacement, class-validator style 400s, extra server-managed
// fields on every read, and ids of other resources that must exist (as the real API checks them).
import { capitalised, resourceKinds, type ResourceKind, type ResourceType } from '../../core/src/kinds';
import { isFileReference, isResourceTarget, referenceSites } from '../../core/src/references';
import { variantKey } from '../../core/src/validation';
import type { MockRequest, MockResponse } from './server';
import { rejectionsOf, type Rejection } from './rejections';
import type { ResourceStore, StoredResource } from './store';

/** The Vapi resources the mock serves, each with its collection's store. */
export type VapiStores = Record<ResourceType, ResourceStore>;

const vapiKinds = resourceKinds.filter((kind) => kind.vendor === 'vapi');

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

/**
 * What GET returns: the fields set, the spec's server-managed ones and (for assistants) the extras seen in practice.
 * It shares the stored values: every answer is serialised as soon as it is made.
 */
export function vapiView(kind: ResourceKind, resource: StoredResource): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: resource.id,
    orgId: vapiOrgId,
    ...resource.fields,
    createdAt: resource.createdAt,
    updatedAt: resource.updatedAt,
  };
  if (kind.resource === 'assistant' || kind.resource === 'tool') view.latestVersion = 'v1';
  if (kind.resource === 'assistant') Object.assign(view, { isServerUrlSecretSet: false, analyticsMetadata: {}, isDeleted: false, workflowIds: [] });
  return view;
}

/** Ids the body names that no resource of the target kind has: the real API refuses to link to nothing. */
function missingReferences(kind: ResourceKind, body: Record<string, unknown>, stores: VapiStores): string[] {
  return referenceSites(kind, body)
    .flatMap((site) => (isResourceTarget(site.target) && !stores[site.target]?.items.has(site.value) ? [{ ...site, target: site.target }] : []))
    .map((site) => {
      const noun = vapiKinds.find((candidate) => candidate.resource === site.target)?.noun ?? site.target;
      const hint = isFileReference(site.value) ? ' (a file reference must be resolved to an id before it is sent)' : '';
      return `${site.path.join('.')} ${capitalised(noun)} ${site.value} not found${hint}`;
    });
}

/** A body's problems in Vapi's words: schema rejections, a missing variant tag on update, then ids of nothing. */
function bodyProblems(kind: ResourceKind, body: Record<string, unknown>, stores: VapiStores, mode: 'create' | 'update'): string[] {
  // The update body is a union told apart by the same field (UpdateFunctionToolDTO, …): without it no
  // update DTO applies.
  const tag = variantKey(kind);
  if (mode === 'update' && tag && body[tag] === undefined) return [`${tag} must be one of the ${kind.noun} types`];
  const messages = rejectionsOf(kind, body, true, mode).map(vapiMessage);
  return messages.length ? messages : missingReferences(kind, body, stores);
}

export function vapiError(status: number, message: string | string[]): MockResponse {
  const error = { 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable' }[status] ?? 'Error';
  return { status, body: { message, error, statusCode: status } };
}

const timeFilters = ['createdAtGt', 'createdAtLt', 'createdAtGe', 'createdAtLe', 'updatedAtGt', 'updatedAtLt', 'updatedAtGe', 'updatedAtLe'];

function passes(resource: StoredResource, filter: string, bound: string): boolean {
  const value = filter.startsWith('created') ? resource.createdAt : resource.updatedAt;
  if (filter.endsWith('Gt')) return value > bound;
  if (filter.endsWith('Ge')) return value >= bound;
  if (filter.endsWith('Lt')) return value < bound;
  return value <= bound;
}

function listBody(kind: ResourceKind, items: Record<string, unknown>[], limit: number): unknown {
  if (kind.resource !== 'structured-output') return items;
  return { results: items, metadata: { itemsPerPage: limit, totalItems: items.length, currentPage: 1 } };
}

export function handleVapi(stores: VapiStores, request: MockRequest, apiKey: string | undefined): MockResponse {
  const auth = request.headers.authorization;
  const given = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!given || (apiKey !== undefined && given !== apiKey)) {
    return vapiError(401, 'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.');
  }
  const kind = vapiKinds.find((candidate) => request.path === candidate.apiPath || request.path.startsWith(`${candidate.apiPath}/`));
  const match = kind && new RegExp(`^${kind.apiPath}(?:/([^/]+))?$`).exec(request.path);
  if (!kind || !match) return vapiError(404, `Cannot ${request.method} ${request.path}`);
  const store = stores[kind.resource];
  const view = (resource: StoredResource) => vapiView(kind, resource);
  const id = match[1] && decodeURIComponent(match[1]);
  if (!id) {
    if (request.method === 'GET') {
      const limit = Number(request.query.get('limit') ?? '100');
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return vapiError(400, ['limit must not be greater than 1000']);
      let items = store.newestFirst();
      for (const filter of timeFilters) {
        const bound = request.query.get(filter);
        if (bound) items = items.filter((resource) => passes(resource, filter, bound));
      }
      return { status: 200, body: listBody(kind, items.slice(0, limit).map(view), limit) };
    }
    if (request.method === 'POST') {
      const body = request.json;
      if (!body || typeof body !== 'object' || Array.isArray(body)) return vapiError(400, 'body must be an object');
      const problems = bodyProblems(kind, body as Record<string, unknown>, stores, 'create');
      if (problems.length) return vapiError(400, problems);
      return { status: 201, body: view(store.create(body as Record<string, unknown>)) };
    }
    return vapiError(404, `Cannot ${request.method} ${request.path}`);
  }
  const existing = store.items.get(id);
  if (!existing) return vapiError(404, 'Not Found');
  if (request.method === 'GET') return { status: 200, body: view(existing) };
  if (request.method === 'PATCH') {
    const body = request.json;
    if (!body || typeof body !== 'object' || Array.isArray(body)) return vapiError(400, 'body must be an object');
    const problems = bodyProblems(kind, body as Record<string, unknown>, stores, 'update');
    if (problems.length) return vapiError(400, problems);
    return { status: 200, body: view(store.update(id, body as Record<string, unknown>)!) };
  }
  if (request.method === 'DELETE') {
    store.items.delete(id);
    return { status: 200, body: view(existing) };
  }
  return vapiError(404, `Cannot ${request.method} ${request.path}`);
}
