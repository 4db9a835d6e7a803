// Sending one resource: create it (no link in this environment) or update it (linked), never overwriting a
// remote change unasked, never leaving a duplicate behind a create whose response was lost. The body is
// the file's as the API gets it here (references resolved); push and apply call this for each resource.
import type { ResourceKind } from '../../core/src/kinds';
import { createOnlyKeys, variantKey } from '../../core/src/validation/schemas';
import { apiMessagesToDiagnostics } from './apiDiagnostics';
import { SyncError } from './errors';
import type { FileLink, LocalFile, PathChange, PushPlan, ResourcePushResult } from './types';
import { diffPaths, diffResult } from './jsonDiff';
import { deepEqual, hashLike, hashOf, normalise, setOwn, type JsonObject } from './normalise';
import type { Session } from './session';
import { readLink, writeLink } from './state';

/** Server clocks and ours may disagree; a lost create is searched for from this long before it was sent. */
const clockSkewMs = 5 * 60_000;

/** The given keys of a normalised object, in sorted order (so the result is normalised too). */
function pick(value: JsonObject, keys: Iterable<string>): JsonObject {
  const out: JsonObject = {};
  for (const key of [...keys].sort()) if (Object.hasOwn(value, key)) setOwn(out, key, value[key]);
  return out;
}

/**
 * Every top-level key whose value differs from the live copy is sent whole (the API replaces each subtree it
 * receives, so a partial object would drop the rest); every key live has but the file does not is sent as null,
 * which clears it: the file is the whole truth for every key a user can set. Keys the update DTO lacks
 * (create-only) are never sent; a kind whose update body is a union (a tool's) also sends the field that names
 * its variant (`type`), unchanged, so the API knows which update DTO applies.
 */
export function updatePlan(kind: ResourceKind, localNorm: JsonObject, liveNorm: JsonObject): PushPlan {
  const createOnly = createOnlyKeys(kind);
  const body: JsonObject = {};
  const changedKeys: string[] = [];
  const clearedKeys: string[] = [];
  for (const key of Object.keys(localNorm)) {
    if (!createOnly.has(key) && !deepEqual(localNorm[key], liveNorm[key])) {
      body[key] = localNorm[key];
      changedKeys.push(key);
    }
  }
  for (const key of Object.keys(liveNorm)) {
    if (!(key in localNorm) && !createOnly.has(key)) {
      body[key] = null;
      clearedKeys.push(key);
    }
  }
  const tag = variantKey(kind);
  if (tag && !createOnly.has(tag) && !(tag in body) && localNorm[tag] !== undefined) body[tag] = localNorm[tag];
  return { action: 'update', body, changedKeys, clearedKeys };
}

export function createPlan(body: JsonObject): PushPlan {
  return { action: 'create', body, changedKeys: Object.keys(body), clearedKeys: [] };
}

/** Paths, within the keys sent, where the read-back differs from the file. */
function notKeptPaths(localNorm: JsonObject, readBackNorm: JsonObject, plan: PushPlan): PathChange[] {
  if (hashOf(localNorm) === hashOf(readBackNorm)) return []; // all kept, the usual case: both hashes are known already
  const touched = [...plan.changedKeys, ...plan.clearedKeys];
  return diffPaths(pick(localNorm, touched), pick(readBackNorm, touched));
}

/** A 400/422 becomes an 'invalid' result with the API's messages placed on the file. */
async function mapRejection(session: Session, file: LocalFile, send: () => Promise<JsonObject>): Promise<{ sent: JsonObject } | { rejected: ResourcePushResult }> {
  try {
    return { sent: await send() };
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'validation' && error.apiMessages) {
      return { rejected: { status: 'invalid', diagnostics: apiMessagesToDiagnostics(error.apiMessages, file.text, session.ctx.env.vendor) } };
    }
    throw error;
  }
}

/**
 * Looks for the resource a lost create may have made: created since the create was sent (minus a clock margin)
 * and equal on every key that was sent; failing that, the only one with the same name in that window.
 */
async function findLostCreate(session: Session, kind: ResourceKind, pending: NonNullable<FileLink['pendingCreate']>): Promise<JsonObject | undefined> {
  const { api, ctx } = session;
  const since = new Date(Date.parse(pending.startedAt) - clockSkewMs).toISOString();
  ctx.onProgress?.('Checking whether the last create went through…');
  const all = await api.listAll({ createdSince: since });
  const inWindow = all.filter((resource) => {
    const createdAt = api.createdAtOf(resource);
    return createdAt === undefined || Date.parse(createdAt) >= Date.parse(since);
  });
  const sameContent = inWindow.filter(
    (resource) => hashOf(pick(normalise(resource, kind, { liveCopy: true }), pending.keys)) === pending.hash,
  );
  // The name is a weaker sign, trusted only with a creation time inside the window.
  const candidates = sameContent.length
    ? sameContent
    : inWindow.filter((resource) => pending.name !== undefined && resource.name === pending.name && api.createdAtOf(resource) !== undefined);
  if (candidates.length > 1) {
    const ids = candidates.map((resource) => api.idOf(resource)).join(', ');
    throw new SyncError(
      'conflict',
      `A create sent earlier may have gone through, and several ${kind.noun}s match it (${ids}). Pull the right one into this file (or delete the extras) before pushing.`,
    );
  }
  return candidates[0];
}

export interface SendOptions {
  /** Update even if the live copy changed since the last sync. */
  overwrite?: boolean;
  /** The live copy, normalised, when the caller has just read it; otherwise it is read here, just before writing. */
  liveNorm?: JsonObject;
}

/**
 * Creates (no link in this environment) or updates (linked) the remote resource of `file` with `localNorm`, its
 * normalised body with references resolved. Update: stops with 'conflict' if the live copy changed since the
 * last sync unless `overwrite`; sends nothing when neither side changed since the last sync or both already
 * match. Create: records a create-pending marker first, so a retry after a lost response links the resource
 * that was made instead of making another. Throws SyncError for transport, auth and configuration failures;
 * API rejections come back as 'invalid'.
 */
export async function sendResource(session: Session, kind: ResourceKind, file: LocalFile, key: string, localNorm: JsonObject, options: SendOptions = {}): Promise<ResourcePushResult> {
  const { api, log, ctx } = session;
  const label = `${key} → ${ctx.env.name}`;
  const localHash = hashOf(localNorm);

  let link = await readLink(ctx, file.path);
  let adopted = false;
  if (link?.pendingCreate) {
    const found = await findLostCreate(session, kind, link.pendingCreate);
    if (found) {
      const id = api.idOf(found);
      log.info(`push ${label}: the earlier create went through as ${id}; linking it instead of creating again`);
      link = { id, localHash: link.pendingCreate.hash, remoteHash: hashOf(normalise(found, kind, { liveCopy: true })) };
      adopted = true;
      await writeLink(ctx, file.path, link);
    } else {
      log.info(`push ${label}: the earlier create did not go through`);
      link = undefined;
    }
  }

  if (!link?.id) {
    const plan = createPlan(localNorm);
    const name = typeof localNorm.name === 'string' ? localNorm.name : undefined;
    const pendingCreate = { startedAt: new Date().toISOString(), keys: plan.changedKeys, hash: localHash, name };
    await writeLink(ctx, file.path, { pendingCreate });
    ctx.onProgress?.(`Creating the ${kind.noun}…`);
    let created: Awaited<ReturnType<typeof mapRejection>>;
    try {
      created = await mapRejection(session, file, () => api.create(localNorm));
    } catch (error) {
      // A 4xx, or a failure before the request left, proves nothing was created; anything else keeps the marker
      // for the next push to check.
      if (error instanceof SyncError && error.createMayHaveSucceeded !== true) {
        await writeLink(ctx, file.path, undefined);
      }
      throw error;
    }
    if ('rejected' in created) {
      await writeLink(ctx, file.path, undefined);
      return created.rejected;
    }
    const id = api.idOf(created.sent);
    // What the API answered and read back are hashed by comparing them with what was sent, usually the same.
    await writeLink(ctx, file.path, { id, localHash, remoteHash: hashLike(normalise(created.sent, kind, { liveCopy: true }), localNorm) });
    ctx.onProgress?.('Reading back…');
    const readBack = normalise(await api.get(id), kind, { liveCopy: true });
    await writeLink(ctx, file.path, { id, localHash, remoteHash: hashLike(readBack, localNorm) });
    const notKept = notKeptPaths(localNorm, readBack, plan);
    log.info(`push ${label}: created ${id}${notKept.length ? `; not kept by the API: ${notKept.map((c) => c.path).join(', ')}` : ''}`);
    return { status: 'created', id, plan, notKept };
  }

  const id = link.id;
  let liveNorm = options.liveNorm;
  if (!liveNorm) {
    ctx.onProgress?.(`Fetching the live ${kind.noun}…`);
    liveNorm = normalise(await getLinked(session, kind, id), kind, { liveCopy: true });
  }
  const liveHash = hashOf(liveNorm);
  if (link.updateSent !== undefined && liveHash === link.updateSent && liveHash !== link.remoteHash) {
    // An update sent earlier landed, but its read-back was never recorded (killed, cut off): that is this sync.
    log.info(`push ${label}: the update sent earlier landed; recording it`);
    link = { id, localHash: link.updateSent, remoteHash: liveHash };
  }
  const unchangedSinceSync = localHash === link.localHash && liveHash === link.remoteHash;
  if (liveHash === localHash || unchangedSinceSync) {
    await writeLink(ctx, file.path, { id, localHash, remoteHash: liveHash });
    log.info(`push ${label}: ${id} in sync; nothing sent`);
    return adopted ? { status: 'adopted', id, notKept: [] } : { status: 'unchanged', id };
  }
  if (liveHash !== link.remoteHash && !options.overwrite) {
    log.warn(`push ${label}: ${id} changed remotely since the last sync; nothing sent`);
    return { status: 'conflict', id, diff: diffResult(id, file.text, localNorm, liveNorm, true) }; // a file the plan parsed
  }
  const plan = updatePlan(kind, localNorm, liveNorm);
  // Until the read-back is recorded, the link says what was sent, so a kill in between is no false conflict later.
  await writeLink(ctx, file.path, { ...link, updateSent: localHash });
  ctx.onProgress?.(`Updating the ${kind.noun}…`);
  const updated = await mapRejection(session, file, () => api.update(id, plan.body));
  if ('rejected' in updated) {
    await writeLink(ctx, file.path, link); // rejected: nothing changed
    return updated.rejected;
  }
  ctx.onProgress?.('Reading back…');
  const readBack = normalise(await api.get(id), kind, { liveCopy: true });
  await writeLink(ctx, file.path, { id, localHash, remoteHash: hashLike(readBack, localNorm) });
  const notKept = notKeptPaths(localNorm, readBack, plan);
  const sent = [...plan.changedKeys, ...plan.clearedKeys.map((key) => `${key} (cleared)`)].join(', ');
  log.info(`push ${label}: updated ${id} (${sent})${notKept.length ? `; not kept by the API: ${notKept.map((c) => c.path).join(', ')}` : ''}`);
  return adopted ? { status: 'adopted', id, plan, notKept } : { status: 'updated', id, plan, notKept };
}

/** The live resource a file is linked to; a 404 says what to do about the link. */
export async function getLinked(session: Session, kind: ResourceKind, id: string): Promise<JsonObject> {
  try {
    return await session.api.get(id);
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'not-found') {
      throw new SyncError(
        'not-found',
        `The ${kind.noun} ${id} linked to this file no longer exists in environment '${session.ctx.env.name}'. Unlink the file to create a new one there, or pull another ${kind.noun} into it.`,
        { status: 404 },
      );
    }
    throw error;
  }
}
