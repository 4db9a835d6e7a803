// The workspace state file's format, read-only: which remote resource each file is linked to, per environment.
// The sync engine (sync/src/state.ts) reads and writes the file with it; the language server reads it to show
// which workspace file a raw id in a reference field stands for.
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
//
// The file comes from git, so from anyone who can open a pull request: it is read as untrusted input. Ids must
// have the vendor's shape and file keys must name files inside the workspace; an entry that is not what the
// sync engine writes is a problem for the reader to report and ignore.
import { idShapeText, isResourceId, type Vendor } from './kinds';

/** Workspace-relative location of the state file. */
export const STATE_FILE = '.assistant-config/state.json';

/** The link recorded for one file in one environment. */
export interface FileLink {
  id?: string;
  /** sha256 of the normalised file content at the last sync. */
  localHash?: string;
  /** sha256 of the normalised live copy at the last sync. */
  remoteHash?: string;
  /**
   * Present while a create's outcome is unknown (sent, no answer). The next push looks for that assistant
   * (created since `startedAt` minus a margin, with the sent keys hashing to `hash`, or else the same `name`)
   * and links it instead of creating a second one.
   */
  pendingCreate?: { startedAt: string; keys: string[]; hash: string; name?: string };
  /**
   * Present while an update's outcome is unknown (sent, read-back not recorded): the hash of the normalised file
   * it sent. A live copy with this hash is that update landing, not a remote change to stop for.
   */
  updateSent?: string;
}

/** What is wrong with a link: the field (none for the whole link), and the value at fault when the message shows it. */
export interface LinkProblem {
  problem: string;
  field?: string;
  /** The offending value, for the reader to show (quoted, cleaned and shortened as its output needs). */
  offending?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The state file's entries (file key → its environments, as in the file), or why the text is not a state file.
 * The reason may quote the JSON parser's message: a reader cleans it before showing it.
 */
export function parseStateText(text: string): { files: Map<string, unknown> } | { invalid: string } {
  let parsed: unknown;
  try {
    // Editors on Windows may add a byte order mark.
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { invalid: (error as Error).message };
  }
  if (!isObject(parsed) || parsed.version !== 1) return { invalid: 'version 1 expected' };
  if (!isObject(parsed.files)) return { invalid: "no 'files' object" };
  return { files: new Map(Object.entries(parsed.files)) };
}

/** A file key the sync engine could have written: a relative path with forward slashes that stays inside the workspace. */
export function isSafeKey(key: string): boolean {
  if (!key || key.length > 4096 || key.startsWith('/') || /[\\\u0000-\u001f]|^[a-z]:/i.test(key)) return false;
  return key.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

const hashShape = /^sha256:[0-9a-f]{64}$/;

/** The link as the sync engine writes it, or the first thing wrong with it. */
export function parseLink(value: unknown, vendor: Vendor): FileLink | LinkProblem {
  if (!isObject(value)) return { problem: `an object expected, found ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}` };
  const { id, localHash, remoteHash, pendingCreate, updateSent } = value;
  if (id !== undefined && !isResourceId(vendor, id)) return { field: 'id', problem: `is not an id (${idShapeText(vendor)})`, offending: id };
  for (const [field, hash] of [['localHash', localHash], ['remoteHash', remoteHash], ['updateSent', updateSent]] as const) {
    if (hash !== undefined && (typeof hash !== 'string' || !hashShape.test(hash))) return { field, problem: 'not a sha256:… hash' };
  }
  const link: FileLink = {};
  if (typeof id === 'string') link.id = id;
  if (typeof localHash === 'string') link.localHash = localHash;
  if (typeof remoteHash === 'string') link.remoteHash = remoteHash;
  if (typeof updateSent === 'string') link.updateSent = updateSent;
  if (pendingCreate !== undefined) {
    if (!isObject(pendingCreate)) return { field: 'pendingCreate', problem: 'an object expected' };
    const { startedAt, keys, hash, name } = pendingCreate;
    if (typeof startedAt !== 'string' || !Number.isFinite(Date.parse(startedAt))) return { field: 'pendingCreate.startedAt', problem: 'not a time' };
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) return { field: 'pendingCreate.keys', problem: 'a list of key names expected' };
    if (typeof hash !== 'string' || !hashShape.test(hash)) return { field: 'pendingCreate.hash', problem: 'not a sha256:… hash' };
    if (name !== undefined && typeof name !== 'string') return { field: 'pendingCreate.name', problem: 'a string expected' };
    link.pendingCreate = { startedAt, keys: keys as string[], hash, ...(name === undefined ? {} : { name }) };
  }
  if (!link.id && !link.pendingCreate) return { problem: 'neither an id nor a pending create' };
  return link;
}

export function isLinkProblem(link: FileLink | LinkProblem): link is LinkProblem {
  return 'problem' in link;
}

/** Every environment whose valid link in one file's entry holds `id` (damaged links are skipped: the sync engine reports them). */
export function environmentsLinking(entry: unknown, vendor: Vendor, id: string): string[] {
  if (!isObject(entry)) return [];
  return Object.keys(entry).filter((envName) => {
    const link = parseLink(entry[envName], vendor);
    return !isLinkProblem(link) && link.id === id;
  });
}
