// Diff: the file against the live resource it is linked to, both normalised.
import { withArticle } from '../../core/src/kinds';
import { SyncError } from './errors';
import type { DiffResult, LocalFile, SyncContext } from './types';
import { fileKind, requireObject } from './localFile';
import { normalise } from './normalise';
import { diffResult } from './jsonDiff';
import { linkMap, resolveBody } from './resolve';
import { openSession } from './session';
import { readLink } from './state';
import { workspaceFile } from './workspacePath';

/**
 * Compares the file with the live resource it is linked to in `ctx.env` (SyncError 'not-found' if it is not
 * linked). The file's references count as what they resolve to here (the linked id, the prompt file's text),
 * so `changes` lists only real differences, and `liveText` keeps the file's reference wherever live holds
 * exactly what it resolves to.
 */
export async function diff(ctx: SyncContext, file: LocalFile): Promise<DiffResult> {
  const { env } = ctx;
  const kind = fileKind(file.path, file.text, env);
  const { api, log } = openSession(ctx, kind);
  const value = await requireObject(ctx, file, kind);
  const relative = (await workspaceFile(ctx.workspaceRoot, file.path)).key;
  const link = await readLink(ctx, file.path);
  if (!link?.id) {
    throw new SyncError('not-found', `${relative} is not linked to ${withArticle(kind.noun)} in environment '${env.name}'. Push it to create one, or pull one into it.`);
  }
  ctx.onProgress?.(`Fetching the live ${kind.noun}…`);
  const live = normalise(await api.get(link.id), kind, { liveCopy: true });
  const resolved = (await resolveBody(ctx, file.path, kind, value, await linkMap(ctx))).body;
  const result = diffResult(link.id, file.text, resolved, live, true); // the text was parsed (requireObject)
  log.info(`diff ${relative} ↔ ${env.name}/${link.id}: ${result.equal ? 'equal' : `${result.changes.length} change(s)`}`);
  return result;
}
