// The shipped binary (dist/cli.js, built by `npm run build`, which `npm test` runs first) starts and works.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const projectRoot = path.resolve(__dirname, '../..');
const bundle = path.join(projectRoot, 'dist', 'cli.js');

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bundle, ...args], { cwd: projectRoot }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe('dist/cli.js', () => {
  it('validates the examples with the bundled schema', async () => {
    assert.ok(existsSync(bundle), 'dist/cli.js is missing: run `npm run build` first');
    const result = await run(['validate', 'examples/front-desk.assistant.json', 'examples/legacy-shape.assistant.json']);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^examples\/legacy-shape\.assistant\.json:\d+:\d+ warning "hipaaEnabled" left the published Vapi API/m);
    assert.match(result.stderr, /^0 error\(s\), \d+ warning\(s\) in 2 file\(s\)\.$/m);
  });
});
