// Schemas from the vendor's live OpenAPI document: fetched (no key), converted by the build's own conversion
// (core/src/schemaGeneration), kept on disk with the document's hash and the day it was first seen, and
// installed in place of the bundled ones (core/src/validation/schemas.ts). The previous version's legacy
// knowledge is kept and what the vendor removed becomes legacy, dated. A failed fetch or a document that does
// not convert changes nothing: the last good set stays. Only Vapi publishes such a document.
//
// On disk, one folder per vendor under the cache root (VS Code's global storage, ~/.cache/assistant-config
// for the CLI): `live-schemas.json` holds the schemas and their validators' standalone code together, so a
// restart loads them without ajv's seconds of compiling; `last-check.json` says when the last check ran.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { resourceKinds, type KindId, type Vendor } from '../kinds';
import { loadCompiledCode } from '../schemaGeneration/compile';
import { NotOpenApiError, openApiSnapshot, type Schema } from '../schemaGeneration/openapi';
import type { PreviousSchemas, SchemaDiff } from '../schemaGeneration/previous';
import { generateVapiSchemas } from '../schemaGeneration/vapi';
import { bundledSchema, type LiveSchemaSet } from '../validation/schemas';
import { fetchOpenApiDocument, type FetchedDocument } from './fetchDocument';

export { diffLines, type SchemaDiff } from '../schemaGeneration/previous';

const CACHE_FILE = 'live-schemas.json';
const CHECK_FILE = 'last-check.json';
const FORMAT = 1;
/** The background check runs at most this often. */
export const checkIntervalMs = 24 * 60 * 60 * 1000;

export interface LiveSchemaMeta {
  vendor: Vendor;
  /** The document's URL. */
  document: string;
  /** The day this version of the document (this hash) was first seen, YYYY-MM-DD. */
  date: string;
  /** sha256 of the document's text. */
  hash: string;
  fetchedAt: string;
  /** Time to convert the document and compile its validators, in milliseconds. */
  convertMs: number;
  compileMs: number;
  /** What changed since the set in use before this one. */
  diff?: SchemaDiff;
}

interface CacheFile {
  format: number;
  meta: LiveSchemaMeta;
  schemas: Partial<Record<KindId, Schema>>;
  validatorCode: string;
}

export interface LastCheck {
  checkedAt: string;
  outcome: UpdateOutcome;
  /** Why it failed, in one sentence. */
  message?: string;
}

export type UpdateOutcome = 'updated' | 'unchanged' | 'failed';

export interface UpdateResult {
  outcome: UpdateOutcome;
  /** The set in use after the check (the new one, or the last good one), if any. */
  meta?: LiveSchemaMeta;
  /** For a failure: why, in one sentence (no key: none was sent). */
  message?: string;
  /** Milliseconds: fetch, and conversion with compile. */
  timings: { fetchMs: number; convertMs?: number };
}

export interface UpdateOptions {
  /** The cache root; the vendor's folder is below it. */
  root: string;
  vendor: Vendor;
  baseUrl: string;
  now?: Date;
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (message: string) => void;
  /** Stand-in for the network, for tests. */
  fetchDocument?: (baseUrl: string) => Promise<FetchedDocument>;
}

/** The CLI's cache root: $XDG_CACHE_HOME/assistant-config, else ~/.cache/assistant-config. */
export function defaultCacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'assistant-config');
}

export function supportsLiveSchemas(vendor: Vendor): boolean {
  return vendor === 'vapi';
}

function vendorDir(root: string, vendor: Vendor): string {
  return join(root, vendor);
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Writes by rename, so a reader sees the old file or the new one, never half of one. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

function readCache(root: string, vendor: Vendor): CacheFile | undefined {
  const cache = readJson<CacheFile>(join(vendorDir(root, vendor), CACHE_FILE));
  return cache?.format === FORMAT && cache.meta && cache.schemas && typeof cache.validatorCode === 'string' ? cache : undefined;
}

/** What the cache holds for the vendor, without loading its validators. */
export function cachedMeta(root: string, vendor: Vendor): LiveSchemaMeta | undefined {
  return readCache(root, vendor)?.meta;
}

export function lastCheck(root: string, vendor: Vendor): LastCheck | undefined {
  return readJson<LastCheck>(join(vendorDir(root, vendor), CHECK_FILE));
}

/** True when no check ran in the last day (a failed one counts: the next try is tomorrow). */
export function checkDue(root: string, vendor: Vendor, now = new Date()): boolean {
  const last = lastCheck(root, vendor);
  const at = last ? Date.parse(last.checkedAt) : NaN;
  return !(now.getTime() - at < checkIntervalMs && at <= now.getTime());
}

/**
 * The cached set, ready to install (useLiveSchemas): schemas parsed and validators loaded from their code,
 * with the time it took. Undefined when there is none (or it is unreadable: the bundled set serves).
 */
export function loadLiveSchemas(root: string, vendor: Vendor): { set: LiveSchemaSet; meta: LiveSchemaMeta; loadMs: number } | undefined {
  const started = performance.now();
  const cache = readCache(root, vendor);
  if (!cache) return undefined;
  try {
    const validators = loadCompiledCode(cache.validatorCode, `${CACHE_FILE} of ${cache.meta.document}`);
    const set: LiveSchemaSet = { vendor, date: cache.meta.date, document: cache.meta.document, schemas: cache.schemas, validators };
    return { set, meta: cache.meta, loadMs: performance.now() - started };
  } catch {
    return undefined;
  }
}

/** The schemas a new conversion is compared with: the cached live set, else the bundled ones. */
function previousSchemas(root: string, vendor: Vendor): PreviousSchemas {
  const cache = readCache(root, vendor);
  if (cache) return { origin: 'live', date: cache.meta.date, schemas: cache.schemas as Record<string, Schema> };
  const schemas: Record<string, Schema> = {};
  let date = '';
  for (const kind of resourceKinds.filter((candidate) => candidate.vendor === vendor)) {
    schemas[kind.id] = bundledSchema(kind);
    date ||= (schemas[kind.id]['x-source'] as { date?: string } | undefined)?.date ?? '';
  }
  return { origin: 'bundled', date, schemas };
}

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Fetches the vendor's document, and when it changed converts it, compiles the validators and writes the
 * cache. Never throws for a network or document problem: the outcome says what happened, and on failure the
 * cache is left as it was. Synchronous for seconds while it converts: the language server runs it in a worker.
 */
export async function updateLiveSchemas(options: UpdateOptions): Promise<UpdateResult> {
  const { root, vendor } = options;
  const now = options.now ?? new Date();
  const dir = vendorDir(root, vendor);
  const kept = cachedMeta(root, vendor);
  const record = (result: UpdateResult): UpdateResult => {
    mkdirSync(dir, { recursive: true });
    writeAtomically(join(dir, CHECK_FILE), JSON.stringify({ checkedAt: now.toISOString(), outcome: result.outcome, message: result.message } satisfies LastCheck) + '\n');
    return result;
  };
  if (!supportsLiveSchemas(vendor)) return { outcome: 'failed', message: `${vendor} publishes no OpenAPI document; its bundled schema stays in use.`, meta: kept, timings: { fetchMs: 0 } };
  const fetchStarted = performance.now();
  let fetched: FetchedDocument;
  try {
    options.onProgress?.('Fetching the OpenAPI document…');
    fetched = await (options.fetchDocument ?? ((baseUrl) => fetchOpenApiDocument(baseUrl, { signal: options.signal, timeoutMs: options.timeoutMs })))(options.baseUrl);
  } catch (error) {
    return record({ outcome: 'failed', message: `${error instanceof Error ? error.message : String(error)} The ${kept ? `live schema of ${kept.date}` : 'bundled schema'} stays in use.`, meta: kept, timings: { fetchMs: performance.now() - fetchStarted } });
  }
  const fetchMs = performance.now() - fetchStarted;
  const hash = createHash('sha256').update(fetched.text).digest('hex');
  if (kept && kept.hash === hash && kept.document === fetched.url) return record({ outcome: 'unchanged', meta: kept, timings: { fetchMs } });

  const convertStarted = performance.now();
  const stays = `The ${kept ? `live schema of ${kept.date}` : 'bundled schema'} stays in use.`;
  let cache: CacheFile;
  try {
    options.onProgress?.('Converting the document to schemas…');
    let doc: unknown;
    try {
      doc = JSON.parse(fetched.text);
    } catch {
      throw new NotOpenApiError(`${fetched.url} is not an OpenAPI document: it is not JSON.`);
    }
    const date = today(now);
    const snapshot = openApiSnapshot(doc, fetched.url, date);
    const generated = generateVapiSchemas({ current: snapshot, documentName: fetched.url, previous: previousSchemas(root, vendor) });
    const convertMs = performance.now() - convertStarted;
    const meta: LiveSchemaMeta = { vendor, document: fetched.url, date, hash, fetchedAt: now.toISOString(), convertMs: Math.round(convertMs), compileMs: Math.round(generated.compiled.compileMs), diff: generated.diff };
    cache = { format: FORMAT, meta, schemas: generated.schemas, validatorCode: generated.compiled.code() };
  } catch (error) {
    const reason = error instanceof NotOpenApiError ? error.message : `${fetched.url} could not be converted: ${error instanceof Error ? error.message : String(error)}`;
    return record({ outcome: 'failed', message: `${reason} ${stays}`, meta: kept, timings: { fetchMs, convertMs: performance.now() - convertStarted } });
  }
  mkdirSync(dir, { recursive: true });
  writeAtomically(join(dir, CACHE_FILE), JSON.stringify(cache));
  return record({ outcome: 'updated', meta: cache.meta, timings: { fetchMs, convertMs: performance.now() - convertStarted } });
}
