// The workspace state file: which remote assistant each file is linked to, per environment, and the hashes of
// both sides at the last sync. Commit-friendly: sorted keys, no secrets, no timestamps except while a create is pending.
//
// <workspaceRoot>/.assistant-config/state.json
// {
//   "version": 1,
//   "files": {
//     "assistants/support.assistant.json": {
//       "dev":  { "id": "…", "localHash": "sha256:…", "remoteHash": "sha256:…" },
//       "prod": { "pendingCreate": { "hash": "sha256:…", "keys": ["model", "name"], "startedAt": "2026-…Z" } }
//     }
//   }
// }
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { SyncError } from './errors';
import type { Environment, FileLink, LocalFile, LocalSyncStatus } from './types';
import { fileKind, parseObjectText } from './localFile';
import { hashOf, normalise } from './normalise';

/** Workspace-relative location of the state file. */
export const STATE_FILE = '.assistant-config/state.json';

interface StateFile {
  version: 1;
  files: Record<string, Record<string, FileLink>>;
}

function stateFilePath(workspaceRoot: string): string {
  return path.join(workspaceRoot, STATE_FILE);
}

/** The file's key in the state file: workspace-relative with forward slashes. */
export function workspaceRelative(workspaceRoot: string, filePath: string): string {
  const relative = path.relative(path.resolve(workspaceRoot), path.resolve(filePath));
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new SyncError('config', `${filePath} is outside the workspace ${workspaceRoot}; links are stored relative to it.`);
  }
  return relative.split(path.sep).join('/');
}

async function readState(workspaceRoot: string): Promise<StateFile> {
  let text: string;
  try {
    text = await readFile(stateFilePath(workspaceRoot), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, files: {} };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as StateFile;
    if (parsed.version !== 1 || typeof parsed.files !== 'object' || parsed.files === null) throw new Error('shape');
    return parsed;
  } catch {
    throw new SyncError('config', `${STATE_FILE} is not a valid state file (version 1). Fix or delete it (links will be lost).`);
  }
}

function sortedObject<T>(record: Record<string, T>, mapValue: (value: T) => unknown = (v) => v): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) out[key] = mapValue(record[key]);
  return out;
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
  return out;
}

async function writeState(workspaceRoot: string, state: StateFile): Promise<void> {
  const files = sortedObject(state.files, (envs) => sortedObject(envs, canonicalLink));
  const target = stateFilePath(workspaceRoot);
  await mkdir(path.dirname(target), { recursive: true });
  // Write-then-rename so a crash never leaves half a state file.
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, JSON.stringify({ version: 1, files }, null, 2) + '\n', 'utf8');
  await rename(temporary, target);
}

/** The link of one file in one environment, if any. */
export async function readLink(workspaceRoot: string, filePath: string, envName: string): Promise<FileLink | undefined> {
  const state = await readState(workspaceRoot);
  return state.files[workspaceRelative(workspaceRoot, filePath)]?.[envName];
}

/** State updates of one workspace run one at a time, so concurrent commands cannot drop each other's links. */
const pendingWrites = new Map<string, Promise<void>>();

/** Records (or with undefined, removes) the link of one file in one environment. */
export async function writeLink(workspaceRoot: string, filePath: string, envName: string, link: FileLink | undefined): Promise<void> {
  const key = workspaceRelative(workspaceRoot, filePath);
  const target = stateFilePath(workspaceRoot);
  const update = async () => {
    const state = await readState(workspaceRoot);
    const envs = { ...(state.files[key] ?? {}) };
    if (link) envs[envName] = link;
    else delete envs[envName];
    if (Object.keys(envs).length > 0) state.files[key] = envs;
    else delete state.files[key];
    await writeState(workspaceRoot, state);
  };
  const next = (pendingWrites.get(target) ?? Promise.resolve()).then(update, update);
  pendingWrites.set(target, next);
  try {
    await next;
  } finally {
    if (pendingWrites.get(target) === next) pendingWrites.delete(target);
  }
}

/** Forgets the link of a file in an environment, so the next push creates a new assistant there. */
export async function unlink(workspaceRoot: string, filePath: string, envName: string): Promise<void> {
  await writeLink(workspaceRoot, filePath, envName, undefined);
}

/** Whether the file changed since its last sync with `env`, from the state file only (no network). */
export async function localStatus(workspaceRoot: string, env: Environment, file: LocalFile): Promise<LocalSyncStatus> {
  const link = await readLink(workspaceRoot, file.path, env.name);
  if (link?.pendingCreate) return { status: 'create-pending' };
  if (!link?.id) return { status: 'unlinked' };
  const parsed = parseObjectText(file.text);
  const same = parsed !== undefined && hashOf(normalise(parsed, fileKind(file.path, file.text, env))) === link.localHash;
  return { status: same ? 'in-sync' : 'modified', id: link.id };
}
