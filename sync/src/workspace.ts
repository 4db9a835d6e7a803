// The workspace's resource files as status, plan, apply and push see them: found by name under the
// workspace, read (an unsaved editor's text first), parsed, their references resolved against the
// environment's links, and the files they refer to loaded with them.
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { isResourceFileName } from '../../core/src/kindOfFile';
import type { ResourceKind } from '../../core/src/kinds';
import { SyncError } from './errors';
import { fileKind, parseObjectText } from './localFile';
import { hashOf, type JsonObject } from './normalise';
import { currentText, resolveBody, type LinkMap, type ResolveScope, type ResolvedBody } from './resolve';
import type { FileLink, FileProblem } from './types';
import { workspaceFile } from './workspacePath';

/** A resource file, read and resolved against one environment. */
export interface WorkspaceNode {
  /** Real path. */
  path: string;
  key: string;
  text: string;
  kind: ResourceKind;
  /** The file's object as written. */
  value: JsonObject;
  resolved: ResolvedBody;
  /** Hash of the resolved body: what the state file's localHash is compared with. */
  localHash: string;
  link?: FileLink;
}

/** A file the caller holds: its text, and its object when the caller has parsed it already. */
export interface HeldFile {
  text: string;
  value?: JsonObject;
}

/** Folders never searched for resource files: tools' and version control's, and hidden ones. */
const skippedFolders = new Set(['node_modules', 'dist', 'out']);

async function walk(folder: string, found: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
    throw error;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    // Links are not followed: one could lead out of the workspace, or in a circle.
    if (entry.isDirectory()) {
      if (!skippedFolders.has(entry.name)) await walk(full, found);
    } else if (entry.isFile() && isResourceFileName(entry.name)) found.push(full);
  }
}

/**
 * The resource files under the workspace root, or under the given files and folders, by name
 * (`*.assistant.json`, `*.tool.json`, …), sorted. A named file is taken whatever its name.
 */
export async function findResourceFiles(workspaceRoot: string, paths?: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  if (!paths?.length) await walk(workspaceRoot, found);
  for (const given of paths ?? []) {
    const entries = await readdir(given, { withFileTypes: true }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOTDIR') return false;
        if (error.code === 'ENOENT') throw new SyncError('config', `${given}: no such file or folder.`);
        throw error;
      },
    );
    if (entries) await walk(given, found);
    else found.push(path.resolve(given));
  }
  return [...new Set(found)].sort();
}

/** Whether a file belongs to the environment's vendor (a Vapi environment has nothing to say about an Insighto file). */
export function isOfVendor(scope: ResolveScope, filePath: string, text: string): boolean {
  try {
    fileKind(filePath, text, scope.env);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads one resource file and resolves its references against `links`. A file that cannot be synced as it is
 * (not a JSON object, another vendor's, a reference to a missing file) is a problem, not an error, so that a
 * workspace-wide status still reports every other file.
 */
export async function loadNode(scope: ResolveScope, filePath: string, links: LinkMap, held?: HeldFile): Promise<WorkspaceNode | FileProblem> {
  const { key, realPath } = await workspaceFile(scope.workspaceRoot, filePath);
  const problem = (message: string): FileProblem => ({ path: realPath, key, message });
  let content: string;
  try {
    content = held?.text ?? (await currentText(scope, realPath));
  } catch (error) {
    return problem(`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let kind: ResourceKind;
  try {
    kind = fileKind(realPath, content, scope.env);
  } catch (error) {
    if (error instanceof SyncError) return problem(error.message);
    throw error;
  }
  const value = held?.value ?? parseObjectText(content);
  if (!value) return problem('is not a valid JSON object; fix its syntax first.');
  try {
    const resolved = await resolveBody(scope, realPath, kind, value, links);
    return { path: realPath, key, text: content, kind, value, resolved, localHash: hashOf(resolved.body), link: links.get(key) };
  } catch (error) {
    if (error instanceof SyncError && error.kind === 'config') return problem(error.message.startsWith(`${key}: `) ? error.message.slice(key.length + 2) : error.message);
    throw error;
  }
}

export function isNode(value: WorkspaceNode | FileProblem): value is WorkspaceNode {
  return 'resolved' in value;
}

/**
 * The given files and every file they refer to, transitively (a squad, its assistants, their tools), by key.
 * `held` holds files the caller already has (the file being pushed).
 */
export async function loadWithReferences(
  scope: ResolveScope,
  paths: readonly string[],
  links: LinkMap,
  held: ReadonlyMap<string, HeldFile> = new Map(),
): Promise<{ nodes: Map<string, WorkspaceNode>; problems: FileProblem[]; roots: string[] }> {
  const nodes = new Map<string, WorkspaceNode>();
  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  const roots: string[] = [];
  const pending: { path: string; root: boolean }[] = paths.map((root) => ({ path: root, root: true }));
  while (pending.length) {
    const next = pending.shift()!;
    const loaded = await loadNode(scope, next.path, links, held.get(path.resolve(next.path)));
    if (next.root) roots.push(loaded.key);
    if (seen.has(loaded.key)) continue;
    seen.add(loaded.key);
    if (!isNode(loaded)) {
      problems.push(loaded);
      continue;
    }
    nodes.set(loaded.key, loaded);
    for (const reference of loaded.resolved.references) if (!seen.has(reference.key)) pending.push({ path: reference.path, root: false });
  }
  return { nodes, problems, roots: [...new Set(roots)] };
}
