// The engine against the mock Vapi API: create, pull, no-op round trip, updates, conflicts, clears, 400s.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ResourceKind } from '../../core/src/kinds';
import { diff, list, localStatus, pull, push, SyncError, unlink, type FileDiagnostic } from '../../sync/src/index';
import { harness, vapiAssistant, type Harness } from './helpers';

describe('vapi sync', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  beforeEach(() => h.reset());

  it('creates an unlinked file with POST, without $schema, and records the id', async () => {
    const file = await h.file('create/front.assistant.json', { $schema: '../schemas/vapi-assistant.schema.json', ...vapiAssistant() });
    const result = await push(h.ctx('vapi'), file);
    assert.equal(result.status, 'created');
    assert.ok(result.status === 'created');
    assert.deepEqual(result.notKept, []);
    const posts = h.api.requests.filter((r) => r.method === 'POST');
    assert.equal(posts.length, 1);
    assert.equal((posts[0].body as Record<string, unknown>).$schema, undefined);
    assert.equal(h.api.stores.vapi.items.size, 1);
    const state = JSON.parse(await h.state());
    assert.equal(state.files['create/front.assistant.json'].dev.id, result.id);
    assert.deepEqual(await localStatus(h.ctx('vapi'), file), { status: 'in-sync', id: result.id });
  });

  it('pull then push then diff on an unchanged file sends nothing that changes the remote', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('Round Trip'));
    const target = (await h.file('rt/round.assistant.json', '')).path;
    const pulled = await pull(h.ctx('vapi'), { id: remote.id, path: target });
    assert.equal(pulled.status, 'written');
    const text = await h.read('rt/round.assistant.json');
    assert.ok(!text.includes('orgId') && !text.includes('createdAt') && !text.includes('isServerUrlSecretSet'), text);
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(Object.keys(JSON.parse(text)), [...Object.keys(JSON.parse(text))].sort());

    const pushed = await push(h.ctx('vapi'), { path: target, text });
    assert.deepEqual(pushed, { status: 'unchanged', id: remote.id });
    const compared = await diff(h.ctx('vapi'), { path: target, text });
    assert.equal(compared.equal, true);
    assert.deepEqual(compared.changes, []);
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('sends each changed top-level key whole and keeps what the user did not change', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const target = (await h.file('upd/a.assistant.json', '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    const edited = JSON.parse(await h.read('upd/a.assistant.json'));
    edited.voice.voiceId = 'rachel';
    const file = await h.file('upd/a.assistant.json', edited);
    const result = await push(h.ctx('vapi'), file);
    assert.equal(result.status, 'updated');
    const patch = h.api.requests.find((r) => r.method === 'PATCH');
    assert.deepEqual(patch?.body, { voice: { provider: '11labs', similarityBoost: 0.75, stability: 0.5, voiceId: 'rachel' } });
    const stored = h.api.stores.vapi.items.get(remote.id)!.fields;
    assert.deepEqual(stored.voice, { provider: '11labs', similarityBoost: 0.75, stability: 0.5, voiceId: 'rachel' });
    assert.deepEqual(stored.model, vapiAssistant().model);
  });

  it('clears a field removed from the file by sending null', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const target = (await h.file('clr/a.assistant.json', '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    const edited = JSON.parse(await h.read('clr/a.assistant.json'));
    delete edited.endCallPhrases;
    const result = await push(h.ctx('vapi'), await h.file('clr/a.assistant.json', edited));
    assert.ok(result.status === 'updated');
    assert.deepEqual(result.plan.clearedKeys, ['endCallPhrases']);
    assert.deepEqual(h.api.requests.find((r) => r.method === 'PATCH')?.body, { endCallPhrases: null });
    assert.equal('endCallPhrases' in h.api.stores.vapi.items.get(remote.id)!.fields, false);
  });

  it('stops on a remote change made after the pull, with the diff; overwrite replaces it', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const target = (await h.file('conf/a.assistant.json', '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    h.api.stores.vapi.editInDashboard(remote.id, { firstMessage: 'Edited in the dashboard' });
    const edited = JSON.parse(await h.read('conf/a.assistant.json'));
    edited.name = 'Front Desk v2';
    const file = await h.file('conf/a.assistant.json', edited);

    const stopped = await push(h.ctx('vapi'), file);
    assert.equal(stopped.status, 'conflict');
    assert.ok(stopped.status === 'conflict');
    assert.deepEqual(stopped.diff.changes, [
      { path: 'firstMessage', kind: 'changed' },
      { path: 'name', kind: 'changed' },
    ]);
    assert.match(stopped.diff.liveText, /Edited in the dashboard/);
    assert.deepEqual(h.api.mutatingRequests(), []);

    const forced = await push(h.ctx('vapi'), file, { overwrite: true });
    assert.equal(forced.status, 'updated');
    const stored = h.api.stores.vapi.items.get(remote.id)!.fields;
    assert.equal(stored.firstMessage, vapiAssistant().firstMessage);
    assert.equal(stored.name, 'Front Desk v2');
  });

  it('also stops when only the remote changed (pushing would revert it)', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const target = (await h.file('conf2/a.assistant.json', '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    h.api.stores.vapi.editInDashboard(remote.id, { maxDurationSeconds: 900 });
    const result = await push(h.ctx('vapi'), { path: target, text: await h.read('conf2/a.assistant.json') });
    assert.equal(result.status, 'conflict');
    assert.equal(h.api.stores.vapi.items.get(remote.id)!.fields.maxDurationSeconds, 900);
  });

  it('dry run returns the plan and changes nothing', async () => {
    const file = await h.file('dry/a.assistant.json', vapiAssistant());
    const result = await push(h.ctx('vapi'), file, { dryRun: true });
    assert.ok(result.status === 'dry-run');
    assert.equal(result.plan.action, 'create');
    assert.equal(h.api.requests.length, 0);
    assert.equal(h.api.stores.vapi.items.size, 0);
  });

  it('refuses to push a file with schema errors and says where', async () => {
    const file = await h.file('bad/a.assistant.json', { ...vapiAssistant(), nmae: 'typo' });
    const result = await push(h.ctx('vapi'), file);
    assert.ok(result.status === 'invalid');
    assert.ok(result.diagnostics.length >= 1);
    assert.ok(result.diagnostics.every((d) => d.severity === 1));
    const line = file.text.split('\n').findIndex((l) => l.includes('"nmae"'));
    assert.ok(result.diagnostics.some((d) => d.range.start.line === line), JSON.stringify(result.diagnostics));
    assert.equal(h.api.requests.length, 0);
  });

  it("checks the file with the context's validator (the VS Code client's is its language server), blocking on errors only", async () => {
    const file = await h.file('checked/a.assistant.json', vapiAssistant());
    const asked: { text: string; kind: string }[] = [];
    const error: FileDiagnostic = { range: { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } }, severity: 1, source: 'assistant-config', message: 'Found by the server.' };
    const warning: FileDiagnostic = { ...error, severity: 2, message: 'Only a warning.' };
    const validate = async (text: string, kind: ResourceKind) => {
      asked.push({ text, kind: kind.id });
      return [error, warning];
    };
    const result = await push(h.ctx('vapi', { validate }), file);
    assert.deepEqual(asked, [{ text: file.text, kind: 'vapi-assistant' }]);
    assert.ok(result.status === 'invalid');
    assert.deepEqual(result.diagnostics, [error]);
    assert.equal(h.api.requests.length, 0);
    // Warnings alone do not stop it.
    const created = await push(h.ctx('vapi', { validate: () => [warning] }), file);
    assert.equal(created.status, 'created');
  });

  it("places a 400's dotted paths on the file", async () => {
    const assistant = vapiAssistant();
    (assistant.voice as Record<string, unknown>).enableSsmlParsing = true;
    const file = await h.file('api400/a.assistant.json', assistant);
    h.api.faults.add({
      method: 'POST',
      effect: { kind: 'reject', messages: ['voice.property enableSsmlParsing should not exist', 'model.messages.0.role must be one of the following values: system, user'] },
    });
    const result = await push(h.ctx('vapi'), file);
    assert.ok(result.status === 'invalid');
    const lines = file.text.split('\n');
    const ssml = lines.findIndex((l) => l.includes('"enableSsmlParsing"'));
    const role = lines.findIndex((l) => l.includes('"role"'));
    assert.deepEqual(result.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.message]), [
      [ssml, lines[ssml].indexOf('"enableSsmlParsing"'), lines[ssml].indexOf('"enableSsmlParsing"') + '"enableSsmlParsing"'.length, 'voice.property enableSsmlParsing should not exist'],
      [role, lines[role].indexOf('"system"'), lines[role].indexOf('"system"') + '"system"'.length, 'model.messages.0.role must be one of the following values: system, user'],
    ]);
    assert.equal(h.api.stores.vapi.items.size, 0);
    const state = await h.state().catch(() => '');
    assert.doesNotMatch(state, /api400/, 'a rejected create leaves no link or pending marker');
  });

  it('a legacy-shaped file passes local validation (warnings) and the API rejects its old fields at their keys', async () => {
    const legacy = { ...vapiAssistant('Old Shape'), hipaaEnabled: false, recordingEnabled: true };
    const file = await h.file('legacy/a.assistant.json', legacy);
    const result = await push(h.ctx('vapi'), file);
    assert.ok(result.status === 'invalid');
    const lines = file.text.split('\n');
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`),
      ['hipaaEnabled', 'recordingEnabled'].map((key) => {
        const line = lines.findIndex((l) => l.includes(`"${key}"`));
        return `${line}:${lines[line].indexOf(`"${key}"`)} property ${key} should not exist`;
      }),
    );
    assert.equal(h.api.stores.vapi.items.size, 0);
  });

  it('reports fields the API did not keep', async () => {
    h.api.stores.vapi.discard.add('endCallPhrases');
    try {
      const result = await push(h.ctx('vapi'), await h.file('kept/a.assistant.json', vapiAssistant()));
      assert.ok(result.status === 'created');
      assert.deepEqual(result.notKept, [{ path: 'endCallPhrases', kind: 'added' }]);
    } finally {
      h.api.stores.vapi.discard.clear();
    }
  });

  it('pull refuses to overwrite unsynced local edits unless told to', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const target = (await h.file('pl/a.assistant.json', { ...vapiAssistant(), name: 'My local draft' })).path;
    const refused = await pull(h.ctx('vapi'), { id: remote.id, path: target });
    assert.ok(refused.status === 'local-changes');
    assert.deepEqual(refused.diff.changes, [{ path: 'name', kind: 'changed' }]);
    assert.match(await h.read('pl/a.assistant.json'), /My local draft/);

    const forced = await pull(h.ctx('vapi'), { id: remote.id, path: target, overwrite: true });
    assert.equal(forced.status, 'written');
    assert.doesNotMatch(await h.read('pl/a.assistant.json'), /My local draft/);

    // After a sync, a later pull may replace the (unchanged) file freely.
    h.api.stores.vapi.editInDashboard(remote.id, { name: 'Renamed remotely' });
    assert.equal((await pull(h.ctx('vapi'), { id: remote.id, path: target })).status, 'written');
    assert.match(await h.read('pl/a.assistant.json'), /Renamed remotely/);
  });

  it('pull leaves an equal but differently formatted file alone, and edits a live change into the file\'s own layout', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const compact = JSON.stringify({ $schema: './vapi-assistant.schema.json', ...vapiAssistant() });
    const target = (await h.file('fmt/a.assistant.json', compact)).path;
    const result = await pull(h.ctx('vapi'), { id: remote.id, path: target });
    assert.equal(result.status, 'unchanged');
    assert.equal(await h.read('fmt/a.assistant.json'), compact);

    h.api.stores.vapi.editInDashboard(remote.id, { name: 'Changed' });
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    // One value changed live: one value changed in the file, its order, layout and $schema kept (a one-line diff in git).
    const name = JSON.stringify(vapiAssistant().name);
    assert.equal(await h.read('fmt/a.assistant.json'), compact.replace(`"name":${name}`, '"name":"Changed"'));
  });

  it('pull writes through the caller-supplied writer (the editor)', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const target = (await h.file('writer/a.assistant.json', '')).path;
    let received = '';
    await pull(h.ctx('vapi'), { id: remote.id, path: target, currentText: '', write: async (text) => void (received = text) });
    assert.match(received, /"name": "Front Desk"/);
    assert.equal(await h.read('writer/a.assistant.json'), '');
  });

  it('a deleted remote gives a not-found error that says what to do; unlink makes the next push create', async () => {
    const file = await h.file('gone/a.assistant.json', vapiAssistant());
    const created = await push(h.ctx('vapi'), file);
    assert.ok(created.status === 'created');
    h.api.stores.vapi.items.delete(created.id);
    await assert.rejects(push(h.ctx('vapi'), { ...file, text: file.text.replace('Front Desk', 'Front Desk 2') }), (error: SyncError) => {
      assert.equal(error.kind, 'not-found');
      assert.match(error.message, /no longer exists in environment 'dev'\. Unlink the file/);
      return true;
    });
    await unlink(h.ctx('vapi'), file.path);
    assert.equal((await push(h.ctx('vapi'), file)).status, 'created');
  });

  it('diff lists changed paths and fails for an unlinked file', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const target = (await h.file('df/a.assistant.json', '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    const edited = JSON.parse(await h.read('df/a.assistant.json'));
    edited.model.temperature = 0.9;
    edited.endCallPhrases.push('bye');
    delete edited.transcriber;
    edited.backgroundSound = 'office';
    const result = await diff(h.ctx('vapi'), await h.file('df/a.assistant.json', edited));
    assert.equal(result.equal, false);
    assert.deepEqual(result.changes, [
      { path: 'backgroundSound', kind: 'added' },
      { path: 'endCallPhrases.1', kind: 'added' },
      { path: 'model.temperature', kind: 'changed' },
      { path: 'transcriber', kind: 'removed' },
    ]);
    const other = await h.file('df/b.assistant.json', vapiAssistant());
    await assert.rejects(diff(h.ctx('vapi'), other), /df\/b\.assistant\.json is not linked to an assistant in environment 'dev'/);
  });

  it('keeps links per environment: the same file can be pushed to dev and prod', async () => {
    const file = await h.file('envs/a.assistant.json', vapiAssistant());
    const dev = await push(h.ctx('vapi'), file);
    const prodCtx = h.ctx('vapi', { env: { name: 'prod', vendor: 'vapi', baseUrl: h.api.vapiUrl } });
    const prod = await push(prodCtx, file);
    assert.ok(dev.status === 'created' && prod.status === 'created');
    assert.notEqual(dev.id, prod.id);
    const state = JSON.parse(await h.state());
    assert.deepEqual(Object.keys(state.files['envs/a.assistant.json']), ['dev', 'prod']);
  });

  it('lists every assistant across pages, including ties at a page boundary', async () => {
    const store = h.api.stores.vapi;
    for (let i = 0; i < 2105; i++) store.create({ name: `a${i}` }, { sameTimeAsPrevious: i >= 995 && i <= 1010 });
    const all = await list(h.ctx('vapi'));
    assert.equal(all.length, 2105);
    assert.equal(new Set(all.map((a) => a.id)).size, 2105);
    assert.equal(all[0].name, 'a2104');
    assert.ok(h.api.requests.filter((r) => r.method === 'GET' && r.path === '/assistant').length >= 3);
  });

  it('refuses a Vapi file in an Insighto environment', async () => {
    const file = await h.file('mix/a.assistant.json', vapiAssistant());
    await assert.rejects(push(h.ctx('insighto'), file), (error: SyncError) => {
      assert.equal(error.kind, 'config');
      assert.equal(error.message, "a.assistant.json is a Vapi assistant file but environment 'ins' is Insighto.");
      return true;
    });
  });

  it('rejects a wrong key as an auth error', async () => {
    const file = await h.file('auth/a.assistant.json', vapiAssistant());
    await assert.rejects(push(h.ctx('vapi', { apiKey: 'sk-wrong' }), file), (error: SyncError) => {
      assert.equal(error.kind, 'auth');
      assert.equal(error.status, 401);
      assert.match(error.message, /refused the key for environment 'dev'/);
      return true;
    });
  });

  it('keeps the state file sorted, key-free and stable across a no-op push', async () => {
    await push(h.ctx('vapi'), await h.file('st/b.assistant.json', vapiAssistant('B')));
    await push(h.ctx('vapi'), await h.file('st/a.assistant.json', vapiAssistant('A')));
    const before = await h.state();
    const files = Object.keys(JSON.parse(before).files);
    assert.deepEqual(files, [...files].sort());
    await push(h.ctx('vapi'), { path: `${h.root}/st/a.assistant.json`, text: await h.read('st/a.assistant.json') });
    assert.equal(await h.state(), before);
    assert.doesNotMatch(before, /startedAt|SECRET/);
  });
});
