// schemas update | status: the vendor's live OpenAPI document converted and cached (core/src/liveSchemas) under
// $XDG_CACHE_HOME/assistant-config, else ~/.cache/assistant-config; and which schema each vendor's files are
// checked against. Every other command checks files against the cached live schema when there is one.
import { resourceKinds, vendorNames } from '../../../core/src/kinds';
import {
  cachedMeta, defaultCacheRoot, diffLines, lastCheck, loadLiveSchemas, supportsLiveSchemas, updateLiveSchemas, type LiveSchemaMeta, type SchemaDiff,
} from '../../../core/src/liveSchemas';
import { documentUrl } from '../../../core/src/liveSchemas/fetchDocument';
import { schemaInUse, useLiveSchemas } from '../../../core/src/validation';
import { environmentOf, type EnvironmentFlags } from '../environment';
import { UsageError } from '../inputFiles';
import type { Io } from '../io';
import { exitCodes } from '../usage';

export interface SchemasFlags extends EnvironmentFlags {
  timeoutSeconds?: number;
}

const vendors = [...new Set(resourceKinds.map((kind) => kind.vendor))];

/**
 * Installs each vendor's cached live schemas, so the command checks files as the editor does. A cache that is
 * there but unreadable is said once; the bundled schema serves.
 */
export function useCachedSchemas(io: Io, root = defaultCacheRoot()): void {
  for (const vendor of vendors.filter(supportsLiveSchemas)) {
    const loaded = loadLiveSchemas(root, vendor);
    if (loaded) useLiveSchemas(vendor, loaded.set);
    else if (cachedMeta(root, vendor)) io.err(`Warning: the cached ${vendorNames[vendor]} schema in ${root} could not be loaded; the bundled one is used. Run 'assistant-config schemas update'.`);
  }
}

export async function schemasCommand(args: string[], flags: SchemasFlags, io: Io, signal: AbortSignal): Promise<number> {
  const [action, ...rest] = args;
  if ((action !== 'update' && action !== 'status') || rest.length) throw new UsageError("schemas: expects 'update' or 'status'. Run 'assistant-config schemas --help' for usage.");
  if (action === 'status') {
    if (flags.env || flags.baseUrl || flags.vendor) throw new UsageError('schemas status: takes no --env, --vendor or --base-url (it shows every vendor).');
    status(io);
    return exitCodes.ok;
  }
  return update(flags, io, signal);
}

async function update(flags: SchemasFlags, io: Io, signal: AbortSignal): Promise<number> {
  const { env } = environmentOf(flags);
  const name = vendorNames[env.vendor];
  if (!supportsLiveSchemas(env.vendor)) throw new UsageError(`schemas update: ${name} publishes no OpenAPI document; its bundled schema is the only one.`);
  let url: URL;
  try {
    url = documentUrl(env.baseUrl);
  } catch (error) {
    throw new UsageError(`schemas update: ${(error as Error).message}`);
  }
  const root = defaultCacheRoot();
  io.err(`Environment '${env.name}' (${env.vendor}, ${env.baseUrl}): ${url.href}, no key sent.`);
  const result = await updateLiveSchemas({
    root,
    vendor: env.vendor,
    baseUrl: env.baseUrl,
    signal,
    timeoutMs: flags.timeoutSeconds === undefined ? undefined : flags.timeoutSeconds * 1000,
    onProgress: (message) => io.err(message),
  });
  const took = `fetched in ${seconds(result.timings.fetchMs)}${result.timings.convertMs === undefined ? '' : `, converted and compiled in ${seconds(result.timings.convertMs)}`}`;
  if (result.outcome === 'failed') {
    io.err(`Error: ${result.message}`);
    return signal.aborted ? exitCodes.cancelled : exitCodes.unavailable;
  }
  const meta = result.meta!;
  if (result.outcome === 'unchanged') {
    io.out(`${name} schema unchanged: the document is the one first seen ${meta.date} (sha256 ${short(meta.hash)}); ${took}.`);
    return exitCodes.ok;
  }
  io.out(`${name} schema updated: document of ${meta.date} (sha256 ${short(meta.hash)}); ${took}.`);
  for (const line of diffText(meta.diff)) io.out(line);
  io.out(`Cached in ${root}; validate, push and the other commands use it from now on.`);
  return exitCodes.ok;
}

function status(io: Io): void {
  const root = defaultCacheRoot();
  useCachedSchemas(io, root);
  for (const vendor of vendors) {
    const name = vendorNames[vendor];
    const kind = resourceKinds.find((candidate) => candidate.vendor === vendor)!;
    const inUse = schemaInUse(kind);
    if (!supportsLiveSchemas(vendor)) {
      io.out(`${name}: bundled schema (${inUse.document ?? 'no source recorded'}); ${name} publishes no OpenAPI document.`);
      continue;
    }
    const meta: LiveSchemaMeta | undefined = inUse.origin === 'live' ? cachedMeta(root, vendor) : undefined;
    io.out(
      meta
        ? `${name}: live schema, document of ${meta.date} from ${meta.document} (sha256 ${short(meta.hash)}), cached in ${root}.`
        : `${name}: bundled schema of ${inUse.date ?? 'unknown date'} (${inUse.document ?? 'no source recorded'}).`,
    );
    const check = lastCheck(root, vendor);
    if (!check) io.out(`  Never checked: run 'assistant-config schemas update'.`);
    else io.out(`  Last checked ${check.checkedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}: ${check.outcome}${check.message ? `. ${check.message}` : '.'}`);
    if (meta) for (const line of diffText(meta.diff)) io.out(`  ${line}`);
  }
}

/** The diff under a heading naming what it is against; one line when nothing changed. */
function diffText(diff: SchemaDiff | undefined): string[] {
  if (!diff) return [];
  const since = `since the ${diff.from.origin} schema of ${diff.from.date || 'unknown date'}`;
  const lines = diffLines(diff);
  return lines.length ? [`Changes ${since}:`, ...lines.map((line) => `  ${line}`)] : [`No fields or values changed ${since}.`];
}

function short(hash: string): string {
  return hash.slice(0, 12);
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
