// Diff: the file against the live assistant it is linked to, both normalised.
import { SyncError } from './errors';
import type { DiffResult, LocalFile, SyncContext } from './index';
import { checkFileVendor, requireAssistantObject } from './localFile';
import { normalise } from './normalise';
import { diffResult } from './jsonDiff';
import { openSession } from './session';
import { readLink, workspaceRelative } from './state';

/** Compares the file with the live assistant it is linked to in `ctx.env` (SyncError 'not-found' if it is not linked). */
export async function diff(ctx: SyncContext, file: LocalFile): Promise<DiffResult> {
  const { api, log } = openSession(ctx);
  const { env } = ctx;
  checkFileVendor(file.path, file.text, env.name, env.vendor);
  const localNorm = normalise(requireAssistantObject(file, env.vendor), env.vendor);
  const relative = workspaceRelative(ctx.workspaceRoot, file.path);
  const link = await readLink(ctx.workspaceRoot, file.path, env.name);
  if (!link?.id) {
    throw new SyncError('not-found', `${relative} is not linked to an assistant in environment '${env.name}'. Push it to create one, or pull one into it.`);
  }
  ctx.onProgress?.('Fetching the live assistant…');
  const live = normalise(await api.get(link.id), env.vendor, { liveCopy: true });
  const result = diffResult(link.id, localNorm, live);
  log.info(`diff ${relative} ↔ ${env.name}/${link.id}: ${result.equal ? 'equal' : `${result.changes.length} change(s)`}`);
  return result;
}
