// Pull: write the live resource into a file as stable JSON, never over edits that were not synced.
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { kindTitle, resourceKinds, withArticle, type ResourceKind } from '../../core/src/kinds';
import { SyncError } from './errors';
import { fileKind, kindToWrite, parseObjectText } from './localFile';
import { deepEqual, formatResource, hashOf, normalise } from './normalise';
import type { PullRequest, PullResult, RemoteSummary, SyncContext } from './types';
import { diffResult } from './jsonDiff';
import { openSession } from './session';
import { writeFileAtomic } from './atomicFile';
import { readLink, writeLink } from './state';
import { workspaceFile } from './workspacePath';

async function readIfExists(filePath: string): Promise<string | undefined> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Fetches resource `request.id` (of the kind the file's name says) and writes it to `request.path`: keys sorted,
 * 2-space indent, trailing newline, no server-managed keys; an existing `$schema` is kept first. Refuses
 * ('local-changes') when the file has content that is not what was last synced with this environment, unless
 * `overwrite`. Links the file to the id.
 */
export async function pull(ctx: SyncContext, request: PullRequest): Promise<PullResult> {
  const { env, workspaceRoot } = ctx;
  const kind = kindToWrite(request.path, env);
  const { api, log } = openSession(ctx, kind);
  // Read and written at its real path: a link inside the workspace is followed, one leading out is refused.
  const { key: relative, realPath } = await workspaceFile(workspaceRoot, request.path);
  ctx.onProgress?.(`Fetching the ${kind.noun}…`);
  const liveNorm = normalise(await api.get(request.id), kind, { liveCopy: true });
  const liveHash = hashOf(liveNorm);

  const existingText = request.currentText ?? (await readIfExists(realPath));
  const hasContent = existingText !== undefined && existingText.trim() !== '';
  const existing = hasContent ? parseObjectText(existingText) : undefined;
  const existingNorm = existing && normalise(existing, kind);
  const schemaRef = typeof existing?.$schema === 'string' ? existing.$schema : undefined;
  const text = formatResource(liveNorm, schemaRef);
  // The written file must read back as this kind (an Insighto assistant named like a Vapi one would not).
  if (fileKind(request.path, text, env).id !== kind.id) {
    throw new SyncError('config', `${path.basename(request.path)} would not read back as ${withArticle(kindTitle(kind))} file; choose a name ending in ${kind.fileSuffix}.`);
  }
  const link = { id: request.id, localHash: liveHash, remoteHash: liveHash };

  if (existingNorm && deepEqual(existingNorm, liveNorm)) {
    // Same content, maybe other formatting: leave the user's file alone.
    await writeLink(ctx, request.path, link);
    log.info(`pull ${env.name}/${request.id} → ${relative}: already up to date`);
    return { status: 'unchanged', id: request.id, text: existingText as string };
  }
  if (hasContent && !request.overwrite) {
    const previous = await readLink(ctx, request.path);
    const synced = existingNorm !== undefined && previous?.id === request.id && hashOf(existingNorm) === previous.localHash;
    if (!synced) {
      log.warn(`pull ${env.name}/${request.id} → ${relative}: the file has changes not synced with '${env.name}'; nothing written`);
      return { status: 'local-changes', id: request.id, diff: diffResult(request.id, existingText ?? '', existingNorm ?? {}, liveNorm) };
    }
  }
  await (request.write ?? (async (content: string) => {
    await mkdir(path.dirname(realPath), { recursive: true });
    // A kill at any moment leaves the old file or the new one, never an empty or half-written one.
    await writeFileAtomic(realPath, content);
  }))(text);
  await writeLink(ctx, request.path, link);
  log.info(`pull ${env.name}/${request.id} → ${relative}: written`);
  return { status: 'written', id: request.id, text };
}

/** The live resource as pull would write it (no `$schema`), without writing or linking anything. */
export async function fetchLiveText(ctx: SyncContext, kind: ResourceKind, id: string): Promise<string> {
  const { api } = openSession(ctx, kind);
  ctx.onProgress?.(`Fetching the ${kind.noun}…`);
  return formatResource(normalise(await api.get(id), kind, { liveCopy: true }));
}

/** A file name for a pulled resource: `<slug of name, else id><suffix>`, with the vendor named where the suffix is shared. */
export function suggestFileName(summary: RemoteSummary, kind: ResourceKind): string {
  const slug =
    (summary.name ?? '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || summary.id;
  const sharesSuffix = resourceKinds.some((other) => other !== kind && other.fileSuffix === kind.fileSuffix);
  // The default kind of a shared suffix needs no vendor in the name.
  const isDefault = resourceKinds.find((other) => other.fileSuffix === kind.fileSuffix) === kind;
  return sharesSuffix && !isDefault ? `${slug}.${kind.vendor}${kind.fileSuffix}` : `${slug}${kind.fileSuffix}`;
}
