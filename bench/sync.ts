// `npm run bench:sync`: the time of `status` and `plan` for a workspace of 200 resources against the local API
// (test/mock-api on 127.0.0.1): 100 tools, 80 assistants naming two tools each (every fourth with its prompt
// in a Markdown file), 10 squads of 8 assistants, 10 structured outputs. Measured as a user runs them (the
// bundled CLI, a process per run, so start-up counts) and in-process (the engine alone, as the extension
// calls it), each after everything was applied once: in sync, and with 20 files changed locally.
//   options: --runs N (default 7)
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { validateFile } from '../core/src/validation';
import { apply, plan, status, type SyncContext } from '../sync/src/index';
import { startMockApi } from '../test/mock-api/server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
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

function runCli(args: string[], cwd: string, baseUrl: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args, '--base-url', baseUrl], { cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, VAPI_API_KEY: key } }, () => resolve(performance.now() - started));
  });
}

async function main(): Promise<void> {
  const api = await startMockApi({ vapiKey: key });
  const root = await mkdtemp(path.join(tmpdir(), 'assistant-config-bench-sync-'));
  try {
    await workspace(root);
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
          process_[name].push(await runCli([name, ...cliCtx], root, api.vapiUrl));
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

void main();
