// Pull a whole org: every assistant, tool, squad and structured output of the environment (all pages, one
// list request per kind) into a folder, `assistants/`, `tools/`, `squads/`, `structured-outputs/`, each id
// written as a reference to the file that holds it. A resource already linked to a workspace file is pulled
// into that file (so a rename in the dashboard moves nothing); a new one gets a file named after it.
import * as path from 'node:path';
import { cancelledError } from './errors';
import { resourceName } from './localFile';
import { freePath, pullInto, suggestFileName, type PullRun } from './pull';
import { linkMap } from './resolve';
import { environmentKinds, listLive } from './status';
import type { PullAllRequest, PullAllResult, SyncContext } from './types';
import { workspaceFile } from './workspacePath';

export async function pullAll(ctx: SyncContext, request: PullAllRequest): Promise<PullAllResult> {
  const folder = (await workspaceFile(ctx.workspaceRoot, request.folder, { folder: true })).realPath;
  const links = await linkMap(ctx);
  const run: PullRun = { links, files: new Map(), claimed: new Set(), folder };
  ctx.onProgress?.('Listing live resources…');
  const listed = [...(await listLive(ctx, environmentKinds(ctx)))];
  // Every file is chosen before any is written, so that references between them resolve whatever the order.
  const linkedFile = new Map<string, string>();
  for (const [key, link] of links) if (link.id) linkedFile.set(link.id, path.join(ctx.workspaceRoot, ...key.split('/')));
  const sorted = listed.sort(([idA, a], [idB, b]) => a.kind.id.localeCompare(b.kind.id) || (resourceName(a.resource) ?? '').localeCompare(resourceName(b.resource) ?? '') || idA.localeCompare(idB));
  for (const [id, { kind, resource }] of sorted) {
    const existing = linkedFile.get(id);
    if (existing) {
      run.files.set(id, existing);
      run.claimed.add(existing.toLowerCase());
      continue;
    }
    const name = resourceName(resource);
    const fileName = suggestFileName({ id, ...(name ? { name } : {}) }, kind);
    const suffix = fileName.endsWith(`.${kind.vendor}${kind.fileSuffix}`) ? `.${kind.vendor}${kind.fileSuffix}` : kind.fileSuffix;
    run.files.set(id, await freePath(run, path.join(folder, kind.folder), fileName.slice(0, fileName.length - suffix.length), suffix));
  }
  const result: PullAllResult = { folder, files: [], counts: { written: 0, unchanged: 0, localChanges: 0 } };
  for (const [index, [id, { kind, resource }]] of sorted.entries()) {
    if (ctx.signal?.aborted) throw cancelledError();
    const target = run.files.get(id)!;
    request.onResource?.({ index, total: sorted.length, kind: kind.id, id, path: target });
    const pulled = await pullInto(ctx, { id, path: target, overwrite: request.overwrite, promptFileLines: request.promptFileLines }, run, resource);
    result.files.push({ path: target, id, kind: kind.id, status: pulled.status, ...(pulled.prompts ? { prompts: pulled.prompts } : {}) });
    if (pulled.status === 'written') result.counts.written++;
    else if (pulled.status === 'unchanged') result.counts.unchanged++;
    else result.counts.localChanges++;
  }
  return result;
}
