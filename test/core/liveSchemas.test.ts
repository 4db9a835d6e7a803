// Schemas from the live OpenAPI document (core/src/liveSchemas), against a local server serving a modified
// copy of the newest snapshot: after an update the new values validate, the removed field is a legacy
// warning with its date, the bundled legacy knowledge stays, the diff names the changes; a restart loads the
// last good set with the server gone; a document that is not OpenAPI changes nothing; no request carries a key.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { kindById } from '../../core/src/kinds';
import { checkDue, diffLines, lastCheck, loadLiveSchemas, updateLiveSchemas, type UpdateResult } from '../../core/src/liveSchemas';
import { schemaInUse, useLiveSchemas, validateFile } from '../../core/src/validation';
import { liveChanges, startLiveApi, type LiveApi } from '../live/liveApi';

const assistant = kindById('vapi-assistant');
const tool = kindById('vapi-tool');
const now = new Date('2026-11-30T09:00:00Z');

const assistantFile = (extra: object) => JSON.stringify({ name: 'Front desk', model: { provider: 'openai', model: liveChanges.modelName }, ...extra }, null, 2);
const problems = (text: string, kind = assistant) => validateFile(text, kind).map((d) => `${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`);

describe('live schemas', () => {
  let api: LiveApi;
  let root: string;
  let first: UpdateResult;

  before(async () => {
    api = await startLiveApi();
    root = mkdtempSync(path.join(tmpdir(), 'live-schemas-'));
    first = await updateLiveSchemas({ root, vendor: 'vapi', baseUrl: api.baseUrl, now });
  });
  after(async () => {
    useLiveSchemas('vapi', undefined);
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('before an update, the bundled schema rejects the new model name and the new field', () => {
    useLiveSchemas('vapi', undefined);
    const found = problems(assistantFile({ [liveChanges.topLevelField]: 'Hi' }));
    assert.ok(found.some((p) => p.includes(`"${liveChanges.modelName}"`)), found.join('\n'));
    assert.ok(found.some((p) => p.startsWith('error') && p.includes(liveChanges.topLevelField)), found.join('\n'));
  });

  test('after an update, the new model name, field and tool type validate and the removed field is a dated legacy warning', () => {
    assert.equal(first.outcome, 'updated', first.message);
    assert.equal(first.meta?.date, '2026-11-30');
    const loaded = loadLiveSchemas(root, 'vapi')!;
    useLiveSchemas('vapi', loaded.set);
    assert.equal(schemaInUse(assistant).origin, 'live');
    assert.equal(schemaInUse(assistant).date, '2026-11-30');
    assert.deepEqual(problems(assistantFile({ [liveChanges.topLevelField]: 'Hi' })), []);
    assert.deepEqual(problems(JSON.stringify({ type: liveChanges.toolType, musicUrl: 'https://example.com/a.mp3' }), tool), []);
    assert.deepEqual(problems(assistantFile({ [liveChanges.removedField]: true })), [
      `warning: "${liveChanges.removedField}" left the published Vapi API after 2026-08-18 (absent from the 2026-11-30 snapshot on).`,
    ]);
    // What the bundled schema learnt from the older snapshots and the seeds is still known.
    const seedEra = problems(assistantFile({ serverUrl: 'https://example.com/hook' }));
    assert.equal(seedEra.length, 1);
    assert.match(seedEra[0], /^warning: "serverUrl" .* It moved to "server.url"\.$/);
    assert.deepEqual(problems(assistantFile({ name: 7 })).map((p) => p.split(':')[0]), ['error']);
  });

  test('with a live schema installed, a model name it does not know stays an error, however old the bundled one is', () => {
    useLiveSchemas('vapi', loadLiveSchemas(root, 'vapi')!.set);
    const text = JSON.stringify({ model: { provider: 'openai', model: 'gpt-10-unheard-of' } });
    const [only, ...rest] = validateFile(text, assistant, { now: new Date('2027-06-01T00:00:00Z') });
    assert.deepEqual(rest, []);
    assert.equal(only.severity, 1);
    assert.equal(only.code, 'enum');
    // The bundled one, older than 60 days by then, only warns.
    useLiveSchemas('vapi', undefined);
    assert.equal(validateFile(text, assistant, { now: new Date('2027-06-01T00:00:00Z') })[0].code, 'outdated-enum');
  });

  test('the update records the diff: the fields and values added and removed', () => {
    const lines = diffLines(first.meta!.diff!);
    const has = (text: string) => assert.ok(lines.some((line) => line.includes(text)), `${text} in\n${lines.join('\n')}`);
    has(`CreateAssistantDTO.${liveChanges.topLevelField}`);
    has(`OpenAIModel.model: "${liveChanges.modelName}"`);
    has(`vapi-tool.type: "${liveChanges.toolType}"`);
    has('CreateHoldMusicToolDTO');
    const removed = lines.slice(lines.findIndex((line) => line.startsWith('Fields removed')));
    assert.ok(removed.some((line) => line.trim() === `CreateAssistantDTO.${liveChanges.removedField}`), lines.join('\n'));
    assert.equal(first.meta!.diff!.from.origin, 'bundled');
  });

  test('no request carries a key or a cookie', () => {
    assert.ok(api.requests.length >= 1);
    for (const { headers } of api.requests) {
      assert.deepEqual(Object.keys(headers).filter((name) => /authorization|cookie|api-key|x-api/i.test(name)), []);
    }
  });

  test('the same document again changes nothing; the check is recorded and not due for a day', async () => {
    const before = readFileSync(path.join(root, 'vapi', 'live-schemas.json'), 'utf8');
    const again = await updateLiveSchemas({ root, vendor: 'vapi', baseUrl: api.baseUrl, now: new Date(now.getTime() + 60_000) });
    assert.equal(again.outcome, 'unchanged');
    assert.equal(readFileSync(path.join(root, 'vapi', 'live-schemas.json'), 'utf8'), before);
    assert.equal(checkDue(root, 'vapi', new Date(now.getTime() + 3_600_000)), false);
    assert.equal(checkDue(root, 'vapi', new Date(now.getTime() + 25 * 3_600_000)), true);
  });

  test('a document that is not OpenAPI is refused clearly and changes nothing', async () => {
    const before = readFileSync(path.join(root, 'vapi', 'live-schemas.json'), 'utf8');
    api.serve(JSON.stringify({ hello: 'this is a status page' }));
    const refused = await updateLiveSchemas({ root, vendor: 'vapi', baseUrl: api.baseUrl, now });
    assert.equal(refused.outcome, 'failed');
    assert.equal(refused.message, `${api.baseUrl}/api-json is not an OpenAPI document: it has no "openapi": "3.x" version field. The live schema of 2026-11-30 stays in use.`);
    api.serve('<html>Maintenance</html>');
    assert.match((await updateLiveSchemas({ root, vendor: 'vapi', baseUrl: api.baseUrl, now })).message!, /is not an OpenAPI document: it is not JSON\./);
    assert.equal(readFileSync(path.join(root, 'vapi', 'live-schemas.json'), 'utf8'), before);
    assert.equal(lastCheck(root, 'vapi')?.outcome, 'failed');
  });

  test('with the server stopped, the last good schema stays in use after a restart', async () => {
    await api.close();
    const failed = await updateLiveSchemas({ root, vendor: 'vapi', baseUrl: api.baseUrl, now });
    assert.equal(failed.outcome, 'failed');
    assert.match(failed.message!, /^Could not fetch http:\/\/127\.0\.0\.1:\d+\/api-json \(ECONNREFUSED\)\. The live schema of 2026-11-30 stays in use\.$/);
    // A restart: nothing installed, the cache read again.
    useLiveSchemas('vapi', undefined);
    const loaded = loadLiveSchemas(root, 'vapi')!;
    useLiveSchemas('vapi', loaded.set);
    assert.equal(schemaInUse(assistant).origin, 'live');
    assert.deepEqual(problems(assistantFile({ [liveChanges.topLevelField]: 'Hi' })), []);
    api = await startLiveApi(); // for after()
  });

  test('plain http to another machine is refused before anything is sent', async () => {
    const refused = await updateLiveSchemas({ root: mkdtempSync(path.join(tmpdir(), 'live-schemas-')), vendor: 'vapi', baseUrl: 'http://api.vapi.ai', now });
    assert.equal(refused.outcome, 'failed');
    assert.match(refused.message!, /^Refusing plain http to api\.vapi\.ai/);
  });

  test('a base URL with a bare ? or # is refused before anything is sent, as an environment\'s is', async () => {
    const sent = api.requests.length;
    for (const baseUrl of [`${api.baseUrl}#`, `${api.baseUrl}?`, `${api.baseUrl}#x`]) {
      const refused = await updateLiveSchemas({ root: mkdtempSync(path.join(tmpdir(), 'live-schemas-')), vendor: 'vapi', baseUrl, now });
      assert.equal(refused.outcome, 'failed', baseUrl);
      assert.match(refused.message!, /must not contain credentials, a query string or a fragment/, baseUrl);
    }
    assert.equal(api.requests.length, sent, 'no request reached the server');
  });
});
