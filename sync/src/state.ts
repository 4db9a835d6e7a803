// The workspace state file (format: core/src/stateFile.ts): which remote resource each file is linked to, per
// environment, and the hashes of both sides at the last sync. Commit-friendly: sorted keys, no secrets, no
// timestamps except while a create is pending.
//
// The file comes from git, so from anyone who can open a pull request: it is read as untrusted input. Ids must
// have the vendor's shape, file keys must name files inside the workspace, a link to the file or its folder is
// refused, and an entry that is not what this module writes is reported with its path and ignored (kept in the
// file as it was, for a person to fix). Writes are atomic and locked across processes (VS Code and the CLI, two
// CLI runs), so no update drops another's link.
import { lstat, mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import lockfile from 'proper-lockfile';
import { isLinkProblem, isSafeKey, parseLink, parseStateText, STATE_FILE, type FileLink } from '../../core/src/stateFile';
import { writeFileAtomic } from './atomicFile';
import { SyncError } from './errors';
import { isJsonObject } from './normalise';
import { plainText, shortened } from './responseText';
import type { StateScope } from './types';
import { workspaceFile } from './workspacePath';

export { STATE_FILE };

/** The state file as read: every entry as it was (written back untouched), and the problems found in any. */
interface StateFile {
  /** File key → its environments, as in the file. */
  files: Map<string, unknown>;
}

function stateFilePath(workspaceRoot: string): string {
  return path.join(workspaceRoot, STATE_FILE);
}

/** The state file and its folder must be what they seem: a link could lead reads and writes out of the workspace. */
async function checkLocation(workspaceRoot: string): Promise<void> {
  const folder = path.dirname(stateFilePath(workspaceRoot));
  const kindOf = (target: string) =>
    lstat(target).then(
      (stats) => (stats.isSymbolicLink() ? 'link' : stats.isDirectory() ? 'folder' : 'file'),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return 'missing';
        throw error;
      },
    );
  const folderKind = await kindOf(folder);
  if (folderKind === 'link') {
    throw new SyncError('config', `${path.dirname(STATE_FILE)} is a symbolic link; refusing to read or write the state file through it (it could lead outside the workspace). Make it a plain folder.`);
  }
  if (folderKind === 'file') {
    throw new SyncError('config', `${path.dirname(STATE_FILE)} is a file, but it must be the folder that holds ${path.basename(STATE_FILE)}. Move that file away and sync again.`);
  }
  if (folderKind === 'missing') return;
  const fileKindFound = await kindOf(stateFilePath(workspaceRoot));
  if (fileKindFound === 'link') {
    throw new SyncError('config', `${STATE_FILE} is a symbolic link; refusing to read or write through it (it could lead outside the workspace). Make it a plain file.`);
  }
  if (fileKindFound === 'folder') throw new SyncError('config', `${STATE_FILE} is a folder; it must be a file. Move it away and sync again.`);
}

async function readState(workspaceRoot: string): Promise<StateFile> {
  await checkLocation(workspaceRoot);
  let text: string;
  try {
    text = await readFile(stateFilePath(workspaceRoot), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { files: new Map() };
    throw error;
  }
  const parsed = parseStateText(text);
  if ('invalid' in parsed) {
    throw new SyncError('config', `${STATE_FILE} is not a valid state file (${plainText(parsed.invalid)}). Fix or delete it (links will be lost).`);
  }
  return parsed;
}

/** `files["a.assistant.json"].dev.id`, as a person finds it in the file. */
function entryPath(key: string, envName?: string, field?: string): string {
  const shown = shortened(JSON.stringify(key), 120);
  return `${STATE_FILE}: files[${shown}]${envName === undefined ? '' : `[${shortened(JSON.stringify(envName), 60)}]`}${field ? `.${field}` : ''}`;
}

/** Each problem is told once per scope (a command), however often the state is read during it. */
const reported = new WeakMap<object, Set<string>>();

function report(scope: StateScope, message: string): void {
  const seen = reported.get(scope) ?? new Set<string>();
  reported.set(scope, seen);
  if (seen.has(message)) return;
  seen.add(message);
  scope.onWarning?.(message);
}

/** The valid link of one state entry in the scope's environment; a damaged one is reported and ignored. */
function linkOf(scope: StateScope, state: StateFile, key: string): FileLink | undefined {
  const entry = state.files.get(key);
  if (entry === undefined) return undefined;
  const envName = scope.env.name;
  if (!isJsonObject(entry)) {
    report(scope, `${entryPath(key)}: an object of environments expected; entry ignored.`);
    return undefined;
  }
  if (!Object.hasOwn(entry, envName)) return undefined;
  const link = parseLink(entry[envName], scope.env.vendor);
  if (isLinkProblem(link)) {
    const shown = link.offending === undefined ? '' : `${shortened(plainText(JSON.stringify(link.offending)), 80)} `;
    report(scope, `${entryPath(key, envName, link.field)}: ${shown}${link.problem}; entry ignored.`);
    return undefined;
  }
  return link;
}

/** The link of one file in the scope's environment, if any. */
export async function readLink(scope: StateScope, filePath: string): Promise<FileLink | undefined> {
  const { key } = await workspaceFile(scope.workspaceRoot, filePath);
  return linkOf(scope, await readState(scope.workspaceRoot), key);
}

/** Every file linked (or with a create pending) in the scope's environment: keys checked to stay in the workspace, links valid. */
export async function linkedFiles(scope: StateScope): Promise<{ key: string; path: string; link: FileLink }[]> {
  const state = await readState(scope.workspaceRoot);
  const linked: { key: string; path: string; link: FileLink }[] = [];
  for (const key of [...state.files.keys()].sort()) {
    if (!isSafeKey(key)) {
      report(scope, `${entryPath(key)}: not a path inside the workspace; entry ignored.`);
      continue;
    }
    const link = linkOf(scope, state, key);
    if (link) linked.push({ key, path: path.join(scope.workspaceRoot, ...key.split('/')), link });
  }
  return linked;
}

function canonicalLink(link: FileLink): FileLink {
  const out: FileLink = {};
  if (link.id !== undefined) out.id = link.id;
  if (link.localHash !== undefined) out.localHash = link.localHash;
  if (link.pendingCreate) {
    const { hash, keys, name, startedAt } = link.pendingCreate;
    out.pendingCreate = name === undefined ? { hash, keys: [...keys].sort(), startedAt } : { hash, keys: [...keys].sort(), name, startedAt };
  }
  if (link.remoteHash !== undefined) out.remoteHash = link.remoteHash;
  if (link.updateSent !== undefined) out.updateSent = link.updateSent;
  return out;
}

function sortedObject(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  // fromEntries defines own properties, so a key such as "__proto__" stays a plain key.
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function writeState(workspaceRoot: string, state: StateFile): Promise<void> {
  const files = sortedObject([...state.files].map(([key, envs]) => [key, isJsonObject(envs) ? sortedObject(Object.entries(envs)) : envs]));
  await writeFileAtomic(stateFilePath(workspaceRoot), JSON.stringify({ version: 1, files }, null, 2) + '\n');
}

/**
 * How long a lock may go without its holder refreshing it (every `update` ms) before another process takes it
 * over: a process killed while holding it blocks the others this long at most.
 */
const lockOptions = {
  realpath: false,
  stale: 10_000,
  update: 2_000,
  retries: { retries: 80, factor: 1.2, minTimeout: 10, maxTimeout: 250 },
};

/** Runs `update` holding the state file's lock (across processes), after the updates of this process before it. */
async function underLock<T>(workspaceRoot: string, update: () => Promise<T>): Promise<T> {
  const target = stateFilePath(workspaceRoot);
  await checkLocation(workspaceRoot);
  await mkdir(path.dirname(target), { recursive: true });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, {
      ...lockOptions,
      // Held for a few milliseconds; losing it would take a stall longer than `stale`. Nothing to undo then.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') {
      throw new SyncError('config', `${STATE_FILE} stayed locked by another sync (VS Code or another CLI run) for over 15 s. Try again when it has finished.`);
    }
    throw error;
  }
  try {
    return await update();
  } finally {
    await release().catch(() => undefined);
  }
}

/** State updates of one process run one at a time (the lock then only waits for other processes). */
const pendingWrites = new Map<string, Promise<unknown>>();

/** Records (or with undefined, removes) the link of one file in the scope's environment. */
export async function writeLink(scope: StateScope, filePath: string, link: FileLink | undefined): Promise<void> {
  const { workspaceRoot, env } = scope;
  const { key } = await workspaceFile(workspaceRoot, filePath);
  const update = () =>
    underLock(workspaceRoot, async () => {
      const state = await readState(workspaceRoot);
      const entry = state.files.get(key);
      const envs = new Map(isJsonObject(entry) ? Object.entries(entry) : []);
      if (link) envs.set(env.name, canonicalLink(link));
      else envs.delete(env.name);
      if (envs.size > 0) state.files.set(key, Object.fromEntries(envs));
      else state.files.delete(key);
      await writeState(workspaceRoot, state);
    });
  const target = stateFilePath(workspaceRoot);
  const next = (pendingWrites.get(target) ?? Promise.resolve()).then(update, update);
  pendingWrites.set(target, next);
  try {
    await next;
  } finally {
    if (pendingWrites.get(target) === next) pendingWrites.delete(target);
  }
}

/** Forgets the link of a file in the scope's environment, so the next push creates a new resource there. */
export async function unlink(scope: StateScope, filePath: string): Promise<void> {
  await writeLink(scope, filePath, undefined);
}
