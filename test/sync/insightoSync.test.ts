// The engine against the mock Insighto API: query-parameter key, envelope, PUT, page/size lists, 422s.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { kindById } from '../../core/src/kinds';
import { diff, list, pull, push, suggestFileName, SyncError } from '../../sync/src/index';
import { harness, insightoAssistant, keys, type Harness } from './helpers';

describe('insighto sync', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  beforeEach(() => h.reset());

  it('creates with POST and reads the id out of the envelope', async () => {
    const file = await h.file('ins/new.insighto.assistant.json', insightoAssistant());
    const result = await push(h.ctx('insighto'), file);
    assert.ok(result.status === 'created');
    assert.deepEqual(result.notKept, []);
    assert.ok(h.api.stores.insighto.items.has(result.id));
    assert.equal(h.api.requests[0].path, '/assistant');
  });

  it('pull then push then diff on an unchanged file is a no-op', async () => {
    const remote = h.api.stores.insighto.create(insightoAssistant());
    const target = (await h.file('ins/rt.insighto.assistant.json', '')).path;
    assert.equal((await pull(h.ctx('insighto'), { id: remote.id, path: target })).status, 'written');
    const text = await h.read('ins/rt.insighto.assistant.json');
    // Server-managed and unset (null) fields stay out of the file.
    assert.deepEqual(Object.keys(JSON.parse(text)), ['assistant_type', 'description', 'llm_model', 'name', 'system_prompt', 'use_tools', 'voice', 'voice_languages']);
    assert.deepEqual(await push(h.ctx('insighto'), { path: target, text }), { status: 'unchanged', id: remote.id });
    assert.equal((await diff(h.ctx('insighto'), { path: target, text })).equal, true);
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('updates with PUT; a dashboard change stops the push until overwrite', async () => {
    const remote = h.api.stores.insighto.create(insightoAssistant());
    const target = (await h.file('ins/up.insighto.assistant.json', '')).path;
    await pull(h.ctx('insighto'), { id: remote.id, path: target });
    const edited = JSON.parse(await h.read('ins/up.insighto.assistant.json'));
    edited.system_prompt = 'New prompt';
    delete edited.description;
    const file = await h.file('ins/up.insighto.assistant.json', edited);

    h.api.stores.insighto.editInDashboard(remote.id, { name: 'Renamed in dashboard' });
    const stopped = await push(h.ctx('insighto'), file);
    assert.ok(stopped.status === 'conflict');
    assert.deepEqual(stopped.diff.changes.map((c) => c.path), ['description', 'name', 'system_prompt']);

    const forced = await push(h.ctx('insighto'), file, { overwrite: true });
    assert.ok(forced.status === 'updated');
    const put = h.api.requests.find((r) => r.method === 'PUT');
    assert.deepEqual(put?.body, { description: null, name: 'Order Bot', system_prompt: 'New prompt' });
    const stored = h.api.stores.insighto.items.get(remote.id)!.fields;
    assert.equal(stored.system_prompt, 'New prompt');
    assert.equal('description' in stored, false);
  });

  it('maps a 422 detail onto the file', async () => {
    const file = await h.file('ins/bad.insighto.assistant.json', insightoAssistant());
    h.api.faults.add({ method: 'POST', effect: { kind: 'reject', messages: ['llm_model Input should be a supported model'] } });
    const result = await push(h.ctx('insighto'), file);
    assert.ok(result.status === 'invalid');
    const line = file.text.split('\n').findIndex((l) => l.includes('"llm_model"'));
    assert.equal(result.diagnostics.length, 1);
    assert.equal(result.diagnostics[0].message, 'llm_model Input should be a supported model');
    assert.equal(result.diagnostics[0].source, 'insighto');
    assert.deepEqual(result.diagnostics[0].range.start, { line, character: file.text.split('\n')[line].indexOf('"gpt-4o-mini"') });
  });

  it('lists every page', async () => {
    for (let i = 0; i < 250; i++) h.api.stores.insighto.create({ ...insightoAssistant(`bot ${i}`) });
    const all = await list(h.ctx('insighto'));
    assert.equal(all.length, 250);
    assert.equal(new Set(all.map((a) => a.id)).size, 250);
    assert.deepEqual(
      h.api.requests.filter((r) => r.path === '/assistant').map((r) => r.status),
      [200, 200, 200],
    );
  });

  it('a lost create and a retry leave one assistant', async () => {
    const file = await h.file('ins/lost.insighto.assistant.json', insightoAssistant('Lost'));
    h.api.faults.add({ method: 'POST', effect: { kind: 'lose-response' } });
    await assert.rejects(push(h.ctx('insighto'), file), (error: SyncError) => error.createMayHaveSucceeded === true);
    const retried = await push(h.ctx('insighto'), file);
    assert.equal(retried.status, 'adopted');
    assert.equal(h.api.stores.insighto.items.size, 1);
  });

  it('sends the key only as the api_key parameter and never logs it', async () => {
    h.logs.length = 0;
    h.api.faults.add({ method: 'GET', effect: { kind: 'status', status: 503 } });
    await list(h.ctx('insighto'));
    assert.ok(h.logs.some((line) => line.startsWith('info GET /assistant → 200')), h.logs.join('\n'));
    assert.ok(h.logs.every((line) => !line.includes(keys.insighto) && !line.includes('api_key')), h.logs.join('\n'));
    await assert.rejects(list(h.ctx('insighto', { apiKey: 'in-wrong' })), (error: SyncError) => error.kind === 'auth' && error.message.includes('Invalid API key'));
  });

  it('suggests vendor-specific file names', () => {
    assert.equal(suggestFileName({ id: 'x1', name: 'Order Status Bot!' }, kindById('insighto-assistant')), 'order-status-bot.insighto.assistant.json');
    assert.equal(suggestFileName({ id: 'x1', name: 'Front Desk' }, kindById('vapi-assistant')), 'front-desk.assistant.json');
    assert.equal(suggestFileName({ id: 'abc-123' }, kindById('vapi-assistant')), 'abc-123.assistant.json');
  });
});
