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
  /**
   * Runs allowed. The UI test drives a browser against timing it does not own (a CI run once failed it on a
   * fast machine where it passes here): a second run is allowed, and the first one's failure is printed in the
   * summary, so a flaky step is seen, not hidden.
   */
  attempts?: number;
}

const stages: Stage[] = [
  { name: 'setup (apt + code-server, skipped when present)', command: ['bash', 'test/vscode/setup.sh'], required: true },
  { name: 'package (build + vsce)', command: ['npm', 'run', '--silent', 'package'], required: true },
  { name: 'vsix contents check', command: ['node', '--import', 'tsx', 'test/vscode/checkVsix.ts'], required: false },
  { name: 'integration tests in code-server', command: ['node', '--import', 'tsx', 'test/vscode/runIntegration.ts'], required: false },
  { name: 'UI tests (playwright + chromium)', command: ['node', '--import', 'tsx', 'test/ui/run.ts'], required: false, attempts: 2 },
  // From a tree with no compiled validators, as a fresh clone is: the README's `npm ci && npm run demo` must build before it loads them.
  { name: 'demo check (npm run demo -- --check, nothing built)', command: ['bash', '-c', 'rm -rf core/src/validation/compiled && node --import tsx scripts/demo.ts --check'], required: false },
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

/** What a failed run said last: the lines a reader of a CI log needs to see why. */
function failureLines(output: string): string {
  const lines = output.split('\n').filter((line) => line.trim());
  const telling = lines.filter((line) => /FAIL|Error|failed|✖|not ok|timed out|Timeout/i.test(line));
  return (telling.length ? telling : lines).slice(-12).map((line) => `    ${line.slice(0, 300)}`).join('\n');
}

async function main(): Promise<void> {
  const results: { stage: string; seconds: number; ok: boolean; failures: string[] }[] = [];
  for (const stage of stages) {
    const started = Date.now();
    const failures: string[] = [];
    let ok = false;
    for (let attempt = 1; attempt <= (stage.attempts ?? 1) && !ok; attempt++) {
      console.log(`\n=== ${stage.name}${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
      const run = await runStage(stage.command);
      const trace = run.ok ? stackLine.exec(run.output) : null;
      if (trace) console.log(`FAIL: the stage passed but printed a stack trace:\n${trace[0]}`);
      ok = run.ok && !trace;
      if (!ok) failures.push(trace ? `    printed a stack trace: ${trace[0].trim()}` : failureLines(run.output));
    }
    results.push({ stage: stage.name, seconds: Math.round((Date.now() - started) / 100) / 10, ok, failures });
    if (!ok && stage.required) break;
  }

  console.log('\n=== stage timings');
  for (const result of results) {
    const note = result.ok && result.failures.length ? ` (passed on attempt ${result.failures.length + 1}; FLAKY)` : '';
    console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.seconds.toFixed(1).padStart(6)} s  ${result.stage}${note}`);
  }
  for (const result of results) {
    result.failures.forEach((failure, index) => console.log(`\n--- ${result.stage}: run ${index + 1} failed; its last telling lines:\n${failure}`));
  }
  fs.mkdirSync(outputDir, { recursive: true });
  fs.writeFileSync(path.join(outputDir, 'vscode-timings.json'), JSON.stringify(results.map(({ failures, ...rest }) => ({ ...rest, failedRuns: failures.length })), null, 2) + '\n');
  const ok = results.length === stages.length && results.every((result) => result.ok);
  console.log(ok ? 'All real-editor stages passed.' : 'Some real-editor stage FAILED.');
  process.exit(ok ? 0 : 1);
}

void main();
