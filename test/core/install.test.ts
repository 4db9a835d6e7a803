// `npm ci` of the project itself installs quietly: npm 11 skips a dependency's install script unless
// package.json's allowScripts decides about it, and warns about each one undecided. Each decision here is
// deliberate: esbuild finds its binary through its platform package without its postinstall, core-js's only
// prints a funding banner, and @vscode/vsce-sign's copies (or downloads) a signing binary packaging never uses.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const projectRoot = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };

/** Every installed package (name → its package.json), nested node_modules included. */
function installedPackages(dir: string, found = new Map<string, { scripts?: Record<string, string> }>()) {
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const names = entry.startsWith('@') ? readdirSync(path.join(dir, entry)).map((sub) => `${entry}/${sub}`) : [entry];
    for (const name of names) {
      const manifestPath = path.join(dir, name, 'package.json');
      if (!existsSync(manifestPath)) continue;
      found.set(name, JSON.parse(readFileSync(manifestPath, 'utf8')));
      installedPackages(path.join(dir, name, 'node_modules'), found);
    }
  }
  return found;
}

test('every installed dependency with an install script is decided in allowScripts (no npm warn install-scripts)', () => {
  const withScripts = [...installedPackages(path.join(projectRoot, 'node_modules'))]
    .filter(([, pkg]) => ['preinstall', 'install', 'postinstall'].some((script) => pkg.scripts?.[script]))
    .map(([name]) => name)
    .sort();
  assert.ok(withScripts.includes('esbuild'), `the scan finds install scripts (found: ${withScripts.join(', ')})`);
  const decided = Object.keys(manifest.allowScripts ?? {});
  assert.deepEqual(withScripts.filter((name) => !decided.includes(name)), []);
  assert.deepEqual(decided.filter((name) => !withScripts.includes(name)), [], 'allowScripts names packages that are no longer installed');
});
