// Everything of the real-VS-Code proof in one command (`npm run test:vscode`): install the tools if
// missing, package the .vsix, run the integration tests in code-server, then the UI test. Prints the wall
// time of each stage (also written to .test-output/vscode-timings.json) and exits non-zero if any failed.
import { spawnSync } from 'node:child_process';
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
];

const results: { stage: string; seconds: number; ok: boolean }[] = [];
for (const stage of stages) {
  console.log(`\n=== ${stage.name}`);
  const started = Date.now();
  const run = spawnSync(stage.command[0], stage.command.slice(1), { cwd: root, stdio: 'inherit' });
  const ok = run.status === 0;
  results.push({ stage: stage.name, seconds: Math.round((Date.now() - started) / 100) / 10, ok });
  if (!ok && stage.required) break;
}

console.log('\n=== stage timings');
for (const result of results) console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.seconds.toFixed(1).padStart(6)} s  ${result.stage}`);
fs.mkdirSync(outputDir, { recursive: true });
fs.writeFileSync(path.join(outputDir, 'vscode-timings.json'), JSON.stringify(results, null, 2) + '\n');
const ok = results.length === stages.length && results.every((result) => result.ok);
console.log(ok ? 'All VS Code stages passed.' : 'Some VS Code stage FAILED.');
process.exit(ok ? 0 : 1);
