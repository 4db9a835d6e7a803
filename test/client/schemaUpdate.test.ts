// The extension's live schema update in a worker thread (client/src/schemaUpdate.ts running the bundled
// dist/schemaUpdate.js, as VS Code does), against a local server serving a modified snapshot: it reports
// progress and the result with the diff; a background check within a day fetches nothing; a cancelled run leaves the cache as it was; no request carries a key.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runSchemaUpdate, SchemaUpdateCancelled } from '../../client/src/schemaUpdate';
import { liveChanges, modifiedDocument, startLiveApi, type LiveApi } from '../live/liveApi';

const workerFile = path.resolve(__dirname, '../../dist/schemaUpdate.js');

describe('the extension\'s schema update worker', () => {
  let api: LiveApi;
  let root: string;
  before(async () => {
    if (!existsSync(workerFile)) throw new Error(`${workerFile} is missing: run \`npm run build\` first`);
    api = await startLiveApi();
    root = mkdtempSync(path.join(tmpdir(), 'client-live-schemas-'));
  });
  after(async () => {
    await api.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('an update in the worker reports progress, writes the cache and returns the diff', async () => {
    const progress: string[] = [];
    const done = await runSchemaUpdate(workerFile, { root, vendor: 'vapi', baseUrl: api.baseUrl, onlyIfDue: true }, (message) => progress.push(message)).result;
    assert.ok(done !== 'not-due', 'never checked: due');
    assert.equal(done.result.outcome, 'updated', done.result.message);
    assert.deepEqual(progress, ['Fetching the OpenAPI document…', 'Converting the document to schemas…']);
    assert.ok(done.diff.some((line) => line.trim() === `CreateAssistantDTO.${liveChanges.topLevelField}`), done.diff.join('\n'));
    assert.ok(existsSync(path.join(root, 'vapi', 'live-schemas.json')));
  });

  test('the background check is not due within a day of the last one: nothing is fetched', async () => {
    const sent = api.requests.length;
    assert.equal(await runSchemaUpdate(workerFile, { root, vendor: 'vapi', baseUrl: api.baseUrl, onlyIfDue: true }).result, 'not-due');
    assert.equal(api.requests.length, sent);
  });

  test('cancelled while converting: the run says so and the cache is as it was', async () => {
    const before = readFileSync(path.join(root, 'vapi', 'live-schemas.json'), 'utf8');
    // A changed document, so the worker converts (for seconds) rather than finding it unchanged.
    api.serve(modifiedDocument().replace('"A greeting only the live document knows."', '"Changed."'));
    const run = runSchemaUpdate(workerFile, { root, vendor: 'vapi', baseUrl: api.baseUrl }, (message) => message.startsWith('Converting') && run.cancel());
    await assert.rejects(run.result, SchemaUpdateCancelled);
    assert.equal(readFileSync(path.join(root, 'vapi', 'live-schemas.json'), 'utf8'), before);
  });

  test('a failed fetch is a result, not an error', async () => {
    const stopped = await startLiveApi();
    await stopped.close();
    const done = await runSchemaUpdate(workerFile, { root, vendor: 'vapi', baseUrl: stopped.baseUrl }).result;
    assert.ok(done !== 'not-due');
    const { result } = done;
    assert.equal(result.outcome, 'failed');
    assert.match(result.message!, /^Could not fetch http:\/\/127\.0\.0\.1:\d+\/api-json \(ECONNREFUSED\)\. The live schema of \d{4}-\d{2}-\d{2} stays in use\.$/);
  });

  test('no request carried a key or a cookie', () => {
    assert.ok(api.requests.length >= 2);
    for (const { headers } of api.requests) assert.deepEqual(Object.keys(headers).filter((name) => /authorization|cookie|api-key|x-api/i.test(name)), []);
  });
});
