// Checks that the .vsix holds exactly what runs: the bundles (extension, its sync engine and schema update worker, server), schemas (snippets are in them), grammar, icon and the
// docs; no sources, sourcemaps, tests, CLI or node_modules. Reads the list from `vsce ls`, the same
// selection `vsce package` uses.
import { spawnSync } from 'node:child_process';
import { root } from './codeServer';

const listed = spawnSync('npx', ['vsce', 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
if (listed.status !== 0) {
  console.error(listed.stdout, listed.stderr);
  process.exit(1);
}
const files = listed.stdout.split('\n').map((line) => line.trim()).filter(Boolean).sort();
const allowed = [/^package\.json$/, /^dist\/(extension|sync|schemaUpdate|server)\.js$/, /^schemas\/[^/]+\.json$/, /^syntaxes\/[^/]+\.json$/, /^images\/icon\.png$/, /^(README|CHANGELOG)\.md$/, /^LICENSE$/];
const required = ['package.json', 'dist/extension.js', 'dist/sync.js', 'dist/schemaUpdate.js', 'dist/server.js', 'images/icon.png', 'README.md', 'CHANGELOG.md', 'LICENSE'];
const unexpected = files.filter((file) => !allowed.some((pattern) => pattern.test(file)));
const missing = required.filter((file) => !files.includes(file));
if (!files.some((file) => file.startsWith('schemas/'))) missing.push('schemas/*.json');
console.log(files.join('\n'));
if (unexpected.length || missing.length) {
  if (unexpected.length) console.error(`Not meant for the .vsix: ${unexpected.join(', ')}`);
  if (missing.length) console.error(`Missing from the .vsix: ${missing.join(', ')}`);
  process.exit(1);
}
console.log(`vsix holds ${files.length} files, all expected.`);
