// Entry point VS Code loads as extensionTestsPath (the test-electron convention): runs the mocha suites
// inside the extension host and rejects when any test fails, which makes the runner exit non-zero.
// ASSISTANT_TEST_SUITES picks the suites: the default set runs in a trusted workspace, 'untrusted' in
// Restricted Mode, 'view' the sync view's in its own workspace; ASSISTANT_TEST_RESULTS, when set, receives a JSON summary the runner prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

const suiteSets: Record<string, string[]> = {
  // schemas last: it installs a live schema in the pass's profile.
  trusted: ['activation', 'language', 'settings', 'sync', 'kinds', 'prompts', 'references', 'schemas'],
  untrusted: ['untrusted'],
  view: ['workspaceView'],
};

export async function run(): Promise<void> {
  const set = process.env.ASSISTANT_TEST_SUITES ?? 'trusted';
  const files = suiteSets[set];
  if (!files) throw new Error(`Unknown ASSISTANT_TEST_SUITES '${set}' (use ${Object.keys(suiteSets).join(' or ')})`);
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 30_000, reporter: 'spec' });
  for (const file of files) mocha.addFile(path.join(__dirname, `${file}.test.js`));
  const passed: string[] = [];
  const failed: { title: string; error: string }[] = [];
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('pass', (test) => passed.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) => failed.push({ title: test.fullTitle(), error: error.stack ?? error.message }));
  });
  if (process.env.ASSISTANT_TEST_RESULTS) fs.writeFileSync(process.env.ASSISTANT_TEST_RESULTS, JSON.stringify({ set, passed, failed }, null, 2));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
