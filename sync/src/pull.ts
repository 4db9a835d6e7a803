// Pull: write the live assistant into a file as stable JSON, never over edits that were not synced.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { PullRequest, PullResult, RemoteAssistantSummary, SyncContext, Vendor } from './index';
import { checkFileVendor, parseAssistantText } from './localFile';
import { deepEqual, formatAssistant, hashOf, normalise } from './normalise';
import { diffResult } from './jsonDiff';
import { openSession } from './session';
import { readLink, workspaceRelative, writeLink } from './state';

async function readIfExists(filePath: string): Promise<string | undefined> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Fetches assistant `request.id` and writes it to `request.path`: keys sorted, 2-space indent, trailing newline,
 * no server-managed keys; an existing `$schema` is kept first. Refuses ('local-changes') when the file has content
 * that is not what was last synced with this environment, unless `overwrite`. Links the file to the id.
 */
export async function pull(ctx: SyncContext, request: PullRequest): Promise<PullResult> {
  const { api, log } = openSession(ctx);
  const { env, workspaceRoot } = ctx;
  const relative = workspaceRelative(workspaceRoot, request.path);
  ctx.onProgress?.('Fetching the assistant…');
  const liveNorm = normalise(await api.get(request.id), env.vendor, { liveCopy: true });
  const liveHash = hashOf(liveNorm);

  const existingText = request.currentText ?? (await readIfExists(request.path));
  const hasContent = existingText !== undefined && existingText.trim() !== '';
  const existing = hasContent ? parseAssistantText(existingText) : undefined;
  const existingNorm = existing && normalise(existing, env.vendor);
  const schemaRef = typeof existing?.$schema === 'string' ? existing.$schema : undefined;
  const text = formatAssistant(liveNorm, schemaRef);
  checkFileVendor(request.path, text, env.name, env.vendor);
  const link = { id: request.id, localHash: liveHash, remoteHash: liveHash };

  if (existingNorm && deepEqual(existingNorm, liveNorm)) {
    // Same content, maybe other formatting: leave the user's file alone.
    await writeLink(workspaceRoot, request.path, env.name, link);
    log.info(`pull ${env.name}/${request.id} → ${relative}: already up to date`);
    return { status: 'unchanged', id: request.id, text: existingText as string };
  }
  if (hasContent && !request.overwrite) {
    const previous = await readLink(workspaceRoot, request.path, env.name);
    const synced = existingNorm !== undefined && previous?.id === request.id && hashOf(existingNorm) === previous.localHash;
    if (!synced) {
      log.warn(`pull ${env.name}/${request.id} → ${relative}: the file has changes not synced with '${env.name}'; nothing written`);
      return { status: 'local-changes', id: request.id, diff: diffResult(request.id, existingNorm ?? {}, liveNorm) };
    }
  }
  await (request.write ?? (async (content: string) => {
    await mkdir(path.dirname(request.path), { recursive: true });
    await writeFile(request.path, content, 'utf8');
  }))(text);
  await writeLink(workspaceRoot, request.path, env.name, link);
  log.info(`pull ${env.name}/${request.id} → ${relative}: written`);
  return { status: 'written', id: request.id, text };
}

/** The live assistant as pull would write it (no `$schema`), without writing or linking anything. */
export async function fetchAssistantText(ctx: SyncContext, id: string): Promise<string> {
  const { api } = openSession(ctx);
  ctx.onProgress?.('Fetching the assistant…');
  return formatAssistant(normalise(await api.get(id), ctx.env.vendor, { liveCopy: true }));
}

/** A file name for a pulled assistant: `<slug of name, else id>.assistant.json` (Vapi) or `….insighto.assistant.json`. */
export function suggestFileName(assistant: RemoteAssistantSummary, vendor: Vendor): string {
  const slug =
    (assistant.name ?? '')
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || assistant.id;
  return vendor === 'insighto' ? `${slug}.insighto.assistant.json` : `${slug}.assistant.json`;
}
