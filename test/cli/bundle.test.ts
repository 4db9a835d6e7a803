// The shipped bundles (built by `npm run build`, which `npm test` runs first): the CLI starts and works; the
// extension holds the client alone (the validators are the language server's).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

describe('dist/extension.js', () => {
  it('holds the client alone: no validator (the server checks a file before a push), a tenth of what it was', () => {
    const extension = path.join(projectRoot, 'dist', 'extension.js');
    assert.ok(existsSync(extension), 'dist/extension.js is missing: run `npm run build` first');
    const text = readFileSync(extension, 'utf8');
    // ajv's messages are in every compiled validator, and in the server's bundle.
    assert.ok(readFileSync(path.join(projectRoot, 'dist', 'server.js'), 'utf8').includes('must NOT have additional properties'));
    assert.ok(!text.includes('must NOT have additional properties'), 'a compiled validator is bundled into the extension');
    // With the validators it was 3.8 MB; the language client and its dependencies are most of what is left.
    const kb = Buffer.byteLength(text) / 1024;
    assert.ok(kb < 600, `dist/extension.js is ${kb.toFixed(0)} KB`);
  });
});
