// `npm run bench`: our language server against VS Code's own JSON language server (the peer, from
// vscode-langservers-extracted), both given the same bundled schema and the same generated files, driven
// over LSP in one run, interleaved, after a warm-up round. Prints medians and p95s and writes
// bench/results/latest.json.
//   options: --rounds N (measured rounds, default 5), --cold N (cold starts per server, default 5),
//            --servers ours,peer,peer-push (default all three),
//            --ours PATH (another build's dist/server.js as ours, e.g. main's, for a before/after comparison)
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { kindById } from '../core/src/kinds';
import { validateFile } from '../core/src/validation';
import { benchFiles, type BenchFile } from './assistantFiles';
import { LspServer, positionAt, timed, withHeapProbe, type ServerSpec } from './lspServer';
import { ourServer, ourServerAt, peerPushServer, peerServer, schemaPath } from './servers';
import { formatTable, ms, summarize, type Summary } from './stats';

const resultsDir = join(resolve(__dirname, '..'), 'bench', 'results');
const filesDir = join(resultsDir, 'files');

type Figure =
  | 'open → diagnostics'
  | 'edit → diagnostics'
  | 'typing → diagnostics'
  | 'completion'
  | 'completion: top-level key'
  | 'hover'
  | 'cold start → diagnostics';

/** A typing burst: this many one-character edits, this far apart (a fast typist), then as many deletions. */
const burstKeys = 5;
const burstGapMs = 60;
/** A person reads a file they just opened before typing; servers may use that moment (ours parses for features then). */
const readAfterOpenMs = 300;
/** Edits on the large file after which the memory of our server is read again (it must not grow). */
const memoryEdits = 1000;

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
      ours: { type: 'string' },
    },
  });
  const rounds = Number(values.rounds);
  const coldStarts = Number(values.cold);
  const ours = values.ours ? ourServerAt(resolve(values.ours)) : ourServer;
  const specs = [ours, peerServer, peerPushServer].filter((spec) => values.servers.split(',').includes(spec.name));
  if (!existsSync(schemaPath)) fail(`${schemaPath} is missing: run \`npm run generate-schemas\` first.`);
  if (specs.includes(ours) && !existsSync(ours.args[0])) fail(`${ours.args[0]} is missing: run \`npm run build\` first.`);

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
        expectDiagnostics(server, file, opened.value);
        add('open → diagnostics', opened.ms);
        await sleep(readAfterOpenMs);
        // Type one character into the prompt, then delete it: two edits, the file's mistakes stay as they were.
        for (const [deleteCount, insert] of [[0, 'x'], [1, '']] as const) {
          const edited = await timed(() => server.edit(uri, file.editOffset, deleteCount, insert));
          expectDiagnostics(server, file, edited.value);
          add('edit → diagnostics', edited.ms);
        }
        // Type a word into the prompt, then delete it: from the last key to the last version's diagnostics.
        if (file.mistakeLines.length === 0) {
          const typed = Array.from({ length: burstKeys }, (_, i) => ({ offset: file.editOffset + i, deleteCount: 0, insert: 'x' }));
          const deleted = Array.from({ length: burstKeys }, (_, i) => ({ offset: file.editOffset + burstKeys - 1 - i, deleteCount: 1, insert: '' }));
          add('typing → diagnostics', await server.typeBurst(uri, typed, burstGapMs));
          add('typing → diagnostics', await server.typeBurst(uri, deleted, burstGapMs));
        }
        if (server.spec === peerPushServer) continue; // same features as `peer`; only its diagnostics timing differs
        for (const probe of file.probes) {
          const position = positionAt(file.text, probe.offset);
          // A server that fails a request (an error answer) is timed all the same and counted as wrong.
          const completion = await timed(() => server.completion(uri, position).catch(() => []));
          const hover = await timed(() => server.hover(uri, position).catch(() => null));
          add('completion', completion.ms);
          if (probe.label === topLevelKeyProbe) add('completion: top-level key', completion.ms);
          add('hover', hover.ms);
          const complete = !probe.expectCompletion || completion.value.some((item) => item.label === probe.expectCompletion);
          if (record) probeSamples.add(probe.label, file.name, server.spec.name, completion.ms, hover.ms, complete, hover.value !== null);
        }
      }
    }
  }
  for (const server of servers) await server.stop();

  const realistic = files.find((file) => file.name === 'realistic')!;
  const coldSpecs = specs.filter((spec) => spec !== peerPushServer);
  for (let i = 0; i < coldStarts; i++) {
    for (const spec of i % 2 === 0 ? coldSpecs : [...coldSpecs].reverse()) {
      const start = performance.now();
      const server = await LspServer.start(spec, pathToFileURL(filesDir).href);
      expectDiagnostics(server, realistic, await server.open(fileUri('cold.assistant.json'), realistic.text));
      samples.add('cold start → diagnostics', 'realistic', spec.name, performance.now() - start);
      await server.stop();
    }
  }

  const memory: Memory[] = [];
  for (const spec of coldSpecs) memory.push(await measureMemory(spec, files, spec === ours ? memoryEdits : 0));

  report({ files, floors, samples, probeSamples, memory, specs, rounds, coldStarts });
}

/** The probe whose completion is a headline row: a key at the top of the file, the commonest completion. */
const topLevelKeyProbe = 'top-level key';

interface Memory {
  server: string;
  /** With the three valid files open, after diagnostics, completion and hover on each (MB). */
  threeFilesOpen: HeapAndRss;
  /** After every 100 of the edits on the large file; empty when no edits were made. */
  afterEdits: ({ edits: number } & HeapAndRss)[];
  /** VmHWM over the server's life (MB). */
  peak: number;
}

/** The heap in use after a full GC, and the resident set size then (MB). */
interface HeapAndRss {
  heap: number;
  rss: number;
}

/**
 * A fresh server with the small, realistic and large files open (diagnostics, then completion and hover at
 * every probe); then `edits` one-character edits in the large file's prompt, each waited for, with a
 * completion and a hover every tenth. The heap after a full GC must stay where it was, beyond noise.
 */
async function measureMemory(spec: ServerSpec, files: BenchFile[], edits: number): Promise<Memory> {
  const server = await LspServer.start(withHeapProbe(spec), pathToFileURL(filesDir).href);
  await sleep(500);
  const valid = files.filter((file) => file.mistakeLines.length === 0);
  const uris = new Map(valid.map((file) => [file.name, fileUri(`memory-${file.name}.assistant.json`)]));
  for (const file of valid) {
    const uri = uris.get(file.name)!;
    expectDiagnostics(server, file, await server.open(uri, file.text));
    await sleep(readAfterOpenMs);
    for (const probe of file.probes) {
      await server.completion(uri, positionAt(file.text, probe.offset)).catch(() => []);
      await server.hover(uri, positionAt(file.text, probe.offset)).catch(() => null);
    }
  }
  const threeFilesOpen = await server.heapAfterGc();
  const large = valid.find((file) => file.name === 'large')!;
  const uri = uris.get('large')!;
  const afterEdits: Memory['afterEdits'] = [];
  for (let i = 1; i <= edits; i++) {
    const diagnostics = await server.edit(uri, large.editOffset, i % 2 === 0 ? 1 : 0, i % 2 === 0 ? '' : 'x');
    if (i === edits) expectDiagnostics(server, large, diagnostics);
    if (i % 10 === 0) {
      // After every even edit the text is the original one again, so the probes' offsets hold.
      const probe = large.probes[(i / 10) % large.probes.length];
      await server.completion(uri, positionAt(large.text, probe.offset)).catch(() => []);
      await server.hover(uri, positionAt(large.text, probe.offset)).catch(() => null);
    }
    if (i % 100 === 0) afterEdits.push({ edits: i, ...(await server.heapAfterGc()) });
  }
  const { peak } = server.memoryMb();
  await server.stop();
  return { server: spec.name, threeFilesOpen, afterEdits, peak };
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
  // A file with a syntax error cannot be read by JSON.parse at all.
  for (const file of files) floors.jsonParse[file.name] = file.name === 'large+syntax' ? summarize([]) : repeat(() => JSON.parse(file.text), 20);
  for (const file of files) {
    const errors = validateFile(file.text, kindById('vapi-assistant')).filter((d) => d.severity === 1);
    const lines = errors.map((d) => d.range.start.line);
    if (lines.join() !== file.mistakeLines.join()) {
      fail(`validateFile reports ${errors.length} errors on the generated ${file.name} file (expected ${file.mistakeLines.length}):\n${describe(errors, file.text)}`);
    }
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

/**
 * The generated files are valid except for the mistakes put in them: a server reporting other errors sees
 * another schema (or has a bug). Ours reports exactly one error per mistake; the peer at least one problem on
 * each mistake's line (it reports schema problems as warnings, VS Code's default for JSON).
 */
function expectDiagnostics(server: LspServer, file: BenchFile, diagnostics: Diagnostic[]): void {
  const errors = diagnostics.filter((d) => d.severity === 1);
  const expected = new Set(file.mistakeLines);
  const unexpected = errors.filter((d) => !expected.has(d.range.start.line));
  if (unexpected.length > 0) fail(`${server.spec.name} reports unexpected errors on the ${file.name} file:\n${describe(unexpected, file.text)}`);
  const reported = server.spec.name === 'ours' ? errors : diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
  const missed = file.mistakeLines.filter((line) => !reported.some((d) => d.range.start.line === line));
  if (missed.length > 0) fail(`${server.spec.name} misses ${missed.length} of the ${file.mistakeLines.length} mistakes in the ${file.name} file (lines ${missed.slice(0, 5).map((l) => l + 1).join(', ')})`);
  if (server.spec.name === 'ours' && errors.length !== file.mistakeLines.length) {
    fail(`${server.spec.name} reports ${errors.length} errors for the ${file.mistakeLines.length} mistakes in the ${file.name} file:\n${describe(errors, file.text)}`);
  }
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
  memory: Memory[];
  specs: ServerSpec[];
  rounds: number;
  coldStarts: number;
}): void {
  const { files, floors, samples, probeSamples, memory, specs } = run;
  const names = specs.map((spec) => spec.name);
  const all = files.map((f) => f.name);
  const valid = files.filter((f) => f.mistakeLines.length === 0).map((f) => f.name);
  const figures: { figure: Figure; files: string[] }[] = [
    { figure: 'open → diagnostics', files: all },
    { figure: 'edit → diagnostics', files: all },
    { figure: 'typing → diagnostics', files: valid },
    { figure: 'completion', files: all },
    { figure: 'completion: top-level key', files: all },
    { figure: 'hover', files: all },
    { figure: 'cold start → diagnostics', files: ['realistic'] },
  ];
  const results: { figure: Figure; file: string; server: string; summary: Summary }[] = [];
  const rows: string[][] = [];
  const ratios = new Map<string, number>();
  for (const { figure, files: fileNames } of figures) {
    for (const file of fileNames) {
      const summaries = names.map((name) => summarize(samples.get(figure, file, name)));
      summaries.forEach((summary, i) => summary.samples > 0 && results.push({ figure, file, server: names[i], summary }));
      const medianOf = (name: string) => summaries[names.indexOf(name)]?.median ?? NaN;
      ratios.set(`${figure}|${file}`, medianOf('ours') / medianOf('peer'));
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
      ['file', 'lines', 'bytes', 'mistakes', 'JSON.parse', 'validateFile'],
      files.map((file) => [
        file.name,
        String(file.lines),
        String(file.text.length),
        String(file.mistakeLines.length),
        `${ms(floors.jsonParse[file.name].median)} / ${ms(floors.jsonParse[file.name].p95)}`,
        `${ms(floors.validateFile[file.name].median)} / ${ms(floors.validateFile[file.name].p95)}`,
      ]),
    ),
  );
  console.log(`\nmemory (MB, heap in use after a full GC / RSS): a fresh server with the three valid files open, then ${memoryEdits} edits on the large file (ours only)`);
  const steps = memory.find((m) => m.afterEdits.length)?.afterEdits.map((step) => step.edits) ?? [];
  const both = (m: HeapAndRss | undefined) => (m ? `${m.heap.toFixed(1)} / ${m.rss.toFixed(0)}` : '-');
  console.log(
    formatTable(
      ['server', '3 files open', ...steps.map((edits) => `+${edits} edits`), 'peak RSS'],
      memory.map((m) => [m.server, both(m.threeFilesOpen), ...steps.map((edits) => both(m.afterEdits.find((step) => step.edits === edits))), m.peak.toFixed(0)]),
    ),
  );

  // The goals of issue 11, each with what this run measured.
  const ratioGoal = (figure: Figure, file: string, limit: number) => {
    const ratio = ratios.get(`${figure}|${file}`) ?? NaN;
    return [`${figure}, ${file}: ours/peer ≤ ${limit}`, Number.isFinite(ratio) ? ratio.toFixed(2) : '-', ratio <= limit ? 'met' : 'NOT MET'];
  };
  const goals: string[][] = [ratioGoal('open → diagnostics', 'large', 0.15), ratioGoal('edit → diagnostics', 'large', 0.15)];
  for (const file of ['large+1', 'large+10', 'large+150']) {
    goals.push(ratioGoal('open → diagnostics', file, 0.25), ratioGoal('edit → diagnostics', file, 0.25));
  }
  for (const figure of ['completion', 'completion: top-level key', 'hover'] as const) {
    const slower = all.filter((file) => !((ratios.get(`${figure}|${file}`) ?? NaN) <= 1));
    goals.push([`${figure}: median never slower than the peer`, slower.length ? `slower on ${slower.join(', ')}` : 'on every file', slower.length ? 'NOT MET' : 'met']);
  }
  for (const figure of ['completion', 'hover'] as const) {
    const p95 = summarize(samples.get(figure, 'large', 'ours')).p95;
    goals.push([`${figure}: ours p95 on the large file < 20 ms`, ms(p95), p95 < 20 ? 'met' : 'NOT MET']);
  }
  const ourMemory = memory.find((m) => m.server === 'ours');
  if (ourMemory?.afterEdits.length) {
    // Growth is judged from the first 100 edits on (the first ones fill caches: parsed schema expansions).
    const { heap: first } = ourMemory.afterEdits[0];
    const { heap: last } = ourMemory.afterEdits[ourMemory.afterEdits.length - 1];
    const grown = last - first;
    goals.push([`memory: heap after ${memoryEdits} edits vs after 100 (no growth beyond 2 MB)`, `${first.toFixed(1)} → ${last.toFixed(1)} MB`, grown <= 2 ? 'met' : 'NOT MET']);
  }
  const extension = join(resolve(__dirname, '..'), 'dist', 'extension.js');
  if (existsSync(extension)) {
    const kb = statSync(extension).size / 1024;
    goals.push(['dist/extension.js < 500 KB', `${kb.toFixed(0)} KB`, kb < 500 ? 'met' : 'NOT MET']);
  }
  console.log('\ngoals');
  console.log(formatTable(['goal', 'measured', ''], goals));

  console.log(
    `\n${run.rounds} measured rounds after 1 warm-up round; ${run.coldStarts} cold starts per server (realistic file);` +
      ` ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.` +
      `\nedit: one character, ${readAfterOpenMs} ms after the open's diagnostics, then each after the previous diagnostics; typing: ${burstKeys} characters ${burstGapMs} ms apart, then` +
      ' their deletion, timed from the last key to the diagnostics of the last version.' +
      '\nlarge+N: the large file with N mistakes in as many tools; large+syntax: with a comma left out in a tool in the middle.' +
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
        files: files.map((file) => ({ name: file.name, lines: file.lines, bytes: file.text.length, mistakes: file.mistakeLines.length, probes: file.probes.map((p) => p.label) })),
        floors,
        results,
        probes: [...probeSamples.byKey.values()].map(({ completion, hover, ...where }) => ({
          ...where,
          completion: summarize(completion),
          hover: summarize(hover),
        })),
        memory,
        goals: goals.map(([goal, measured, verdict]) => ({ goal, measured, verdict })),
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
