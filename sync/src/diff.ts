// Diff: the file against the live resource it is linked to, both normalised.
import { withArticle } from '../../core/src/kinds';
import { SyncError } from './errors';
import type { DiffResult, LocalFile, SyncContext } from './types';
import { fileKind, requireObject } from './localFile';
import { normalise } from './normalise';
import { diffResult } from './jsonDiff';
import { openSession } from './session';
import { readLink } from './state';
import { workspaceFile } from './workspacePath';

/** Compares the file with the live resource it is linked to in `ctx.env` (SyncError 'not-found' if it is not linked). */
export async function diff(ctx: SyncContext, file: LocalFile): Promise<DiffResult> {
  const { env } = ctx;
  const kind = fileKind(file.path, file.text, env);
  const { api, log } = openSession(ctx, kind);
  const localNorm = normalise(await requireObject(ctx, file, kind), kind);
  const relative = (await workspaceFile(ctx.workspaceRoot, file.path)).key;
  const link = await readLink(ctx, file.path);
  if (!link?.id) {
    throw new SyncError('not-found', `${relative} is not linked to ${withArticle(kind.noun)} in environment '${env.name}'. Push it to create one, or pull one into it.`);
  }
  ctx.onProgress?.(`Fetching the live ${kind.noun}…`);
  const live = normalise(await api.get(link.id), kind, { liveCopy: true });
  const result = diffResult(link.id, file.text, localNorm, live);
  log.info(`diff ${relative} ↔ ${env.name}/${link.id}: ${result.equal ? 'equal' : `${result.changes.length} change(s)`}`);
  return result;
}
