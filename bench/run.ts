// `npm run bench`: our language server against VS Code's own JSON language server (the peer, from
// vscode-langservers-extracted), both given the same bundled schema and the same generated files, driven
// over LSP in one run, interleaved, after a warm-up round. Prints medians and p95s and writes
// bench/results/latest.json.
//   options: --rounds N (measured rounds, default 5), --cold N (cold starts per server, default 5),
//            --servers ours,peer,peer-push (default all three)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { kindById } from '../core/src/kinds';
import { validateFile } from '../core/src/validation';
import { benchFiles, type BenchFile } from './assistantFiles';
import { LspServer, positionAt, timed, type ServerSpec } from './lspServer';
import { ourServer, ourServerPath, peerPushServer, peerServer, schemaPath } from './servers';
import { formatTable, ms, summarize, type Summary } from './stats';

const resultsDir = join(resolve(__dirname, '..'), 'bench', 'results');
const filesDir = join(resultsDir, 'files');

type Figure =
  | 'open → diagnostics'
  | 'edit → diagnostics'
  | 'typing → diagnostics'
  | 'completion'
  | 'hover'
  | 'cold start → diagnostics';

/** A typing burst: this many one-character edits, this far apart (a fast typist), then as many deletions. */
const burstKeys = 5;
const burstGapMs = 60;
/** A person reads a file they just opened before typing; servers may use that moment (ours parses for features then). */
const readAfterOpenMs = 300;

/** Samples per figure, file and server. */
class Samples {
  private readonly byKey = new Map<string, number[]>();
  add(figure: Figure, file: string, server: string, value: number): void {
    const key = `${figure}|${file}|${server}`;
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), value]);
  }
  get(figure: Figure, file: string, server: string): number[] {
    return this.byKey.get(`${figure}|${file}|${server}`) ?? [];
  }
}

/** Completion and hover samples per probe, to see which positions are slow. */
class ProbeSamples {
  readonly byKey = new Map<
    string,
    {
      probe: string;
      file: string;
      server: string;
      completion: number[];
      hover: number[];
      wrongCompletions: number;
      missingHovers: number;
    }
  >();
  /**
   * `complete`: the completion answer held the label the probe expects (false when the server failed or
   * gave nothing); `hovered`: a hover came back (every probed key and value has a schema description).
   */
  add(probe: string, file: string, server: string, completion: number, hover: number, complete: boolean, hovered: boolean): void {
    const key = `${probe}|${file}|${server}`;
    const entry = this.byKey.get(key) ?? { probe, file, server, completion: [], hover: [], wrongCompletions: 0, missingHovers: 0 };
    entry.completion.push(completion);
    entry.hover.push(hover);
    if (!complete) entry.wrongCompletions++;
    if (!hovered) entry.missingHovers++;
    this.byKey.set(key, entry);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      cold: { type: 'string', default: '5' },
      servers: { type: 'string', default: 'ours,peer,peer-push' },
    },
  });
  const rounds = Number(values.rounds);
  const coldStarts = Number(values.cold);
  const specs = [ourServer, peerServer, peerPushServer].filter((spec) => values.servers.split(',').includes(spec.name));
  if (!existsSync(schemaPath)) fail(`${schemaPath} is missing: run \`npm run generate-schemas\` first.`);
  if (specs.includes(ourServer) && !existsSync(ourServerPath)) fail(`${ourServerPath} is missing: run \`npm run build\` first.`);

  const files = benchFiles();
  mkdirSync(filesDir, { recursive: true });
  for (const file of files) writeFileSync(join(filesDir, `${file.name}.assistant.json`), file.text);
  const floors = measureFloors(files);

  const samples = new Samples();
  const servers: LspServer[] = [];
  for (const spec of specs) servers.push(await LspServer.start(spec, pathToFileURL(filesDir).href));
  await sleep(500); // let each server finish reading its settings before anything is timed
  for (const server of servers) await checkServerUsesSchema(server, files);

  const probeSamples = new ProbeSamples();
  const openUris = new Map<string, string>();
  for (let round = 0; round <= rounds; round++) {
    const record = round > 0; // round 0 warms up
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const file of files) {
      for (const server of order) {
        const key = `${server.spec.name}|${file.name}`;
        const previous = openUris.get(key);
        if (previous) await server.close(previous);
        // A fresh uri per round, so no server can answer the open from a cache.
        const uri = fileUri(`r${round}-${file.name}.assistant.json`);
        openUris.set(key, uri);
        const add = (figure: Figure, value: number) => record && samples.add(figure, file.name, server.spec.name, value);

        const opened = await timed(() => server.open(uri, file.text));
        expectValid(server, file, opened.value);
        add('open → diagnostics', opened.ms);
        await sleep(readAfterOpenMs);
        // Type one character into the prompt, then delete it: two edits, the file stays valid.
        add('edit → diagnostics', (await timed(() => server.edit(uri, file.editOffset, 0, 'x'))).ms);
        add('edit → diagnostics', (await timed(() => server.edit(uri, file.editOffset, 1, ''))).ms);
        // Type a word into the prompt, then delete it: from the last key to the last version's diagnostics.
        const typed = Array.from({ length: burstKeys }, (_, i) => ({ offset: file.editOffset + i, deleteCount: 0, insert: 'x' }));
        const deleted = Array.from({ length: burstKeys }, (_, i) => ({ offset: file.editOffset + burstKeys - 1 - i, deleteCount: 1, insert: '' }));
        add('typing → diagnostics', await server.typeBurst(uri, typed, burstGapMs));
        add('typing → diagnostics', await server.typeBurst(uri, deleted, burstGapMs));
        if (server.spec === peerPushServer) continue; // same features as `peer`; only its diagnostics timing differs
        for (const probe of file.probes) {
          const position = positionAt(file.text, probe.offset);
          // A server that fails a request (an error answer) is timed all the same and counted as wrong.
          const completion = await timed(() => server.completion(uri, position).catch(() => []));
          const hover = await timed(() => server.hover(uri, position).catch(() => null));
          add('completion', completion.ms);
          add('hover', hover.ms);
          const complete = !probe.expectCompletion || completion.value.some((item) => item.label === probe.expectCompletion);
          if (record) probeSamples.add(probe.label, file.name, server.spec.name, completion.ms, hover.ms, complete, hover.value !== null);
        }
      }
    }
  }
  const memory = servers.map((server) => ({ server: server.spec.name, ...server.memoryMb() }));
  for (const server of servers) await server.stop();

  const realistic = files.find((file) => file.name === 'realistic')!;
  const coldSpecs = specs.filter((spec) => spec !== peerPushServer);
  for (let i = 0; i < coldStarts; i++) {
    for (const spec of i % 2 === 0 ? coldSpecs : [...coldSpecs].reverse()) {
      const start = performance.now();
      const server = await LspServer.start(spec, pathToFileURL(filesDir).href);
      expectValid(server, realistic, await server.open(fileUri('cold.assistant.json'), realistic.text));
      samples.add('cold start → diagnostics', 'realistic', spec.name, performance.now() - start);
      await server.stop();
    }
  }

  report({ files, floors, samples, probeSamples, memory, specs, rounds, coldStarts });
}

interface Floors {
  /** JSON.parse of each file: no server can validate faster than it reads. */
  jsonParse: Record<string, Summary>;
  /** validateFile (our diagnostics' work) called in this process, without LSP or the quiet period. */
  validateFile: Record<string, Summary>;
}

function measureFloors(files: BenchFile[]): Floors {
  const repeat = (run: () => unknown, times: number) =>
    summarize(
      Array.from({ length: times }, () => {
        const start = performance.now();
        run();
        return performance.now() - start;
      }),
    );
  const floors: Floors = { jsonParse: {}, validateFile: {} };
  for (const file of files) floors.jsonParse[file.name] = repeat(() => JSON.parse(file.text), 20);
  for (const file of files) {
    const errors = validateFile(file.text, kindById('vapi-assistant')).filter((d) => d.severity === 1);
    if (errors.length > 0) fail(`generated ${file.name} file is not valid for validateFile:\n${describe(errors, file.text)}`);
    validateFile(file.text, kindById('vapi-assistant')); // compiles the schema once, outside the timing
    floors.validateFile[file.name] = repeat(() => validateFile(file.text, kindById('vapi-assistant')), 10);
  }
  return floors;
}

/**
 * Fails the run unless the server really applies the schema: diagnostics on a broken file, and the
 * schema's keys and values in completion at every probe.
 */
async function checkServerUsesSchema(server: LspServer, files: BenchFile[]): Promise<void> {
  const small = files.find((file) => file.name === 'small')!;
  const broken = small.text
    .replace('"speed": 1.05', '"speed": 9')
    .replace('"assistant-speaks-first"', '"assistant-speaks-last"')
    .replace('"maxDurationSeconds"', '"colour": "blue",\n  "maxDurationSeconds"');
  const uri = fileUri('broken.assistant.json');
  const diagnostics = await server.open(uri, broken);
  if (diagnostics.length < 3) {
    fail(`${server.spec.name} does not validate against the schema: ${diagnostics.length} diagnostics on a file with 3 mistakes`);
  }
  await server.close(uri);
  if (server.spec === peerPushServer) return;

  // The realistic file: the large one is where servers may fail, which the rounds record rather than stop on.
  const realistic = files.find((file) => file.name === 'realistic')!;
  const checkUri = fileUri('check.assistant.json');
  await server.open(checkUri, realistic.text);
  for (const probe of realistic.probes) {
    const labels = (await server.completion(checkUri, positionAt(realistic.text, probe.offset))).map((item) => item.label);
    if (probe.expectCompletion && !labels.includes(probe.expectCompletion)) {
      fail(`${server.spec.name}: completion at "${probe.label}" lacks ${probe.expectCompletion}; got ${labels.slice(0, 12).join(', ')}`);
    }
  }
  // Our hover is checked per position in the rounds; the peer's must show the schema to count at all.
  const hover = await server.hover(checkUri, positionAt(realistic.text, realistic.probes[0].offset));
  if (server.spec === peerServer && !JSON.stringify(hover?.contents ?? null).includes('name of the assistant')) {
    fail(`${server.spec.name}: hover on "name" does not show the schema's description: ${JSON.stringify(hover)}`);
  }
  await server.close(checkUri);
}

/** The generated files are valid: a server reporting errors on them sees another schema (or has a bug). */
function expectValid(server: LspServer, file: BenchFile, diagnostics: Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 1);
  if (errors.length > 0) fail(`${server.spec.name} reports errors on the valid ${file.name} file:\n${describe(errors, file.text)}`);
}

function describe(diagnostics: Diagnostic[], text: string): string {
  const lines = text.split('\n');
  return diagnostics
    .slice(0, 8)
    .map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}\n    ${lines[d.range.start.line].trim()}`)
    .join('\n');
}

function report(run: {
  files: BenchFile[];
  floors: Floors;
  samples: Samples;
  probeSamples: ProbeSamples;
  memory: { server: string; peak: number; current: number }[];
  specs: ServerSpec[];
  rounds: number;
  coldStarts: number;
}): void {
  const { files, floors, samples, probeSamples, memory, specs } = run;
  const names = specs.map((spec) => spec.name);
  const figures: { figure: Figure; files: string[] }[] = [
    { figure: 'open → diagnostics', files: files.map((f) => f.name) },
    { figure: 'edit → diagnostics', files: files.map((f) => f.name) },
    { figure: 'typing → diagnostics', files: files.map((f) => f.name) },
    { figure: 'completion', files: files.map((f) => f.name) },
    { figure: 'hover', files: files.map((f) => f.name) },
    { figure: 'cold start → diagnostics', files: ['realistic'] },
  ];
  const results: { figure: Figure; file: string; server: string; summary: Summary }[] = [];
  const rows: string[][] = [];
  for (const { figure, files: fileNames } of figures) {
    for (const file of fileNames) {
      const summaries = names.map((name) => summarize(samples.get(figure, file, name)));
      summaries.forEach((summary, i) => summary.samples > 0 && results.push({ figure, file, server: names[i], summary }));
      const medianOf = (name: string) => summaries[names.indexOf(name)]?.median ?? NaN;
      const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : '-');
      rows.push([
        figure,
        file,
        ...summaries.flatMap((s) => [ms(s.median), ms(s.p95)]),
        ratio(medianOf('ours'), medianOf('peer')),
        ratio(medianOf('ours'), medianOf('peer-push')),
      ]);
    }
  }
  const header = ['figure (ms)', 'file', ...names.flatMap((name) => [`${name} med`, `${name} p95`]), 'ours/peer', 'ours/peer-push'];
  console.log(`\n${formatTable(header, rows)}`);

  const probeNames = names.filter((name) => name !== 'peer-push');
  const large = files.find((file) => file.name === 'large')!;
  console.log(
    '\ncompletion / hover per position in the large file (median ms; "wrong": the answer lacked the expected item; "none": no hover)',
  );
  console.log(
    formatTable(
      ['position', ...probeNames.flatMap((name) => [`${name} compl`, `${name} hover`])],
      large.probes.map((probe) => [
        probe.label,
        ...probeNames.flatMap((name) => {
          const entry = probeSamples.byKey.get(`${probe.label}|large|${name}`);
          if (!entry) return ['-', '-'];
          const wrong = entry.wrongCompletions > 0 ? ` (${entry.wrongCompletions}× wrong)` : '';
          const none = entry.missingHovers > 0 ? ` (${entry.missingHovers}× none)` : '';
          return [ms(summarize(entry.completion).median) + wrong, ms(summarize(entry.hover).median) + none];
        }),
      ]),
    ),
  );

  console.log('\nfloors (in-process, ms, median / p95)');
  console.log(
    formatTable(
      ['file', 'lines', 'bytes', 'JSON.parse', 'validateFile'],
      files.map((file) => [
        file.name,
        String(file.lines),
        String(file.text.length),
        `${ms(floors.jsonParse[file.name].median)} / ${ms(floors.jsonParse[file.name].p95)}`,
        `${ms(floors.validateFile[file.name].median)} / ${ms(floors.validateFile[file.name].p95)}`,
      ]),
    ),
  );
  console.log('\nmemory with the three files open (MB): peak = VmHWM over the whole run, now = VmRSS at the end');
  console.log(formatTable(['server', 'peak', 'now'], memory.map((m) => [m.server, m.peak.toFixed(0), m.current.toFixed(0)])));
  console.log(
    `\n${run.rounds} measured rounds after 1 warm-up round; ${run.coldStarts} cold starts per server (realistic file);` +
      ` ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.` +
      `\nedit: one character, ${readAfterOpenMs} ms after the open's diagnostics, then each after the previous diagnostics; typing: ${burstKeys} characters ${burstGapMs} ms apart, then` +
      ' their deletion, timed from the last key to the diagnostics of the last version.' +
      '\nours pushes (at once, or after a 200 ms quiet period when edits come while a run waits); peer is pulled' +
      '\nas VS Code pulls it (after every edit, cancelling the previous pull); peer-push debounces 500 ms itself.',
  );

  writeFileSync(
    join(resultsDir, 'latest.json'),
    JSON.stringify(
      {
        date: new Date().toISOString(),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          memoryMb: Math.round(totalmem() / 2 ** 20),
          node: process.version,
          loadAverageAtEnd: loadavg(),
        },
        rounds: run.rounds,
        coldStarts: run.coldStarts,
        files: files.map((file) => ({ name: file.name, lines: file.lines, bytes: file.text.length, probes: file.probes.map((p) => p.label) })),
        floors,
        results,
        probes: [...probeSamples.byKey.values()].map(({ completion, hover, ...where }) => ({
          ...where,
          completion: summarize(completion),
          hover: summarize(hover),
        })),
        memory,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwritten: ${join(resultsDir, 'latest.json')}`);
}

function fileUri(name: string): string {
  return pathToFileURL(join(filesDir, name)).href;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function fail(message: string): never {
  throw new Error(message);
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
