// `assistant-config schemas update|status` as a user runs it, against a local server serving a modified copy of
// the newest snapshot (test/live/liveApi.ts: a new model name, a new top-level field, a removed field): after
// an update, validate and push's check use the cached live schema; a stopped server or a document that is not
// OpenAPI fails in one line and changes nothing; no request carries a key, although one is set.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { harness, type Harness } from '../sync/helpers';
import { liveChanges, startLiveApi, type LiveApi } from '../live/liveApi';
import { cliRunner } from './runner';

describe('assistant-config schemas', () => {
  let live: LiveApi;
  let h: Harness;
  let cache: string;
  const home = () => path.join(h.root, 'home');
  const runIn = cliRunner(() => h.root, home);
  const run = (args: string[]) => runIn(args, { XDG_CACHE_HOME: cache });
  const cacheFile = () => path.join(cache, 'assistant-config', 'vapi', 'live-schemas.json');
  const newFile = 'live/new.assistant.json';
  const removedFile = 'live/removed.assistant.json';

  before(async () => {
    live = await startLiveApi();
    h = await harness();
    cache = await mkdtemp(path.join(tmpdir(), 'assistant-config-cache-'));
    await mkdir(home(), { recursive: true });
    await h.file(newFile, { name: 'Front desk', model: { provider: 'openai', model: liveChanges.modelName }, [liveChanges.topLevelField]: 'Hi' });
    await h.file(removedFile, { name: 'Front desk', [liveChanges.removedField]: true });
  });
  after(async () => {
    await live.close();
    await h.close();
    await rm(cache, { recursive: true, force: true });
  });

  it('before an update: status names the bundled schema and its date; the new field is an error', async () => {
    const status = await run(['schemas', 'status']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^Vapi: bundled schema of 2026-08-18 \(openapi-2026-08-18\.json\)\.\n {2}Never checked: run 'assistant-config schemas update'\.\nInsighto: bundled schema \(.+\); Insighto publishes no OpenAPI document\.\n$/);
    const validate = await run(['validate', newFile]);
    assert.equal(validate.code, 1);
    assert.match(validate.stdout, new RegExp(`error Property "${liveChanges.topLevelField}" is not allowed`));
  });

  it('update fetches, converts and caches, and prints the date, hash, time and diff', async () => {
    const update = await run(['schemas', 'update', '--base-url', live.baseUrl]);
    assert.equal(update.code, 0, update.stderr);
    const lines = update.stdout.split('\n');
    assert.match(lines[0], /^Vapi schema updated: document of \d{4}-\d{2}-\d{2} \(sha256 [0-9a-f]{12}\); fetched in \d+ ms, converted and compiled in [\d.]+ (s|ms)\.$/);
    assert.equal(lines[1], 'Changes since the bundled schema of 2026-08-18:');
    for (const line of [`CreateAssistantDTO.${liveChanges.topLevelField}`, `OpenAIModel.model: "${liveChanges.modelName}"`, `CreateAssistantDTO.${liveChanges.removedField}`]) {
      assert.ok(lines.some((printed) => printed.trim() === line), `${line} in\n${update.stdout}`);
    }
    assert.ok(lines.some((line) => /^ {2}Fields removed \(now legacy warnings\) \(\d+\):$/.test(line)), update.stdout);
    assert.match(update.stderr, new RegExp(`^Environment 'default' \\(vapi, ${live.baseUrl.replace(/\./g, '\\.')}\\): ${live.baseUrl.replace(/\./g, '\\.')}/api-json, no key sent\\.$`, 'm'));
    assert.ok((await readFile(cacheFile(), 'utf8')).length > 0);
  });

  it('after the update, validate uses the live schema: the new model and field are clean, the removed field is a legacy warning', async () => {
    const clean = await run(['validate', newFile]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.equal(clean.stdout, '');
    const removed = await run(['validate', removedFile]);
    assert.equal(removed.code, 0, removed.stdout + removed.stderr);
    assert.match(removed.stdout, new RegExp(`^${removedFile}:3:3 warning "${liveChanges.removedField}" left the published Vapi API after 2026-08-18 \\(absent from the \\d{4}-\\d{2}-\\d{2} snapshot on\\)\\.\\n$`));
  });

  it("push's check uses it too", async () => {
    const dry = await run(['push', newFile, '--dry-run', '--base-url', h.api.vapiUrl]);
    assert.equal(dry.code, 0, dry.stdout + dry.stderr);
    assert.match(dry.stdout, /^Dry run: would create a new assistant/);
    assert.ok(dry.stdout.includes(`"${liveChanges.topLevelField}": "Hi"`), dry.stdout);
  });

  it('status names the live schema, the last check and the diff', async () => {
    const status = await run(['schemas', 'status']);
    assert.equal(status.code, 0, status.stderr);
    const lines = status.stdout.split('\n');
    assert.match(lines[0], new RegExp(`^Vapi: live schema, document of \\d{4}-\\d{2}-\\d{2} from ${live.baseUrl.replace(/\./g, '\\.')}/api-json \\(sha256 [0-9a-f]{12}\\), cached in .+\\.$`));
    assert.match(lines[1], /^ {2}Last checked \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC: updated\.$/);
    assert.equal(lines[2], '  Changes since the bundled schema of 2026-08-18:');
    assert.ok(lines.some((line) => line.trim() === `CreateAssistantDTO.${liveChanges.topLevelField}`), status.stdout);
  });

  it('the same document again: unchanged', async () => {
    const again = await run(['schemas', 'update', '--base-url', live.baseUrl]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^Vapi schema unchanged: the document is the one first seen \d{4}-\d{2}-\d{2} \(sha256 [0-9a-f]{12}\); fetched in \d+ ms\.\n$/);
  });

  it('a document that is not OpenAPI is refused in one line, exit 6, and changes nothing', async () => {
    const before = await readFile(cacheFile(), 'utf8');
    live.serve(JSON.stringify({ status: 'ok' }));
    const refused = await run(['schemas', 'update', '--base-url', live.baseUrl]);
    assert.equal(refused.code, 6);
    assert.equal(refused.stdout, '');
    const errors = refused.stderr.split('\n').filter((line) => line.startsWith('Error:'));
    assert.deepEqual(errors, [`Error: ${live.baseUrl}/api-json is not an OpenAPI document: it has no "openapi": "3.x" version field. The live schema of ${/document of (\S+)/.exec((await run(['schemas', 'status'])).stdout)![1]} stays in use.`]);
    assert.equal(await readFile(cacheFile(), 'utf8'), before);
    assert.equal((await run(['validate', newFile])).code, 0);
  });

  it('with the server stopped, update fails in one line (exit 6) and validate still uses the last good schema', async () => {
    await live.close();
    const failed = await run(['schemas', 'update', '--base-url', live.baseUrl]);
    assert.equal(failed.code, 6);
    assert.match(failed.stderr, /^Error: Could not fetch http:\/\/127\.0\.0\.1:\d+\/api-json \(ECONNREFUSED\)\. The live schema of \d{4}-\d{2}-\d{2} stays in use\.$/m);
    const clean = await run(['validate', newFile]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    const status = await run(['schemas', 'status']);
    assert.match(status.stdout, /^Vapi: live schema/);
    assert.match(status.stdout, /Last checked .* UTC: failed\. Could not fetch .*ECONNREFUSED/);
  });

  it('no request carried a key, a cookie or an authorization header, though VAPI_API_KEY was set', () => {
    assert.ok(live.requests.length >= 3);
    for (const { headers } of live.requests) assert.deepEqual(Object.keys(headers).filter((name) => /authorization|cookie|api-key|x-api/i.test(name)), []);
  });

  it('usage: a missing or unknown action, plain http to another host, options status does not take, a vendor without a document', async () => {
    for (const args of [['schemas'], ['schemas', 'refresh'], ['schemas', 'update', 'extra']]) {
      const result = await run(args);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^schemas: expects 'update' or 'status'\./, args.join(' '));
    }
    const insecure = await run(['schemas', 'update', '--base-url', 'http://api.vapi.ai']);
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /^schemas update: Refusing plain http to api\.vapi\.ai/);
    assert.equal((await run(['schemas', 'status', '--base-url', 'https://api.vapi.ai'])).code, 2);
    const configDir = path.join(home(), '.config', 'assistant-config');
    await mkdir(configDir, { recursive: true });
    await writeFile(path.join(configDir, 'environments.json'), JSON.stringify({ environments: { ins: { vendor: 'insighto' } } }));
    const insighto = await run(['schemas', 'update', '--env', 'ins']);
    assert.equal(insighto.code, 2);
    assert.match(insighto.stderr, /^schemas update: Insighto publishes no OpenAPI document; its bundled schema is the only one\.$/m);
  });
});
