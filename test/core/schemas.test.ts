// The generated schemas: committed output equals what `npm run generate-schemas` writes, and what the
// generator reads from the OpenAPI document (create-only keys, reference fields) is what the document says.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { resourceKinds } from '../../core/src/kinds';
import { createOnlyKeys, pushableKeys, serverManagedKeys } from '../../core/src/validation';
import { createOnly, endpoints } from '../../core/src/schemaGeneration/endpoints';
import { loadSnapshot } from '../../schemas/generator/snapshots';
import { referenceTarget } from '../../core/src/schemaGeneration/references';

const root = path.resolve(__dirname, '../..');
const snapshot = (date: string) => loadSnapshot(path.join(root, '..', 'shared', 'vapi-openapi', `openapi-${date}.json`));

describe('generated schemas', () => {
  test('the committed schemas are what the generator writes from the snapshots', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'schemas-'));
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'schemas/generator/generate.ts', '--out', out], { cwd: root, stdio: 'pipe' });
      for (const kind of resourceKinds) {
        const committed = readFileSync(path.join(root, 'schemas', kind.schemaFile), 'utf8');
        assert.ok(committed === readFileSync(path.join(out, 'schemas', kind.schemaFile), 'utf8'), `${kind.schemaFile} is stale: run npm run generate-schemas`);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('a key the create DTO has and the update DTO lacks is create-only (the tool type, before 2026)', async () => {
    const older = endpoints(await snapshot('2025-08-22'), '/tool')!;
    const fn = older.variants.find((variant) => variant.tag === 'function')!;
    assert.deepEqual(createOnly(await snapshot('2025-08-22'), fn), ['type']);
    const current = endpoints(await snapshot('2026-08-18'), '/tool')!;
    assert.deepEqual(createOnly(await snapshot('2026-08-18'), current.variants.find((variant) => variant.tag === 'function')!), []);
    assert.equal(current.variants.length, 23);
  });

  test('the tool kind\'s keys: every variant\'s, with the response-only ones server-managed', () => {
    const tool = resourceKinds.find((kind) => kind.id === 'vapi-tool')!;
    for (const key of ['type', 'function', 'url', 'method', 'destinations']) assert.ok(pushableKeys(tool).has(key), key);
    assert.deepEqual([...serverManagedKeys(tool)].sort(), ['createdAt', 'id', 'latestVersion', 'orgId', 'updatedAt']);
    assert.deepEqual([...createOnlyKeys(tool)], []);
  });

  test('reference fields are read from their names and descriptions', () => {
    assert.equal(referenceTarget('toolIds', { description: 'These are the tools that the assistant can use during the call.' }), 'tool');
    assert.equal(referenceTarget('declineToolId', { description: 'ID of existing tool to execute if user verbally declines' }), 'tool');
    assert.equal(referenceTarget('structuredOutputIds', { description: 'This is an array of structured output IDs to be calculated' }), 'structured-output');
    assert.equal(referenceTarget('assistantId', { description: 'This is the assistant that will be used for the call.' }), 'assistant');
    // A name alone is not enough, nor are ids of resources the product has no kind for.
    assert.equal(referenceTarget('toolId', { description: 'An opaque identifier.' }), undefined);
    assert.equal(referenceTarget('credentialId', { description: 'The credential ID for server authentication' }), undefined);
    assert.equal(referenceTarget('callerId', { description: 'This is the caller ID to use' }), undefined);
  });
});
