// The shipped bundles (built by `npm run build`, which `npm test` runs first): the CLI starts and works; the
// extension holds the client alone (the validators are the language server's).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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
  it('holds the client alone: no validator (the server checks a file before a push), no sync engine (dist/sync.js, loaded on first use), no semver, under 500 KB', () => {
    const extension = path.join(projectRoot, 'dist', 'extension.js');
    assert.ok(existsSync(extension), 'dist/extension.js is missing: run `npm run build` first');
    const text = readFileSync(extension, 'utf8');
    // ajv's messages are in every compiled validator, and in the server's bundle.
    assert.ok(readFileSync(path.join(projectRoot, 'dist', 'server.js'), 'utf8').includes('must NOT have additional properties'));
    assert.ok(!text.includes('must NOT have additional properties'), 'a compiled validator is bundled into the extension');
    // The engine's words for a refused key, and the state file's lock (proper-lockfile), are in dist/sync.js only.
    const engine = readFileSync(path.join(projectRoot, 'dist', 'sync.js'), 'utf8');
    for (const words of ['The API refused the key for environment', 'Lock file is already being held']) {
      assert.ok(engine.includes(words), `dist/sync.js lacks "${words}"`);
      assert.ok(!text.includes(words), `the sync engine is bundled into the extension ("${words}")`);
    }
    // The language client's version check uses client/src/vscodeVersionCheck.ts instead (scripts/build.mjs).
    assert.ok(!text.includes('Invalid comparator'), 'semver is bundled into the extension');
    // With the validators it was 3.8 MB, with the engine 571 KB, with semver 504 KB; the language client and its
    // dependencies (vscode-languageclient with its protocol and minimatch: 406 KB alone) are most of what is left.
    const kb = Buffer.byteLength(text) / 1024;
    assert.ok(kb < 500, `dist/extension.js is ${kb.toFixed(0)} KB`);
  });

  it('is loaded without copying the vscode API into each module', () => {
    // The language client's modules see the API through one object marked as an ES module (scripts/build.mjs),
    // which TypeScript's __importStar takes as it is.
    const text = readFileSync(path.join(projectRoot, 'dist', 'extension.js'), 'utf8');
    assert.equal(text.match(/Object\.create\(require\("vscode"\),\{__esModule:\{value:!0\}\}\)/g)?.length, 1);
    // esbuild turns `import * as vscode from 'vscode'` into a copy of the API's ~350 properties per module, at load.
    for (const file of readdirSync(path.join(projectRoot, 'client', 'src'), { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(path.join(projectRoot, 'client', 'src', file), 'utf8');
      assert.doesNotMatch(source, /^import \* as \w+ from 'vscode';/m, `client/src/${file}: import vscode = require('vscode') instead`);
    }
  });
});
