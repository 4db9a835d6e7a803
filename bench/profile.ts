// Where a server spends its time on one bench figure: runs the server under `node --cpu-prof`, repeats
// that figure on one bench file, and prints the functions with the most self and total time.
//   npx tsx bench/profile.ts <open|edit|completion|hover|cold> [small|realistic|large|large+1|large+10|large+150|large+syntax]
//                            [--server ours|peer] [--times N]
//                            [--probe TEXT]   (completion/hover: only the positions whose label contains TEXT)
//                            [--after-edit]   (completion/hover: edit and wait for diagnostics before each round)
// The raw profile stays in bench/results/profiles/ (open it in Chrome DevTools or VS Code).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { benchFiles } from './assistantFiles';
import { LspServer, positionAt, type ServerSpec } from './lspServer';
import { ourServer, peerServer } from './servers';

const root = resolve(__dirname, '..');
const profilesDir = join(root, 'bench', 'results', 'profiles');

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      server: { type: 'string', default: 'ours' },
      times: { type: 'string', default: '10' },
      /** Only the probe positions whose label contains this text (completion, hover). */
      probe: { type: 'string', default: '' },
      /** Completion, hover: edit (and wait for the diagnostics) before each round, as the bench does. */
      'after-edit': { type: 'boolean', default: false },
    },
  });
  const [figure = 'edit', fileName = 'large'] = positionals;
  const times = Number(values.times);
  const file = benchFiles().find((f) => f.name === fileName);
  if (!file || !['open', 'edit', 'completion', 'hover', 'cold'].includes(figure)) {
    throw new Error(`usage: profile.ts <open|edit|completion|hover|cold> [${benchFiles().map((f) => f.name).join('|')}] [--server ours|peer] [--times N]`);
  }
  const base = values.server === 'peer' ? peerServer : ourServer;
  const outDir = join(profilesDir, `${values.server}-${figure}-${fileName}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const spec: ServerSpec = { ...base, args: [`--cpu-prof`, `--cpu-prof-dir=${outDir}`, ...base.args] };
  const rootUri = pathToFileURL(outDir).href;
  const uri = (n: number) => `${rootUri}/p${n}.assistant.json`;

  if (figure === 'cold') {
    // One process per start: each leaves its own profile.
    for (let i = 0; i < times; i++) {
      const server = await LspServer.start(spec, rootUri);
      await server.open(uri(0), file.text);
      await server.stop();
    }
  } else {
    const server = await LspServer.start(spec, rootUri);
    await new Promise((r) => setTimeout(r, 500));
    for (let i = 0; i <= times; i++) {
      if (figure === 'open') {
        await server.open(uri(i), file.text);
        await server.close(uri(i));
        continue;
      }
      if (i === 0) await server.open(uri(0), file.text);
      if (figure === 'edit' || values['after-edit']) await server.edit(uri(0), file.editOffset, i % 2 === 0 ? 0 : 1, i % 2 === 0 ? 'x' : '');
      for (const probe of figure === 'edit' ? [] : file.probes.filter((p) => p.label.includes(values.probe))) {
        const position = positionAt(file.text, probe.offset);
        // A failed request (an error answer) still shows where the time went.
        if (figure === 'completion') await server.completion(uri(0), position).catch(() => []);
        else await server.hover(uri(0), position).catch(() => null);
      }
    }
    await server.stop();
  }

  const profiles = readdirSync(outDir).filter((name) => name.endsWith('.cpuprofile'));
  if (profiles.length === 0) throw new Error(`no profile written in ${outDir}`);
  const summary = summarizeProfiles(profiles.map((name) => JSON.parse(readFileSync(join(outDir, name), 'utf8')) as CpuProfile));
  writeFileSync(join(outDir, 'summary.txt'), summary);
  console.log(`${values.server}, ${figure} on ${fileName} (${times} times): ${join(outDir, profiles[0])}\n${summary}`);
}

/** Top functions by self time and by total (inclusive) time, summed over the profiles. */
function summarizeProfiles(profiles: CpuProfile[]): string {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (const profile of profiles) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const name = (id: number) => {
      const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
      const where = url ? sourceLocation(url, lineNumber, columnNumber).replace(/^.*\/(node_modules|work\/main)\//, '') : '';
      return `${functionName || '(anonymous)'} ${where}`.trim();
    };
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const own = name(id);
      if (own.startsWith('(idle)')) return;
      all += ms;
      self.set(own, (self.get(own) ?? 0) + ms);
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = name(at);
        if (seen.has(frame)) continue;
        seen.add(frame);
        total.set(frame, (total.get(frame) ?? 0) + ms);
      }
    });
  }
  const top = (map: Map<string, number>, count: number) =>
    [...map.entries()]
      .filter(([frame]) => !frame.startsWith('(root)') && !frame.startsWith('(program)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([frame, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / all).toFixed(1).padStart(5)}%  ${frame}`)
      .join('\n');
  return `busy ${all.toFixed(0)} ms\n\nself time\n${top(self, 25)}\n\ntotal time\n${top(total, 40)}\n`;
}

const sourceMaps = new Map<string, SourceMap | undefined>();

/** Where a bundled frame comes from (file:line of the TypeScript or library source), via the bundle's source map. */
function sourceLocation(url: string, line: number, column: number): string {
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  if (!sourceMaps.has(path)) {
    sourceMaps.set(path, existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : undefined);
  }
  const entry = sourceMaps.get(path)?.findEntry(line, column);
  if (!entry || !('originalSource' in entry)) return `${path}:${line + 1}`;
  return `${entry.originalSource.replace(/^(\.\.\/)+/, '')}:${entry.originalLine + 1}`;
}

main().catch((error: unknown) => {
  console.error(`profile failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
