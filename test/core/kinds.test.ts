// The resource-kind table against what the manifest declares for VS Code: every kind's files get the
// language, and every kind can be named in `assistantConfig.fileAssociations`.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { detectKind } from '../../core/src/kindOfFile';
import { parseKindName, resourceKinds } from '../../core/src/kinds';

const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));

describe('resource kinds', () => {
  test('the manifest gives every kind\'s files the language', () => {
    const patterns: string[] = manifest.contributes.languages[0].filenamePatterns;
    assert.deepEqual([...patterns].sort(), [...new Set(resourceKinds.map((kind) => `*${kind.fileSuffix}`))].sort());
  });

  test('fileAssociations accepts every kind id and each vendor name, and parseKindName reads them all', () => {
    const names: string[] = manifest.contributes.configuration.properties['assistantConfig.fileAssociations'].additionalProperties.enum;
    for (const kind of resourceKinds) assert.ok(names.includes(kind.id), kind.id);
    for (const name of names) assert.ok(parseKindName(name), name);
  });

  test('each kind is detected from its own file name', () => {
    for (const kind of resourceKinds) {
      const qualified = `support.${kind.vendor}${kind.fileSuffix}`;
      assert.equal(detectKind(qualified, '{}').id, kind.id, qualified);
    }
  });
});
