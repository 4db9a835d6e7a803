// `npm run bench:sync`: the time of `status` and `plan` for a workspace of 200 resources against the local API
// (test/mock-api on 127.0.0.1): 100 tools, 80 assistants naming two tools each (every fourth with its prompt
// in a Markdown file), 10 squads of 8 assistants, 10 structured outputs. Measured as a user runs them (the
// bundled CLI, a process per run, so start-up counts) and in-process (the engine alone, as the extension
// calls it), each after everything was applied once: in sync, and with 20 files changed locally.
// With --large instead: one assistant of 1.5 million short lines (55 MB) and one of 20,000 lines, through the
// bundled CLI (time and peak memory of each process): validate, push, diff and pull, so that sync can be set
// against validation on the same file.
//   options: --runs N (default 7), --large
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { validateFile } from '../core/src/validation';
import { apply, plan, status, type SyncContext } from '../sync/src/index';
import { startMockApi } from '../test/mock-api/server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' }, large: { type: 'boolean', default: false } } });
const runs = Number(values.runs);
const key = 'sk-bench-sync';
const cli = path.resolve(__dirname, '..', 'dist', 'cli.js');

async function writeJson(root: string, name: string, value: unknown): Promise<void> {
  const file = path.join(root, name);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

async function workspace(root: string): Promise<void> {
  await mkdir(path.join(root, '.git'), { recursive: true });
  for (let i = 0; i < 100; i++) {
    await writeJson(root, `tools/tool-${i}.tool.json`, {
      type: 'function',
      function: { name: `tool_${i}`, description: `Tool number ${i}.`, parameters: { type: 'object', properties: { id: { type: 'string' } } } },
      server: { url: 'https://example.com/tools' },
    });
  }
  for (let i = 0; i < 10; i++) await writeJson(root, `structured-outputs/output-${i}.structured-output.json`, { name: `output_${i}`, schema: { type: 'string' } });
  for (let i = 0; i < 80; i++) {
    const prompt = i % 4 === 0 ? `./prompts/assistant-${i}.md` : `You are assistant ${i}. Help {{ customer.name }}.`;
    if (i % 4 === 0) await writeFile(path.join(root, 'assistants', 'prompts', `assistant-${i}.md`), `# Assistant ${i}\n\nHelp {{ customer.name }}.\n`).catch(async () => {
      await mkdir(path.join(root, 'assistants', 'prompts'), { recursive: true });
      await writeFile(path.join(root, 'assistants', 'prompts', `assistant-${i}.md`), `# Assistant ${i}\n\nHelp {{ customer.name }}.\n`);
    });
    await writeJson(root, `assistants/assistant-${i}.assistant.json`, {
      name: `Assistant ${i}`,
      firstMessage: 'Hello, how can I help?',
      model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: prompt }], toolIds: [`../tools/tool-${i}.tool.json`, `../tools/tool-${(i + 50) % 100}.tool.json`] },
      ...(i < 10 ? { artifactPlan: { structuredOutputIds: [`../structured-outputs/output-${i}.structured-output.json`] } } : {}),
    });
  }
  for (let i = 0; i < 10; i++) {
    await writeJson(root, `squads/squad-${i}.squad.json`, { name: `Squad ${i}`, members: Array.from({ length: 8 }, (_, m) => ({ assistantId: `../assistants/assistant-${i * 8 + m}.assistant.json` })) });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

interface CliRun {
  ms: number;
  /** Peak resident memory of the CLI's process. */
  maxRssMb: number;
  /** CPU time (user + system) of the CLI's own process: its cost without the time it waits for the API. */
  cpuMs: number;
  code: number;
  stderr: string;
}

/** Preloaded into every CLI run: reports the process's peak memory and CPU time, which the parent cannot read. */
const rssProbe = `process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(2, '\\nmax-rss-kb ' + u.maxRSS + ' cpu-us ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });`;

/** Runs the bundled CLI in `cwd`; sync commands get `baseUrl` (validate takes none). */
function runCli(args: string[], cwd: string, baseUrl?: string): Promise<CliRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--require', path.join(cwd, '.rss-probe.cjs'), cli, ...args, ...(baseUrl ? ['--base-url', baseUrl] : [])],
      { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, VAPI_API_KEY: key }, maxBuffer: 1 << 30 },
      (error, _stdout, stderr) => {
        const usage = /max-rss-kb (\d+) cpu-us (\d+)/.exec(stderr);
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ ms: performance.now() - started, maxRssMb: usage ? Number(usage[1]) / 1024 : NaN, cpuMs: usage ? Number(usage[2]) / 1000 : NaN, code, stderr });
      },
    );
  });
}

/** An assistant whose metadata holds `entries` short lines (`"e0000001": "item 0000001 list",`: 37 bytes, the issue's 55 MB for 1.5 million). */
function assistantOfLines(entries: number): Record<string, unknown> {
  const metadata: Record<string, string> = {};
  for (let i = 0; i < entries; i++) metadata[`e${String(i).padStart(7, '0')}`] = `item ${String(i).padStart(7, '0')} list`;
  return { name: 'Many Lines', firstMessage: 'Hello.', model: { provider: 'openai', model: 'gpt-4o' }, metadata };
}

/** The file with `every`-th metadata line changed. */
function edited(text: string, every: number): string {
  let line = 0;
  return text.replace(/ list"/g, (match) => (line++ % every === 0 ? ' list, edited"' : match));
}

async function large(): Promise<void> {
  const api = await startMockApi({ vapiKey: key });
  const root = await mkdtemp(path.join(tmpdir(), 'assistant-config-bench-sync-large-'));
  try {
    await mkdir(path.join(root, '.git'));
    await writeFile(path.join(root, '.rss-probe.cjs'), rssProbe);
    const rows: string[][] = [];
    const step = async (label: string, args: string[], expectedCode: number) => {
      const result = await runCli(args, root, args[0] === 'validate' ? undefined : api.vapiUrl);
      // The mock API records each request with its parsed body; nothing here reads them, and 55 MB bodies kept
      // from step to step would slow the API's collections in later steps.
      api.requests.length = 0;
      if (result.code !== expectedCode) throw new Error(`${args.join(' ')}: exit ${result.code}, expected ${expectedCode}: ${result.stderr.slice(0, 500)}`);
      rows.push([label, `${(result.ms / 1000).toFixed(2)} s`, `${(result.cpuMs / 1000).toFixed(2)} s`, `${result.maxRssMb.toFixed(0)} MB`]);
      return result;
    };
    const baseline = { name: 'Small', firstMessage: 'Hello.' };
    await writeJson(root, 'small.assistant.json', baseline);
    await step('validate, a 2-line file (start-up)', ['validate', 'small.assistant.json'], 0);
    for (const [name, entries] of [['20k', 20_000 - 10], ['huge', 1_500_000 - 10]] as const) {
      const file = `${name}.assistant.json`;
      await writeJson(root, file, assistantOfLines(entries));
      const text = await readFile(path.join(root, file), 'utf8');
      const lines = text.split('\n').length - 1;
      const label = `${lines.toLocaleString('en')} lines, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB`;
      await step(`${label}: validate`, ['validate', file], 0);
      await step(`${label}: push (create)`, ['push', file, '--yes'], 0);
      await step(`${label}: diff, in sync`, ['diff', file], 0);
      await writeFile(path.join(root, file), edited(text, 5000));
      await step(`${label}: diff, 1 line in 5,000 changed`, ['diff', file], 1);
      await step(`${label}: push (update)`, ['push', file, '--yes'], 0);
      await writeFile(path.join(root, file), edited(text, 1));
      await step(`${label}: diff, every entry changed`, ['diff', file], 1);
      const id = Object.values(JSON.parse(await readFile(path.join(root, '.assistant-config', 'state.json'), 'utf8')).files[file])[0] as { id: string };
      await step(`${label}: pull (into a new file)`, ['pull', id.id, '-o', `pulled-${file}`], 0);
    }
    console.log('sync bench, large files: the bundled CLI against the local API, one process per step (start-up included)');
    console.log(formatRows(['step', 'time', 'CLI CPU', 'peak RSS'], rows));
  } finally {
    await api.stop();
    await rm(root, { recursive: true, force: true });
  }
}

function formatRows(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  return [header, ...rows].map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('   ')).join('\n');
}

async function main(): Promise<void> {
  const api = await startMockApi({ vapiKey: key });
  const root = await mkdtemp(path.join(tmpdir(), 'assistant-config-bench-sync-'));
  try {
    await workspace(root);
    await writeFile(path.join(root, '.rss-probe.cjs'), rssProbe);
    const ctx: SyncContext = { env: { name: 'bench', vendor: 'vapi', baseUrl: api.vapiUrl }, apiKey: key, workspaceRoot: root, validate: validateFile };
    const cliCtx = ['--env', 'bench'];
    await mkdir(path.join(root, '.config', 'assistant-config'), { recursive: true });
    await writeFile(path.join(root, '.config', 'assistant-config', 'environments.json'), JSON.stringify({ environments: { bench: { vendor: 'vapi', baseUrl: api.vapiUrl } } }));
    const applyStarted = performance.now();
    const applied = await apply(ctx);
    const applyMs = performance.now() - applyStarted;
    if (applied.status !== 'done' || applied.counts.created !== 200) throw new Error(`apply: ${applied.status}, ${applied.counts.created} created`);

    const rows: [string, number, number][] = [];
    const measure = async (label: string) => {
      const engine = { status: [] as number[], plan: [] as number[] };
      const process_ = { status: [] as number[], plan: [] as number[] };
      for (let run = 0; run < runs; run++) {
        for (const name of ['status', 'plan'] as const) {
          const started = performance.now();
          await (name === 'status' ? status(ctx) : plan(ctx));
          engine[name].push(performance.now() - started);
          process_[name].push((await runCli([name, ...cliCtx], root, api.vapiUrl)).ms);
        }
      }
      for (const name of ['status', 'plan'] as const) rows.push([`${name}, ${label}`, median(engine[name]), median(process_[name])]);
    };
    api.requests.length = 0;
    await measure('200 in sync');
    const requestsPerRun = api.requests.length / (runs * 4);
    for (let i = 0; i < 20; i++) await writeJson(root, `tools/tool-${i}.tool.json`, { type: 'function', function: { name: `tool_${i}`, description: `Tool number ${i}, edited.` }, server: { url: 'https://example.com/tools' } });
    await measure('20 of 200 changed');

    console.log(`sync bench: 200 resources (100 tools, 80 assistants, 10 squads, 10 structured outputs), local API, median of ${runs} runs`);
    console.log(`first apply (200 creates): ${applyMs.toFixed(0)} ms; requests per status or plan: ${requestsPerRun} (one list per kind)`);
    console.log(`${'command'.padEnd(28)} ${'engine (in-process)'.padStart(20)} ${'CLI (process)'.padStart(15)}`);
    for (const [label, engine, process_] of rows) console.log(`${label.padEnd(28)} ${`${engine.toFixed(0)} ms`.padStart(20)} ${`${process_.toFixed(0)} ms`.padStart(15)}`);
  } finally {
    await api.stop();
    await rm(root, { recursive: true, force: true });
  }
}

void (values.large ? large() : main());
