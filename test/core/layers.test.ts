// The code's layers: core/ (resource kinds, schema choice, the schema check) at the bottom, imported by the
// language server, the sync engine, the CLI, the client and the schema generator; shared/ for the messages
// between client and server. An import that runs back up (core importing server, sync importing server, …)
// fails here with the file and the import that does it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');

/** Which top-level folders each folder's sources may import from (besides itself). */
const allowed: Record<string, string[]> = {
  core: [],
  shared: ['core'],
  sync: ['core'],
  server: ['core', 'shared'],
  cli: ['core', 'sync'],
  client: ['core', 'shared', 'sync'],
  schemas: ['core'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'compiled' ? [] : sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The top-level folder of every project file a source imports. */
function importedFolders(file: string): { specifier: string; folder: string }[] {
  // TypeScript's own scan: imports, exports-from, require() and import(), but not text inside strings.
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => ({ specifier, folder: path.relative(root, path.resolve(path.dirname(file), specifier)).split(path.sep)[0] }));
}

test('no import runs back up the layers', () => {
  const wrong: string[] = [];
  for (const [folder, mayImport] of Object.entries(allowed)) {
    const dir = folder === 'schemas' ? path.join(root, 'schemas/generator') : path.join(root, folder, 'src');
    for (const file of sources(dir)) {
      for (const { specifier, folder: target } of importedFolders(file)) {
        if (target !== folder && !mayImport.includes(target)) wrong.push(`${path.relative(root, file)} imports '${specifier}' (${folder} → ${target})`);
      }
    }
  }
  assert.deepEqual(wrong, []);
});

test('the sync engine\'s modules import its types from types.ts, not from its barrel', () => {
  const barrelUsers = sources(path.join(root, 'sync/src')).filter((file) =>
    importedFolders(file).some(({ specifier }) => /(^|\/)index$/.test(specifier) || specifier === '.' || specifier === '..'),
  );
  assert.deepEqual(barrelUsers.map((file) => path.relative(root, file)), []);
});

test('the VS Code client does not bundle the validators: its check before a push is the language server\'s', () => {
  // The import graph from the extension's entry point, with the chain that reached each file.
  const reachedFrom = new Map<string, string | undefined>([[path.join(root, 'client/src/extension.ts'), undefined]]);
  const pending = [...reachedFrom.keys()];
  for (let file = pending.pop(); file; file = pending.pop()) {
    for (const { specifier } of importedFolders(file)) {
      const base = path.resolve(path.dirname(file), specifier);
      const target = [`${base}.ts`, path.join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      if (!target || reachedFrom.has(target)) continue;
      reachedFrom.set(target, file);
      pending.push(target);
    }
  }
  const chain = (file: string): string[] => {
    const from = reachedFrom.get(file);
    return [...(from ? chain(from) : []), path.relative(root, file)];
  };
  const validators = [...reachedFrom.keys()].filter((file) => file === path.join(root, 'core/src/validation/index.ts') || file.includes(`${path.sep}compiled${path.sep}`));
  assert.deepEqual(validators.map((file) => chain(file).join(' → ')), []);
});
