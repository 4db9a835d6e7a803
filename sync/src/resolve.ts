// References per environment. Before a file is compared or sent, each file reference it holds becomes the
// id its target file is linked to in this environment (from the state file), and each prompt reference
// becomes the text of its Markdown file: the body the API gets. Pull goes the other way: an id linked to a
// workspace file becomes a reference to that file, and a long prompt moves into a Markdown file.
import { readFile } from 'node:fs/promises';
import type { ResourceKind } from '../../core/src/kinds';
import { isFileReference, isResourceTarget, referenceBetween, referenceSites, referenceTextProblem, resolveReference, type ReferenceSite } from '../../core/src/references';
import type { ResourceType } from '../../core/src/kinds';
import { SyncError } from './errors';
import { isJsonObject, normalise, type JsonObject } from './normalise';
import type { FileLink, StateScope, SyncContext } from './types';
import { linkedFiles } from './state';
import { workspaceFile } from './workspacePath';

/** Every link of the environment, by the file's key in the state file. */
export type LinkMap = ReadonlyMap<string, FileLink>;

export async function linkMap(scope: StateScope): Promise<Map<string, FileLink>> {
  return new Map((await linkedFiles(scope)).map(({ key, link }) => [key, link]));
}

/** A file reference to another resource file, with where it leads. */
export interface FileReference {
  site: ReferenceSite & { target: ResourceType };
  /** The referenced file: its real path and its key in the state file. */
  path: string;
  key: string;
}

export interface ResolvedBody {
  /** What the API gets in this environment, normalised (`$schema`, server-managed keys and nulls dropped). */
  body: JsonObject;
  /** The file references to other resource files, in document order. */
  references: FileReference[];
  /** Those whose file has no id in this environment yet (never pushed there): their text is left in `body`. */
  unresolved: FileReference[];
}

/** What resolving needs: the workspace and environment, and the caller's unsaved texts. */
export type ResolveScope = StateScope & Pick<SyncContext, 'openText'>;

/** A file's text as the caller has it: an unsaved editor's, else the disk's. */
export async function currentText(scope: Pick<SyncContext, 'openText'>, filePath: string): Promise<string> {
  return scope.openText?.(filePath) ?? (await readFile(filePath, 'utf8'));
}

/**
 * A prompt file's text as the prompt: without a byte order mark and without the one line ending that ends
 * the file (editors add it; pull writes it), so the text round-trips whichever editor saved it.
 */
export function promptOfFileText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
}

/** The file text pull writes for a prompt. */
export function fileTextOfPrompt(prompt: string): string {
  return `${prompt}\n`;
}

/**
 * A copy of a JSON object to set values deep inside without changing the original: only the containers on the
 * paths set are copied (each once), the rest is shared with the original, so a file of any size costs what its
 * references cost, not a deep copy.
 */
export class PathCopy {
  private readonly copies = new WeakSet<object>();
  readonly value: JsonObject;

  constructor(original: JsonObject) {
    this.value = this.copied(original) as JsonObject;
  }

  private copied(container: object): object {
    const copy = Array.isArray(container) ? [...container] : { ...container }; // spread keeps an own `__proto__` key
    this.copies.add(copy);
    return copy;
  }

  set(path: (string | number)[], value: unknown): void {
    let node = this.value as Record<string | number, unknown>;
    for (const segment of path.slice(0, -1)) {
      const child = node[segment] as object;
      if (!this.copies.has(child)) node[segment] = this.copied(child);
      node = node[segment] as Record<string | number, unknown>;
    }
    node[path[path.length - 1]] = value;
  }
}

export function valueAt(root: unknown, path: (string | number)[]): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Where a reference names a file: its key in the state file (a path leading out of the workspace is refused). */
async function referencedFile(scope: StateScope, filePath: string, kind: ResourceKind, site: ReferenceSite): Promise<{ path: string; key: string }> {
  const where = () => `${site.path.join('.')} refers to ${site.value}`;
  const problem = referenceTextProblem(kind, site.target, site.value);
  if (problem) throw new SyncError('config', `${await keyOf(scope, filePath)}: ${where()}: ${problem}`);
  const target = resolveReference(filePath, site.value);
  let located;
  try {
    located = await workspaceFile(scope.workspaceRoot, target);
  } catch (error) {
    if (error instanceof SyncError) throw new SyncError('config', `${await keyOf(scope, filePath)}: ${where()}, which is outside the workspace.`);
    throw error;
  }
  return { path: located.realPath, key: located.key };
}

async function keyOf(scope: StateScope, filePath: string): Promise<string> {
  return (await workspaceFile(scope.workspaceRoot, filePath)).key;
}

async function readReferenced(scope: ResolveScope, referring: string, site: ReferenceSite, target: string): Promise<string> {
  try {
    return await currentText(scope, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') throw error;
    const what = site.target === 'prompt' ? 'prompt file' : 'file';
    throw new SyncError('config', `${await keyOf(scope, referring)}: ${site.path.join('.')} refers to ${site.value}, but there is no such ${what}. Create it, or correct the reference.`);
  }
}

/**
 * The body of a resource file as the API gets it in `scope.env`: each prompt reference replaced by its
 * Markdown text, each file reference by the id its file is linked to there (`links`). A reference whose
 * file is not linked there stays as written and is listed in `unresolved` (the file must be pushed first).
 * A reference to a missing file, one outside the workspace, or one to a file of the wrong kind is an error.
 */
export async function resolveBody(scope: ResolveScope, filePath: string, kind: ResourceKind, value: JsonObject, links: LinkMap): Promise<ResolvedBody> {
  const body = new PathCopy(value);
  const references: FileReference[] = [];
  const unresolved: FileReference[] = [];
  for (const site of referenceSites(kind, value)) {
    if (!isFileReference(site.value)) continue;
    const target = await referencedFile(scope, filePath, kind, site);
    if (!isResourceTarget(site.target)) {
      body.set(site.path, promptOfFileText(await readReferenced(scope, filePath, site, target.path)));
      continue;
    }
    const reference: FileReference = { site: { ...site, target: site.target }, ...target };
    references.push(reference);
    const id = links.get(target.key)?.id;
    if (id) body.set(site.path, id);
    else {
      await readReferenced(scope, filePath, site, target.path); // a missing file is an error now, not a 400 later
      unresolved.push(reference);
    }
  }
  return { body: normalise(body.value, kind), references, unresolved };
}

/**
 * The body without the given references (a cycle's back links, created before their target exists): each
 * goes with the nearest list item that holds it (`toolIds[2]`, `destinations[0]`), or its top-level key.
 */
export function withoutReferences(body: JsonObject, left: readonly FileReference[]): JsonObject {
  const removals = left.map(({ site }) => {
    const lastIndex = site.path.map((segment) => typeof segment === 'number').lastIndexOf(true);
    return lastIndex >= 0 ? site.path.slice(0, lastIndex + 1) : site.path.slice(0, 1);
  });
  // An item inside another removed item goes with it; the rest go from the end backwards, so that removing
  // one list item does not move the next one's index.
  const kept: (string | number)[][] = [];
  for (const removal of [...removals].sort((a, b) => a.length - b.length)) {
    if (!kept.some((outer) => outer.every((segment, index) => segment === removal[index]))) kept.push(removal);
  }
  kept.sort((a, b) => {
    for (let index = 0; index < Math.min(a.length, b.length); index++) {
      if (a[index] === b[index]) continue;
      return typeof a[index] === 'number' && typeof b[index] === 'number' ? (b[index] as number) - (a[index] as number) : 0;
    }
    return 0;
  });
  const unique = kept;
  const copy = structuredClone(body);
  for (const removal of unique) {
    const parent = valueAt(copy, removal.slice(0, -1));
    const last = removal[removal.length - 1];
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else if (isJsonObject(parent)) delete parent[last as string];
  }
  return copy;
}

/**
 * The live copy as a file at `filePath` holds it: each id that the environment links to a workspace file
 * becomes a reference to that file (`idsToFiles`); other ids stay. Returns the ids that no file is linked
 * to, with the kind of resource each names, for pulling them too.
 */
export function referencesForIds(
  kind: ResourceKind,
  filePath: string,
  liveNorm: JsonObject,
  fileOfId: (target: ResourceType, id: string) => string | undefined,
): { value: PathCopy; unknownIds: { target: ResourceType; id: string; site: ReferenceSite }[] } {
  const value = new PathCopy(liveNorm);
  const unknownIds: { target: ResourceType; id: string; site: ReferenceSite }[] = [];
  for (const site of referenceSites(kind, liveNorm)) {
    if (!isResourceTarget(site.target) || isFileReference(site.value)) continue;
    const file = fileOfId(site.target, site.value);
    if (file) value.set(site.path, referenceBetween(filePath, file));
    else unknownIds.push({ target: site.target, id: site.value, site });
  }
  return { value, unknownIds };
}

