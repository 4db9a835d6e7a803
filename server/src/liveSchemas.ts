// Live schemas in the language server, from the cache folder the client names (initializationOptions.liveSchemaDir:
// VS Code's global storage; another editor may name the CLI's ~/.cache/assistant-config). Loading one takes a
// few hundred milliseconds (its validators' code is compiled by V8), so the server loads it once the first
// diagnostics are out, made with the bundled schema, and again whenever the client says the cache changed.
import { resourceKinds, vendorNames } from '../../core/src/kinds';
import { cachedMeta, loadLiveSchemas, supportsLiveSchemas } from '../../core/src/liveSchemas';
import { liveSchemas, useLiveSchemas } from '../../core/src/validation';

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

const vendors = [...new Set(resourceKinds.map((kind) => kind.vendor))].filter(supportsLiveSchemas);

/**
 * Installs each vendor's live set found in `dir` (or goes back to the bundled one when the cache is gone) and
 * says so in the log, with the time it took. Returns whether the schemas in use changed.
 */
export function reloadLiveSchemas(dir: string, log: Log): boolean {
  let changed = false;
  for (const vendor of vendors) {
    const name = vendorNames[vendor];
    const before = liveSchemas(vendor);
    const loaded = loadLiveSchemas(dir, vendor);
    if (loaded) {
      useLiveSchemas(vendor, loaded.set);
      changed = true;
      const { meta } = loaded;
      log.info(`Live ${name} schema of ${meta.date} (${meta.document}) loaded from ${dir} in ${Math.round(loaded.loadMs)} ms (when it was fetched: converted in ${meta.convertMs} ms, its validators compiled in ${meta.compileMs} ms).`);
      continue;
    }
    if (cachedMeta(dir, vendor)) log.warn(`The live ${name} schema in ${dir} could not be loaded; the ${before ? 'live schema loaded before' : 'bundled schema'} stays in use.`);
    else if (before) {
      // The cache was removed: back to what ships with the server.
      useLiveSchemas(vendor, undefined);
      changed = true;
      log.info(`No live ${name} schema in ${dir} any more; the bundled one is in use.`);
    }
  }
  return changed;
}
