// How each resource file stands against an environment: from the state file's hashes, the file (references
// resolved) and the live copy. The live copies come from one list request per kind (a workspace's status,
// a plan), or one GET per file (a single push), never both.
import * as path from 'node:path';
import { kindOf, type ResourceKind } from '../../core/src/kinds';
import { SyncError } from './errors';
import { diffPaths } from './jsonDiff';
import { hashLike, hashOf, normalise, type JsonObject } from './normalise';
import { currentText, linkMap, resolveBody, type ResolveScope } from './resolve';
import { openSession } from './session';
import type { FileStatus, LocalFile, LocalSyncStatus, OrphanStatus, StatusRequest, SyncContext, SyncState, WorkspaceStatus } from './types';
import { fileKind, parseObjectText, resourceName } from './localFile';
import { readLink } from './state';
import { findResourceFiles, isNode, isOfVendor, loadNode, type WorkspaceNode } from './workspace';

/** Where the live copies come from: `undefined` for a linked resource that no longer exists. */
export interface LiveCopies {
  get(node: WorkspaceNode): Promise<JsonObject | undefined>;
}

/** Every kind of the environment's vendor. */
export function environmentKinds(ctx: SyncContext): ResourceKind[] {
  return (['assistant', 'tool', 'squad', 'structured-output'] as const).flatMap((resource) => kindOf(ctx.env.vendor, resource) ?? []);
}

/** One list request per kind (all pages): the live copies by id. */
export async function listLive(ctx: SyncContext, kinds: readonly ResourceKind[]): Promise<Map<string, { kind: ResourceKind; resource: JsonObject }>> {
  const byId = new Map<string, { kind: ResourceKind; resource: JsonObject }>();
  for (const kind of kinds) {
    const { api } = openSession(ctx, kind);
    for (const resource of await api.listAll()) byId.set(api.idOf(resource), { kind, resource });
  }
  return byId;
}

export function listedCopies(listed: ReadonlyMap<string, { kind: ResourceKind; resource: JsonObject }>): LiveCopies {
  return {
    get: async (node) => {
      const found = node.link?.id ? listed.get(node.link.id) : undefined;
      return found && found.kind.id === node.kind.id ? found.resource : undefined;
    },
  };
}

/** One GET per linked file, as a single push needs; a 404 is a deleted resource. */
export function fetchedCopies(ctx: SyncContext): LiveCopies {
  const cache = new Map<string, Promise<JsonObject | undefined>>();
  return {
    get: (node) => {
      const id = node.link?.id;
      if (!id) return Promise.resolve(undefined);
      let found = cache.get(id);
      if (!found) {
        found = openSession(ctx, node.kind).api.get(id).catch((error: unknown) => {
          if (error instanceof SyncError && error.kind === 'not-found') return undefined;
          throw error;
        });
        cache.set(id, found);
      }
      return found;
    },
  };
}


/** The state of one file, with the live copy (undefined: deleted) when the file is linked. */
export function fileStatus(node: WorkspaceNode, live: JsonObject | undefined): FileStatus & { liveNorm?: JsonObject } {
  const base: FileStatus = { path: node.path, key: node.key, kind: node.kind.id, state: 'not-pushed' };
  const name = resourceName(node.value);
  if (name) base.name = name;
  if (node.resolved.unresolved.length) base.needs = [...new Set(node.resolved.unresolved.map((reference) => reference.key))];
  const link = node.link;
  if (!link?.id) return link?.pendingCreate ? { ...base, createPending: true } : base;
  const linked = { ...base, id: link.id };
  if (!live) return { ...linked, state: 'live-deleted' };
  const liveNorm = normalise(live, node.kind, { liveCopy: true });
  // A live copy in sync with the file is recognised by comparing the two, not by hashing it.
  const liveHash = hashLike(liveNorm, node.resolved.body);
  if (liveHash === node.localHash) return { ...linked, state: 'in-sync', liveNorm };
  // An update whose read-back was never recorded (killed after sending) landed if live is what it sent.
  const landed = link.updateSent !== undefined && liveHash === link.updateSent;
  const localChanged = node.localHash !== (landed ? link.updateSent : link.localHash);
  const liveChanged = !landed && liveHash !== link.remoteHash;
  const state: SyncState = localChanged ? (liveChanged ? 'conflict' : 'local-changes') : liveChanged ? 'live-changed' : 'in-sync';
  return state === 'in-sync' ? { ...linked, state, liveNorm } : { ...linked, state, changes: diffPaths(node.resolved.body, liveNorm), liveNorm };
}

/** Drops the engine's own fields from a status before it is handed out. */
export function publicStatus(status: FileStatus & { liveNorm?: JsonObject }): FileStatus {
  const { liveNorm: _liveNorm, ...rest } = status;
  return rest;
}

/**
 * Every resource file of the workspace (or of `request.paths`) against the environment, with one list
 * request per kind of the environment's vendor; live resources no file is linked to are orphans. Files of
 * another vendor are left out; files that cannot be read as resources are problems.
 */
export async function status(ctx: SyncContext, request: StatusRequest = {}): Promise<WorkspaceStatus> {
  const links = await linkMap(ctx);
  const paths = await findResourceFiles(ctx.workspaceRoot, request.paths);
  const named = new Set((request.paths ?? []).map((given) => path.resolve(given)));
  const result: WorkspaceStatus = { env: ctx.env.name, files: [], orphans: [], problems: [] };
  const nodes: WorkspaceNode[] = [];
  for (const filePath of paths) {
    const text = await currentText(ctx, filePath).catch(() => undefined);
    // Searching finds other vendors' files too: left out, unless the file itself was named (then it is a problem).
    if (!named.has(filePath) && text !== undefined && !isOfVendor(ctx, filePath, text)) continue;
    const loaded = await loadNode(ctx, filePath, links, text === undefined ? undefined : { text });
    if (isNode(loaded)) nodes.push(loaded);
    else result.problems.push(loaded);
  }
  ctx.onProgress?.('Listing live resources…');
  const listed = await listLive(ctx, environmentKinds(ctx));
  const copies = listedCopies(listed);
  for (const node of nodes) result.files.push(publicStatus(fileStatus(node, await copies.get(node))));
  result.files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const linkedIds = new Set([...links.values()].flatMap((link) => (link.id ? [link.id] : [])));
  for (const [id, { kind, resource }] of listed) {
    if (linkedIds.has(id)) continue;
    const orphan: OrphanStatus = { kind: kind.id, id };
    const name = resourceName(resource);
    if (name) orphan.name = name;
    if (typeof resource.updatedAt === 'string') orphan.updatedAt = resource.updatedAt;
    result.orphans.push(orphan);
  }
  const order = environmentKinds(ctx).map((kind) => kind.id);
  result.orphans.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || (a.name ?? '').localeCompare(b.name ?? '') || a.id.localeCompare(b.id));
  return result;
}

/**
 * Whether the file changed since its last sync with the scope's environment, from the state file and the
 * workspace's files alone (no network): its references are resolved as a push would resolve them, so an
 * edited prompt file is a change and a reference to the linked file is none.
 */
export async function localStatus(scope: ResolveScope, file: LocalFile): Promise<LocalSyncStatus> {
  const link = await readLink(scope, file.path);
  if (link?.pendingCreate) return { status: 'create-pending' };
  if (!link?.id) return { status: 'unlinked' };
  const parsed = parseObjectText(file.text);
  if (!parsed) return { status: 'modified', id: link.id };
  const kind = fileKind(file.path, file.text, scope.env);
  try {
    const resolved = await resolveBody(scope, file.path, kind, parsed, await linkMap(scope));
    return { status: hashOf(resolved.body) === link.localHash ? 'in-sync' : 'modified', id: link.id };
  } catch (error) {
    // A reference to nothing is a change from what was synced (which resolved).
    if (error instanceof SyncError && error.kind === 'config') return { status: 'modified', id: link.id };
    throw error;
  }
}
