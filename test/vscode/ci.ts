// Everything of the real-editor proof in one command (`npm run test:vscode`): install the tools if
// missing, package the .vsix, run the integration tests in code-server, then the UI test, and the README's
// Neovim configuration in a headless Neovim. Prints the wall time of each stage (also written to
// .test-output/vscode-timings.json) and exits non-zero if any failed. A stage that passes but prints a stack
// trace fails too: a passing run's output is read by people, and a trace there hides the ones that matter.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { outputDir, root } from './codeServer';

interface Stage {
  name: string;
  command: string[];
  /** A failed required stage stops the run: later stages cannot work without it. */
  required: boolean;
}

const stages: Stage[] = [
  { name: 'setup (apt + code-server, skipped when present)', command: ['bash', 'test/vscode/setup.sh'], required: true },
  { name: 'package (build + vsce)', command: ['npm', 'run', '--silent', 'package'], required: true },
  { name: 'vsix contents check', command: ['node', '--import', 'tsx', 'test/vscode/checkVsix.ts'], required: false },
  { name: 'integration tests in code-server', command: ['node', '--import', 'tsx', 'test/vscode/runIntegration.ts'], required: false },
  { name: 'UI tests (playwright + chromium)', command: ['node', '--import', 'tsx', 'test/ui/run.ts'], required: false },
  { name: 'demo check (npm run demo -- --check)', command: ['node', '--import', 'tsx', 'scripts/demo.ts', '--check'], required: false },
  { name: 'Neovim headless with the README config', command: ['node', '--import', 'tsx', '--test', 'test/editors/neovim.test.ts'], required: false },
];

/** A line of a JavaScript stack trace (`    at fn (file.js:12:34)`), as Node and browsers print them. */
const stackLine = /^\s*at .*(?:\(.*:\d+:\d+\)|:\d+:\d+)$/m;

/** Runs a stage with its output shown as it comes and kept, to look for stack traces in it. */
function runStage(command: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
    let output = '';
    const keep = (stream: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', keep(process.stdout));
    child.stderr.on('data', keep(process.stderr));
    child.on('close', (code) => resolve({ ok: code === 0, output }));
  });
}

async function main(): Promise<void> {
  const results: { stage: string; seconds: number; ok: boolean }[] = [];
  for (const stage of stages) {
    console.log(`\n=== ${stage.name}`);
    const started = Date.now();
    const run = await runStage(stage.command);
    const trace = run.ok ? stackLine.exec(run.output) : null;
    if (trace) console.log(`FAIL: the stage passed but printed a stack trace:\n${trace[0]}`);
    const ok = run.ok && !trace;
    results.push({ stage: stage.name, seconds: Math.round((Date.now() - started) / 100) / 10, ok });
    if (!ok && stage.required) break;
  }

  console.log('\n=== stage timings');
  for (const result of results) console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.seconds.toFixed(1).padStart(6)} s  ${result.stage}`);
  fs.mkdirSync(outputDir, { recursive: true });
  fs.writeFileSync(path.join(outputDir, 'vscode-timings.json'), JSON.stringify(results, null, 2) + '\n');
  const ok = results.length === stages.length && results.every((result) => result.ok);
  console.log(ok ? 'All real-editor stages passed.' : 'Some real-editor stage FAILED.');
  process.exit(ok ? 0 : 1);
}

void main();
