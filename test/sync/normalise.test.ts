// The canonical form every comparison, hash and written file uses: stable across versions (hashes in committed
// state files stay valid), any depth, any key, and cheap on the files the engine itself wrote.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kindById } from '../../core/src/kinds';
import { diffPaths } from '../../sync/src/jsonDiff';
import { createHash } from 'node:crypto';
import { deepEqual, formatResource, hashLike, hashOf, jsonText, normalise } from '../../sync/src/normalise';
import { vapiAssistant } from './helpers';

const kind = kindById('vapi-assistant');

describe('normalise', () => {
  it('hashes as it always has: state files written before stay in sync', () => {
    const value = JSON.parse(
      '{"name":"Z","model":{"provider":"openai","b":1,"a":[{"z":1,"10":2,"2":3,"y":[{"q":1,"p":null}]}]},"id":"x","voice":{"provider":"11labs","voiceId":"é","Zeta":1,"alpha":2}}',
    );
    // The hash the engine computed for this value before normalising was rewritten.
    assert.equal(hashOf(normalise(value, kind)), 'sha256:062d8043161c1974a76b0e884753f37201d16e3242d7ce42d8c92167df672370');
  });

  it('keeps "__proto__" as an ordinary key at any depth', () => {
    const value = JSON.parse('{"name":"P","metadata":{"__proto__":{"polluted":true},"b":1,"a":2}}');
    const normalised = normalise(value, kind);
    assert.equal(formatResource(normalised).includes('"__proto__": {\n      "polluted": true'), true, formatResource(normalised));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(normalised.metadata), Object.prototype);
  });

  it('normalises and diffs values nested 100,000 levels deep without running out of stack', () => {
    let deep: unknown = 1;
    let other: unknown = 2;
    for (let i = 0; i < 100_000; i++) {
      deep = { b: deep, a: i };
      other = { b: other, a: i };
    }
    const normalised = normalise({ name: 'Deep', metadata: deep } as Record<string, unknown>, kind);
    const metadata = normalised.metadata as { a: number; b: { a: number } };
    assert.deepEqual([Object.keys(normalised), Object.keys(metadata), metadata.a, metadata.b.a], [['metadata', 'name'], ['a', 'b'], 99999, 99998]);
    const changes = diffPaths(normalised, normalise({ name: 'Deep', metadata: other } as Record<string, unknown>, kind));
    assert.equal(changes.length, 1);
    assert.equal(changes[0].kind, 'changed');
    assert.equal(changes[0].path.split('.').length, 100_001);
  });

  it('copies nothing of a file it wrote itself (sorted already), so a 55 MB file costs no second copy', () => {
    const assistant = vapiAssistant('Big');
    (assistant.model as Record<string, unknown>).messages = Array.from({ length: 50_000 }, (_, i) => ({ content: `line ${i}`, role: 'system' }));
    const written = JSON.parse(formatResource(normalise(assistant, kind)));
    const again = normalise(written, kind);
    assert.equal(again.model, written.model, 'the sorted subtree is the same object');
    assert.equal(again.voice, written.voice);
    assert.deepEqual(diffPaths(again, normalise(written, kind)), []);
  });

  it('compares, diffs and hashes large objects (whose keys it keeps) as it does the same values read afresh', () => {
    // 40 keys: above the size whose keys and values normalise keeps for later walks. Unsorted, with a nested
    // large object, a "__proto__" key and an array, so both the copied and the kept path are taken.
    const entries = (tag: string) => Array.from({ length: 40 }, (_, i) => `"k${(i * 7) % 40}":"${tag}${i}"`).join(',');
    const text = (tag: string) => `{"name":"L","metadata":{${entries(tag)},"__proto__":{${entries(tag)}},"list":[{${entries(tag)}}]}}`;
    const a = normalise(JSON.parse(text('a')), kind);
    const b = normalise(JSON.parse(text('a').replaceAll('"a39"', '"b39"')), kind);
    // The same values, parsed from their canonical text: nothing known about them.
    const fresh = (value: Record<string, unknown>) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
    assert.deepEqual(diffPaths(a, b), diffPaths(fresh(a), fresh(b)));
    assert.equal(diffPaths(a, b).length, 3, JSON.stringify(diffPaths(a, b)));
    assert.deepEqual(diffPaths(a, normalise(fresh(a), kind)), []);
    assert.equal(deepEqual(a, b), false);
    assert.equal(deepEqual(a, normalise(fresh(a), kind)), true);
    assert.equal(hashOf(a), hashOf(fresh(a)));
    assert.equal(formatResource(a), formatResource(fresh(a)));
    // Normalising again keeps what is known normalised as it is; a live copy equal to it gets its hash.
    const again = normalise(a, kind);
    assert.equal(again.metadata, a.metadata);
    assert.equal(hashLike(normalise(fresh(a), kind), a), hashOf(fresh(a)));
    assert.equal(hashLike(b, a), hashOf(fresh(b)));
    assert.equal(Object.getPrototypeOf(a.metadata), Object.prototype);
    assert.deepEqual(Object.keys((a.metadata as Record<string, unknown>)['__proto__'] as object).slice(0, 3), ['k0', 'k1', 'k10']);
  });

  it('writes a request body as JSON.stringify does, with the long texts its hash wrote out reused', () => {
    const metadata = Object.fromEntries(Array.from({ length: 40_000 }, (_, i) => [`e${String(i).padStart(7, '0')}`, `item ${i} list`]));
    const body = normalise({ name: 'Big', firstMessage: 'Hi', metadata, model: { provider: 'openai', model: 'gpt-4o' }, voice: undefined, $schema: 'x' }, kind);
    assert.equal(hashOf(body), 'sha256:' + createHash('sha256').update(JSON.stringify(body)).digest('hex'));
    // An update's body: some of the same values, a cleared key, a key whose value is undefined.
    const update = { metadata: body.metadata, name: null, firstMessage: body.firstMessage, dropped: undefined };
    assert.equal(jsonText(update), JSON.stringify(update));
    assert.equal(jsonText(body), JSON.stringify(body));
    assert.equal(jsonText({}), '{}');
    assert.equal(jsonText([1, { a: 2 }]), '[1,{"a":2}]');
    const withToJson = { metadata: body.metadata, when: new Date(0) };
    assert.equal(jsonText(withToJson), JSON.stringify(withToJson));
  });
});
