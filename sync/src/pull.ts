// Pull: write the live resource into a file as stable JSON, never over edits that were not synced.
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { kindOf, kindTitle, resourceKinds, withArticle, type ResourceKind, type ResourceType } from '../../core/src/kinds';
import { isPromptReference, promptFileSuffix, promptPlaces, referenceBetween, resolveReference } from '../../core/src/references';
import { SyncError } from './errors';
import { fileKind, kindToWrite, parseObjectText, resourceName } from './localFile';
import { deepEqual, formatResource, hashOf, normalise, type JsonObject } from './normalise';
import { fileTextOfPrompt, linkMap, referencesForIds, resolveBody, valueAt } from './resolve';
import type { FileLink, PullRequest, PullResult, RemoteSummary, SyncContext } from './types';
import { diffResult, liveLikeFile } from './jsonDiff';
import { openSession } from './session';
import { writeFileAtomic } from './atomicFile';
import { writeLink } from './state';
import { workspaceFile } from './workspacePath';

async function readIfExists(filePath: string): Promise<string | undefined> {
  try {
    return await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** What one pull (a resource and those it brings along, or a whole org) knows as it goes. */
export interface PullRun {
  /** The environment's links, kept up to date as files are written. */
  links: Map<string, FileLink>;
  /** Resource id → the file it is being pulled into in this run (a cycle meets its own start here). */
  files: Map<string, string>;
  /** Files this run chose to write, so two resources never get one name. */
  claimed: Set<string>;
  /** The folder of the file pulled first: what it brings along goes into `tools/`, `assistants/`, … there. */
  folder?: string;
}

/** Default of `promptFileLines`: a prompt longer than this many lines gets its own file. */
export const defaultPromptFileLines = 20;

async function exists(filePath: string): Promise<boolean> {
  return (await readIfExists(filePath)) !== undefined;
}

/** A new file's path in `folder` from a name: `name<suffix>`, else `name-2<suffix>`, … (free on disk and in this run). */
export async function freePath(run: PullRun, folder: string, name: string, suffix: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, `${n === 1 ? name : `${name}-${n}`}${suffix}`);
    if (!run.claimed.has(candidate.toLowerCase()) && !(await exists(candidate))) {
      run.claimed.add(candidate.toLowerCase());
      return candidate;
    }
  }
}

/** `front-desk` for `front-desk.assistant.json`. */
function baseName(filePath: string, kind: ResourceKind): string {
  const name = path.basename(filePath);
  const lower = name.toLowerCase();
  const suffix = [`.${kind.vendor}${kind.fileSuffix}`, kind.fileSuffix].find((candidate) => lower.endsWith(candidate)) ?? path.extname(name);
  return name.slice(0, name.length - suffix.length) || 'prompt';
}

/** The files the environment links, by resource id. */
function fileOfIdIn(ctx: SyncContext, run: PullRun): (target: ResourceType, id: string) => string | undefined {
  const byId = new Map<string, string>();
  for (const [key, link] of run.links) if (link.id) byId.set(link.id, path.join(ctx.workspaceRoot, ...key.split('/')));
  return (target, id) => {
    const file = run.files.get(id) ?? byId.get(id);
    return file && kindToWrite(file, ctx.env).resource === target ? file : undefined;
  };
}

/**
 * Fetches resource `request.id` (of the kind the file's name says) and writes it to `request.path`: keys sorted,
 * 2-space indent, trailing newline, no server-managed keys; an existing `$schema` is kept first. Ids of
 * resources linked to workspace files here become references to those files; prompts longer than
 * `promptFileLines` go to `prompts/<name>.md` beside the file (one the file already refers to is kept);
 * with `withDependencies`, the resources it refers to that no file holds are pulled first. Refuses
 * ('local-changes') when the file has content that is not what was last synced with this environment, unless
 * `overwrite`. Links the file to the id.
 */
export async function pull(ctx: SyncContext, request: PullRequest): Promise<PullResult> {
  return pullInto(ctx, request, { links: await linkMap(ctx), files: new Map(), claimed: new Set() });
}

/** Pulls one resource within a run; `fetched` is its live copy when the caller has just read it (a list). */
export async function pullInto(ctx: SyncContext, request: PullRequest, run: PullRun, fetched?: JsonObject): Promise<PullResult> {
  const { env, workspaceRoot } = ctx;
  const kind = kindToWrite(request.path, env);
  const { api, log } = openSession(ctx, kind);
  // Read and written at its real path: a link inside the workspace is followed, one leading out is refused.
  const { key: relative, realPath } = await workspaceFile(workspaceRoot, request.path);
  run.files.set(request.id, realPath);
  run.claimed.add(realPath.toLowerCase());
  run.folder ??= path.dirname(realPath);
  ctx.onProgress?.(`Fetching the ${kind.noun}…`);
  const liveNorm = normalise(fetched ?? (await api.get(request.id)), kind, { liveCopy: true });
  const liveHash = hashOf(liveNorm);

  const existingText = request.currentText ?? (await readIfExists(realPath));
  const hasContent = existingText !== undefined && existingText.trim() !== '';
  const existing = hasContent ? parseObjectText(existingText) : undefined;
  const existingNorm = existing && (await resolveBody(ctx, realPath, kind, existing, run.links).then((resolved) => resolved.body, () => undefined));
  const schemaRef = typeof existing?.$schema === 'string' ? existing.$schema : undefined;

  // The resources it refers to that no file holds: pulled first when asked, else named in the result.
  const dependencies: NonNullable<PullResult['dependencies']> = [];
  let { value: copy, unknownIds } = referencesForIds(kind, realPath, liveNorm, fileOfIdIn(ctx, run));
  if (request.withDependencies && unknownIds.length) {
    for (const unknown of unknownIds.filter((item, index, all) => all.findIndex((other) => other.id === item.id) === index)) {
      const target = kindOf(env.vendor, unknown.target);
      if (!target || run.files.has(unknown.id)) continue;
      let live: JsonObject;
      try {
        live = await openSession(ctx, target).api.get(unknown.id);
      } catch (error) {
        if (error instanceof SyncError && error.kind === 'not-found') continue; // an id of nothing stays as it is
        throw error;
      }
      const liveName = resourceName(live);
      const name = suggestFileName({ id: unknown.id, ...(liveName ? { name: liveName } : {}) }, target);
      const suffix = name.endsWith(`.${target.vendor}${target.fileSuffix}`) ? `.${target.vendor}${target.fileSuffix}` : target.fileSuffix;
      const depPath = await freePath(run, path.join(run.folder, target.folder), name.slice(0, name.length - suffix.length), suffix);
      const result = await pullInto(ctx, { id: unknown.id, path: depPath, withDependencies: true, promptFileLines: request.promptFileLines }, run, live);
      dependencies.push(...(result.dependencies ?? []), { path: depPath, id: unknown.id, status: result.status });
    }
    ({ value: copy, unknownIds } = referencesForIds(kind, realPath, liveNorm, fileOfIdIn(ctx, run)));
  }

  // Long prompts (and those the file already keeps in a file) as Markdown files beside it.
  const promptLines = request.promptFileLines ?? defaultPromptFileLines;
  const prompts: { path: string; text: string }[] = [];
  for (const place of promptPlaces(kind, copy.value)) {
    const current = existing ? valueAt(existing, place.path) : undefined;
    let promptPath = typeof current === 'string' && isPromptReference(current) ? resolveReference(realPath, current) : undefined;
    if (!promptPath && place.value.split('\n').length <= promptLines) continue;
    if (promptPath) run.claimed.add(promptPath.toLowerCase());
    else {
      const base = baseName(realPath, kind);
      const name = prompts.length === 0 ? base : `${base}-${place.path.join('-').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      promptPath = await freePath(run, path.join(path.dirname(realPath), 'prompts'), name, promptFileSuffix);
    }
    copy.set(place.path, referenceBetween(realPath, promptPath));
    prompts.push({ path: promptPath, text: fileTextOfPrompt(place.value) });
  }

  // Into a file that exists, the live values are edited into its own text: its key order, indentation and
  // untouched lines stay, so the commit shows only what changed live. Its content in its own terms (references
  // as written) also serves the equality check below.
  const value = copy.value;
  const existingAsWritten = existing && normalise(existing, kind);
  const text = existingAsWritten ? liveLikeFile(existingText as string, existingAsWritten, value, true) : formatResource(value, schemaRef);
  // The written file must read back as this kind (an Insighto assistant named like a Vapi one would not).
  if (fileKind(request.path, text, env).id !== kind.id) {
    throw new SyncError('config', `${path.basename(request.path)} would not read back as ${withArticle(kindTitle(kind))} file; choose a name ending in ${kind.fileSuffix}.`);
  }
  const link = { id: request.id, localHash: liveHash, remoteHash: liveHash };
  const extras = {
    ...(dependencies.length ? { dependencies } : {}),
    ...(!request.withDependencies && unknownIds.length ? { notInWorkspace: unknownIds.map(({ site, target, id }) => ({ field: site.path.join('.'), target, id })) } : {}),
  };

  const promptsWritten = (await Promise.all(prompts.map(async (prompt) => (await readIfExists(prompt.path)) === prompt.text))).every(Boolean);
  if (existingAsWritten && deepEqual(existingAsWritten, normalise(value, kind)) && promptsWritten) {
    // Same content in the same terms, maybe other formatting: leave the user's file alone.
    await recordLink(ctx, run, realPath, relative, link);
    log.info(`pull ${env.name}/${request.id} → ${relative}: already up to date`);
    return { status: 'unchanged', id: request.id, text: existingText as string, ...extras };
  }
  // A file that says what live says in other terms (an id where a reference now goes) loses nothing.
  const sameContent = existingNorm !== undefined && deepEqual(existingNorm, liveNorm);
  if (hasContent && !request.overwrite && !sameContent) {
    const previous = run.links.get(relative);
    const synced = existingNorm !== undefined && previous?.id === request.id && hashOf(existingNorm) === previous.localHash;
    if (!synced) {
      log.warn(`pull ${env.name}/${request.id} → ${relative}: the file has changes not synced with '${env.name}'; nothing written`);
      return { status: 'local-changes', id: request.id, diff: diffResult(request.id, existingText ?? '', existingNorm ?? {}, liveNorm, existing !== undefined), ...extras };
    }
  }
  // Prompt files first: the file never refers to one that is not there yet.
  const writtenPrompts: string[] = [];
  for (const prompt of prompts) {
    await workspaceFile(workspaceRoot, prompt.path);
    if ((await readIfExists(prompt.path)) === prompt.text) continue;
    await mkdir(path.dirname(prompt.path), { recursive: true });
    await writeFileAtomic(prompt.path, prompt.text);
    writtenPrompts.push(prompt.path);
  }
  await (request.write ?? (async (content: string) => {
    await mkdir(path.dirname(realPath), { recursive: true });
    // A kill at any moment leaves the old file or the new one, never an empty or half-written one.
    await writeFileAtomic(realPath, content);
  }))(text);
  await recordLink(ctx, run, realPath, relative, link);
  log.info(`pull ${env.name}/${request.id} → ${relative}: written${writtenPrompts.length ? ` (and ${writtenPrompts.length} prompt file(s))` : ''}`);
  return { status: 'written', id: request.id, text, ...(writtenPrompts.length ? { prompts: writtenPrompts } : {}), ...extras };
}

async function recordLink(ctx: SyncContext, run: PullRun, realPath: string, key: string, link: FileLink): Promise<void> {
  await writeLink(ctx, realPath, link);
  run.links.set(key, link);
}

/** The live resource as pull would write it (no `$schema`), without writing or linking anything. */
export async function fetchLiveText(ctx: SyncContext, kind: ResourceKind, id: string): Promise<string> {
  const { api } = openSession(ctx, kind);
  ctx.onProgress?.(`Fetching the ${kind.noun}…`);
  return formatResource(normalise(await api.get(id), kind, { liveCopy: true }));
}

/** A file name for a pulled resource: `<slug of name, else id><suffix>`, with the vendor named where the suffix is shared. */
export function suggestFileName(summary: RemoteSummary, kind: ResourceKind): string {
  const cleaned = (summary.name ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // accents, once split from their letters
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  // Names Windows keeps for devices, whatever the extension: `con.tool.json` cannot be created there.
  const slug = !cleaned ? summary.id : /^(con|prn|aux|nul|com\d|lpt\d)$/.test(cleaned) ? `${cleaned}-${kind.resource}` : cleaned;
  const sharesSuffix = resourceKinds.some((other) => other !== kind && other.fileSuffix === kind.fileSuffix);
  // The default kind of a shared suffix needs no vendor in the name.
  const isDefault = resourceKinds.find((other) => other.fileSuffix === kind.fileSuffix) === kind;
  return sharesSuffix && !isDefault ? `${slug}.${kind.vendor}${kind.fileSuffix}` : `${slug}${kind.fileSuffix}`;
}
