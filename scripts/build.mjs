// Bundles each runtime's entry point into dist/: the VS Code client (vscode stays external) and its sync
// engine, the language server and the CLI. Schemas stay files beside dist/ and are read at run time; the
// validators compiled from them are generated first (schemas/generator/compileValidators.ts).
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

execFileSync(process.execPath, ['--import', 'tsx', 'schemas/generator/compileValidators.ts'], { stdio: 'inherit' });

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // jsonc-parser and vscode-json-languageservice ship a UMD build under "main" that esbuild cannot follow.
  mainFields: ['module', 'main'],
};
// vscode-languageclient's two semver functions (its check of the VS Code version) come from
// client/src/vscodeVersionCheck.ts instead of semver, which the extension's bundle then leaves out.
const vscodeVersionCheck = {
  name: 'vscode-version-check',
  setup(build) {
    build.onResolve({ filter: /^semver\/functions\/(parse|satisfies)$/ }, (args) => ({ path: args.path, namespace: 'vscode-version-check' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-version-check' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(path.resolve('client/src/vscodeVersionCheck.ts'))}).${path.basename(args.path)};`,
      resolveDir: process.cwd(),
    }));
  },
};
// 16 of vscode-languageclient's modules import vscode through TypeScript's __importStar, which copies the API's
// ~350 properties into a new object in each, at load, unless the module says it is an ES module. They get the API
// through one object that says so and leaves every property to the API itself (its prototype).
const vscodeForLanguageClient = {
  name: 'vscode-for-language-client',
  setup(build) {
    const languageClient = `${path.sep}node_modules${path.sep}vscode-languageclient${path.sep}`;
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.importer.includes(languageClient) ? { path: 'vscode', namespace: 'vscode-for-language-client' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'vscode-for-language-client' }, () => ({
      contents: "module.exports = Object.create(require('vscode'), { __esModule: { value: true } });",
    }));
  },
};
// The runtimes are minified (the server: 3.5 instead of 5.7 MB, start-up time measured the same either
// way); their source maps keep stack traces readable.
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true, plugins: [vscodeVersionCheck, vscodeForLanguageClient] },
  // The sync engine for the extension, required on first use (client/src/syncEngine.ts): activation loads
  // the language client alone. The CLI bundles the engine into dist/cli.js.
  { entryPoints: ['sync/src/index.ts'], outfile: 'dist/sync.js', minify: true },
  // The live schema update, run by the extension in a worker thread (client/src/schemaUpdate.ts): it converts for seconds.
  { entryPoints: ['client/src/schemaUpdateWorker.ts'], outfile: 'dist/schemaUpdate.js', minify: true },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' }, minify: true },
  { entryPoints: ['cli/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, minify: true },
  // Integration tests loaded by the extension host (test-electron style); mocha comes from node_modules. Not packaged.
  { entryPoints: ['test/integration/*.ts'], outdir: 'dist/test/integration', external: ['vscode', 'mocha'] },
];
if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  // The server and the CLI are commands (an editor's config starts dist/server.js by a link to it): esbuild
  // writes them without the executable bit.
  for (const e of entries) if (e.banner) chmodSync(e.outfile, 0o755);
}
