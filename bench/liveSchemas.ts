// `npm run bench:live-schemas`: the time of a live schema refresh and of the first diagnostics after it on the
// bench's large file (584 tools). The refresh is `assistant-config schemas update` (the bundled CLI, a process
// per run) against a local server serving a modified copy of the newest snapshot (test/live/liveApi.ts), into a
// fresh cache each run. Then the language server (dist/server.js) with that cache as liveSchemaDir: the large
// file opened in a server that starts with the cache (first diagnostics, made with the bundled schema, and the
// ones after the live set is loaded), and in a running server told the cache changed (schemasChanged).
//   options: --runs N (default 3)
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { SchemasChangedNotification } from '../shared/src/protocol';
import { LspClient, type OpenDocument } from '../test/helpers/lspClient';
import { startLiveApi } from '../test/live/liveApi';
import { benchFiles } from './assistantFiles';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);
const cli = path.resolve(__dirname, '..', 'dist', 'cli.js');
const large = benchFiles().find((file) => file.name === 'large')!;

function refresh(cacheHome: string, baseUrl: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [cli, 'schemas', 'update', '--base-url', baseUrl], { env: { PATH: process.env.PATH ?? '', HOME: cacheHome, XDG_CACHE_HOME: cacheHome } }, (error, stdout, stderr) =>
      error ? reject(new Error(`schemas update failed: ${stderr}`)) : resolve(performance.now() - started),
    ),
  );
}

/** Milliseconds from `since` until the document's n-th publication. */
async function publication(client: LspClient, doc: OpenDocument, n: number, since: number): Promise<number> {
  while ((client.published.get(doc.uri) ?? []).length < n) await new Promise((resolve) => setImmediate(resolve));
  return performance.now() - since;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  const api = await startLiveApi();
  const results = { refresh: [] as number[], firstBundled: [] as number[], afterLoad: [] as number[], loadLogged: [] as number[], afterChanged: [] as number[] };
  try {
    for (let run = 0; run < runs; run++) {
      const cacheHome = await mkdtemp(path.join(tmpdir(), 'bench-live-schemas-'));
      const liveSchemaDir = path.join(cacheHome, 'assistant-config');
      try {
        results.refresh.push(await refresh(cacheHome, api.baseUrl));

        // A server that starts with the cache: the bundled schema's diagnostics first, then the live set's.
        const starting = await LspClient.start({ initializationOptions: { liveSchemaDir } });
        starting.connection.onNotification('window/logMessage', (params: { message: string }) => {
          const loaded = / in (\d+) ms \(when it was fetched/.exec(params.message);
          if (loaded) results.loadLogged.push(Number(loaded[1]));
        });
        const opened = performance.now();
        const doc = await starting.open(large.text, 'large.assistant.json');
        results.firstBundled.push(await publication(starting, doc, 1, opened));
        results.afterLoad.push(await publication(starting, doc, 2, opened));
        await starting.stop();

        // A running server told that the cache changed, as the extension does after an update.
        const told = await LspClient.start({ initializationOptions: { liveSchemaDir } });
        const shown = await told.open(large.text, 'large.assistant.json');
        await publication(told, shown, 2, 0);
        const seen = (told.published.get(shown.uri) ?? []).length;
        const sent = performance.now();
        await told.connection.sendNotification(SchemasChangedNotification.method);
        results.afterChanged.push(await publication(told, shown, seen + 1, sent));
        await told.stop();
      } finally {
        await rm(cacheHome, { recursive: true, force: true });
      }
    }
  } finally {
    await api.close();
  }
  console.log(`live schemas, ${runs} run(s), medians (all runs):`);
  console.log(`  refresh (assistant-config schemas update, local server): ${ms(median(results.refresh))}  (${results.refresh.map(ms).join(', ')})`);
  console.log(`  large file (${large.text.length} chars), server starting with the cache:`);
  console.log(`    first diagnostics (bundled schema): ${ms(median(results.firstBundled))}  (${results.firstBundled.map(ms).join(', ')})`);
  console.log(`    diagnostics with the live schema:   ${ms(median(results.afterLoad))}  (${results.afterLoad.map(ms).join(', ')}); loading it took ${results.loadLogged.map(ms).join(', ')} (server log)`);
  console.log(`  large file open, schemasChanged -> diagnostics with the reloaded live schema: ${ms(median(results.afterChanged))}  (${results.afterChanged.map(ms).join(', ')})`);
}

void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
