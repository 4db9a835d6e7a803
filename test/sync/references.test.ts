// File references through the sync engine against the local API: a push resolves them per environment and
// creates what was never pushed there first, in dependency order; pull turns linked ids back into
// references; diff and the three-way check see a reference and its id as one.
import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { diff, localStatus, pull, push, type SyncContext } from '../../sync/src/index';
import { harness, vapiAssistant, vapiFunctionTool, type Harness } from './helpers';

/** A squad of two assistants that use three tools, one of them also recording a structured output: 7 files. */
async function squadWorkspace(h: Harness) {
  const files = {
    lookup: await h.file('tools/lookup-order.tool.json', vapiFunctionTool('lookup_order')),
    refund: await h.file('tools/refund.tool.json', vapiFunctionTool('refund')),
    hours: await h.file('tools/hours.tool.json', vapiFunctionTool('opening_hours')),
    outcome: await h.file('structured-outputs/outcome.structured-output.json', { name: 'outcome', schema: { type: 'string' } }),
    desk: await h.file('assistants/desk.assistant.json', {
      ...vapiAssistant('Front Desk'),
      model: { provider: 'openai', model: 'gpt-4o', toolIds: ['../tools/lookup-order.tool.json', '../tools/hours.tool.json'] },
      artifactPlan: { structuredOutputIds: ['../structured-outputs/outcome.structured-output.json'] },
    }),
    billing: await h.file('assistants/billing.assistant.json', {
      ...vapiAssistant('Billing'),
      model: { provider: 'openai', model: 'gpt-4o', toolIds: ['../tools/refund.tool.json', '../tools/lookup-order.tool.json'] },
    }),
    squad: await h.file('squads/support.squad.json', {
      name: 'Support',
      members: [{ assistantId: '../assistants/desk.assistant.json' }, { assistantId: '../assistants/billing.assistant.json' }],
    }),
  };
  return files;
}

async function linksOf(h: Harness, env: string): Promise<Record<string, string>> {
  const state = JSON.parse(await h.state()) as { files: Record<string, Record<string, { id?: string }>> };
  return Object.fromEntries(Object.entries(state.files).flatMap(([key, envs]) => (envs[env]?.id ? [[key, envs[env].id!]] : [])));
}

describe('references: push, pull and diff per environment', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  beforeEach(async () => {
    h.reset();
    // Each test starts from an empty workspace: no files, no links.
    for (const entry of await readdir(h.root)) if (entry !== '.git') await rm(path.join(h.root, entry), { recursive: true, force: true });
  });

  it('pushing a squad to an empty environment creates its 7 resources in dependency order, every id in its field', async () => {
    const files = await squadWorkspace(h);
    const result = await push(h.ctx('vapi'), files.squad);
    assert.equal(result.status, 'created');
    const posts = h.api.requests.filter((request) => request.method === 'POST');
    assert.equal(posts.length, 7);
    // Each resource was created after every resource it names (the local API refuses ids of nothing anyway).
    const created = (id: string) => [...Object.values(h.api.stores)].flatMap((store) => [...store.items.values()]).find((item) => item.id === id)!.createdAt;
    for (const post of posts) {
      const body = JSON.stringify(post.body);
      const named = [...body.matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((match) => match[0]);
      const own = [...Object.values(h.api.stores)].flatMap((store) => [...store.items.values()]).find((item) => JSON.stringify(item.fields) === JSON.stringify(post.body));
      assert.ok(own, `${post.path} was stored as sent`);
      for (const id of named) assert.ok(created(id) < own.createdAt, `${post.path} names ${id}, created before it`);
    }
    assert.equal(posts[6].path, '/squad');
    assert.deepEqual(h.api.requests.filter((request) => request.method === 'PATCH'), []);

    const links = await linksOf(h, 'dev');
    assert.equal(Object.keys(links).length, 7);
    const stored = (key: string, store: keyof typeof h.api.stores) => h.api.stores[store].items.get(links[key])!.fields as Record<string, any>;
    assert.deepEqual(stored('assistants/desk.assistant.json', 'vapi').model.toolIds, [links['tools/lookup-order.tool.json'], links['tools/hours.tool.json']]);
    assert.deepEqual(stored('assistants/desk.assistant.json', 'vapi').artifactPlan.structuredOutputIds, [links['structured-outputs/outcome.structured-output.json']]);
    assert.deepEqual(stored('assistants/billing.assistant.json', 'vapi').model.toolIds, [links['tools/refund.tool.json'], links['tools/lookup-order.tool.json']]);
    assert.deepEqual(stored('squads/support.squad.json', 'squad').members, [{ assistantId: links['assistants/desk.assistant.json'] }, { assistantId: links['assistants/billing.assistant.json'] }]);
    assert.equal(h.api.stores.tool.items.size, 3);
    assert.equal(result.dependencies?.length, 6);

    // Everything is linked and in sync: pushing again sends nothing.
    h.api.requests.length = 0;
    assert.equal((await push(h.ctx('vapi'), files.squad)).status, 'unchanged');
    assert.equal((await push(h.ctx('vapi'), files.desk)).status, 'unchanged');
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('--dry-run lists every create in order and sends nothing', async () => {
    const files = await squadWorkspace(h);
    const result = await push(h.ctx('vapi'), files.squad, { dryRun: true });
    assert.ok(result.status === 'dry-run', result.status);
    assert.deepEqual(
      result.steps.map((step) => `${step.action} ${step.file.key}`),
      [
        'create tools/lookup-order.tool.json',
        'create tools/hours.tool.json',
        'create structured-outputs/outcome.structured-output.json',
        'create assistants/desk.assistant.json',
        'create tools/refund.tool.json',
        'create assistants/billing.assistant.json',
        'create squads/support.squad.json',
      ],
    );
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('pushing the same files to a second environment creates a second set and leaves the first alone', async () => {
    const files = await squadWorkspace(h);
    await push(h.ctx('vapi'), files.squad);
    const dev = await linksOf(h, 'dev');
    const devStored = JSON.stringify([...h.api.stores.vapi.items.values(), ...h.api.stores.squad.items.values(), ...h.api.stores.tool.items.values()]);
    h.api.requests.length = 0;
    const prod: SyncContext = { ...h.ctx('vapi'), env: { ...h.ctx('vapi').env, name: 'prod' } };
    assert.equal((await push(prod, files.squad)).status, 'created');
    const prodLinks = await linksOf(h, 'prod');
    assert.equal(Object.keys(prodLinks).length, 7);
    for (const key of Object.keys(dev)) assert.notEqual(prodLinks[key], dev[key], key);
    assert.deepEqual(await linksOf(h, 'dev'), dev);
    assert.equal(h.api.stores.tool.items.size, 6);
    assert.equal(h.api.stores.squad.items.size, 2);
    // Nothing of the first set was touched, and the second squad names the second set's assistants.
    assert.deepEqual(h.api.mutatingRequests().filter((request) => request.method !== 'POST'), []);
    assert.ok(devStored.length > 0);
    const prodSquad = h.api.stores.squad.items.get(prodLinks['squads/support.squad.json'])!.fields as { members: { assistantId: string }[] };
    assert.deepEqual(prodSquad.members.map((member) => member.assistantId), [prodLinks['assistants/desk.assistant.json'], prodLinks['assistants/billing.assistant.json']]);
  });

  it('a referenced file changed locally is pushed only with withDependencies; one never pushed there is created either way', async () => {
    const files = await squadWorkspace(h);
    await push(h.ctx('vapi'), files.desk);
    const links = await linksOf(h, 'dev');
    const edited = { ...vapiFunctionTool('lookup_order'), async: true };
    await h.file('tools/lookup-order.tool.json', edited);
    const assistant = JSON.parse(await h.read('assistants/desk.assistant.json'));
    assistant.firstMessage = 'Hello again.';
    const desk = await h.file('assistants/desk.assistant.json', assistant);
    h.api.requests.length = 0;

    const plain = await push(h.ctx('vapi'), desk);
    assert.equal(plain.status, 'updated');
    assert.deepEqual(plain.skipped?.map((step) => step.file.key), ['tools/lookup-order.tool.json']);
    assert.deepEqual(h.api.mutatingRequests().map((request) => `${request.method} ${request.path}`), [`PATCH /assistant/${links['assistants/desk.assistant.json']}`]);
    assert.equal(h.api.stores.tool.items.get(links['tools/lookup-order.tool.json'])!.fields.async, undefined);

    h.api.requests.length = 0;
    const withDeps = await push(h.ctx('vapi'), desk, { withDependencies: true });
    assert.equal(withDeps.status, 'unchanged');
    assert.deepEqual(withDeps.dependencies?.map((entry) => `${entry.outcome.status} ${entry.step.file.key}`), ['updated tools/lookup-order.tool.json']);
    assert.equal(h.api.stores.tool.items.get(links['tools/lookup-order.tool.json'])!.fields.async, true);
  });

  it('a cycle (two members handing off to each other) is created without the back link, then updated; no loop', async () => {
    const handoff = (to: string) => ({ type: 'handoff', destinations: [{ type: 'assistant', assistantId: to }] });
    await h.file('assistants/a.assistant.json', { ...vapiAssistant('A'), model: { provider: 'openai', model: 'gpt-4o', tools: [handoff('./b.assistant.json')] } });
    await h.file('assistants/b.assistant.json', { ...vapiAssistant('B'), model: { provider: 'openai', model: 'gpt-4o', tools: [handoff('./a.assistant.json')] } });
    const squad = await h.file('squads/pair.squad.json', { name: 'Pair', members: [{ assistantId: '../assistants/a.assistant.json' }, { assistantId: '../assistants/b.assistant.json' }] });

    const dry = await push(h.ctx('vapi'), squad, { dryRun: true });
    assert.ok(dry.status === 'dry-run');
    assert.deepEqual(
      dry.steps.map((step) => `${step.action} ${step.file.key}${step.leftOut ? ` without ${step.leftOut.join(', ')}` : ''}${step.completes ? ' (links)' : ''}`),
      ['create assistants/b.assistant.json without ./a.assistant.json', 'create assistants/a.assistant.json', 'create squads/pair.squad.json', 'update assistants/b.assistant.json (links)'],
    );
    assert.equal((await push(h.ctx('vapi'), squad)).status, 'created');
    const links = await linksOf(h, 'dev');
    const a = h.api.stores.vapi.items.get(links['assistants/a.assistant.json'])!.fields as any;
    const b = h.api.stores.vapi.items.get(links['assistants/b.assistant.json'])!.fields as any;
    assert.equal(a.model.tools[0].destinations[0].assistantId, links['assistants/b.assistant.json']);
    assert.equal(b.model.tools[0].destinations[0].assistantId, links['assistants/a.assistant.json']);
    assert.equal(h.api.stores.vapi.items.size, 2);
    h.api.requests.length = 0;
    assert.equal((await push(h.ctx('vapi'), squad)).status, 'unchanged');
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('pull writes references for linked tools; pull then push of the whole set sends no mutating request', async () => {
    const files = await squadWorkspace(h);
    await push(h.ctx('vapi'), files.squad);
    const links = await linksOf(h, 'dev');
    // A dashboard edit, pulled back: the file keeps its references, the other files stay as they are.
    h.api.stores.vapi.editInDashboard(links['assistants/desk.assistant.json'], { firstMessage: 'Edited in the dashboard.' });
    h.api.requests.length = 0;
    const pulled = await pull(h.ctx('vapi'), { id: links['assistants/desk.assistant.json'], path: files.desk.path });
    assert.equal(pulled.status, 'written');
    const desk = JSON.parse(await h.read('assistants/desk.assistant.json'));
    assert.deepEqual(desk.model.toolIds, ['../tools/lookup-order.tool.json', '../tools/hours.tool.json']);
    assert.deepEqual(desk.artifactPlan.structuredOutputIds, ['../structured-outputs/outcome.structured-output.json']);
    assert.equal(desk.firstMessage, 'Edited in the dashboard.');
    for (const [name, file] of Object.entries(files)) {
      const text = await h.read(file.path.slice(h.root.length + 1));
      assert.equal((await push(h.ctx('vapi'), { path: file.path, text })).status, 'unchanged', name);
    }
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('pull --with-deps writes the referenced resources into tools/, structured-outputs/ … beside the file', async () => {
    const tool = h.api.stores.tool.create(vapiFunctionTool('lookup_order'));
    const output = h.api.stores['structured-output'].create({ name: 'Call Outcome', schema: { type: 'string' } });
    const assistant = h.api.stores.vapi.create({ ...vapiAssistant('Desk'), model: { provider: 'openai', model: 'gpt-4o', toolIds: [tool.id] }, artifactPlan: { structuredOutputIds: [output.id] } });
    const squad = h.api.stores.squad.create({ name: 'Support', members: [{ assistantId: assistant.id }] });
    const target = `${h.root}/org/support.squad.json`;

    const alone = await pull(h.ctx('vapi'), { id: squad.id, path: target });
    assert.deepEqual(alone.notInWorkspace, [{ field: 'members.0.assistantId', target: 'assistant', id: assistant.id }]);
    assert.equal(JSON.parse(await h.read('org/support.squad.json')).members[0].assistantId, assistant.id);

    const all = await pull(h.ctx('vapi'), { id: squad.id, path: target, withDependencies: true });
    assert.equal(all.status, 'written');
    assert.deepEqual(all.dependencies?.map((entry) => entry.path.slice(h.root.length + 1)), ['org/structured-outputs/call-outcome.structured-output.json', 'org/tools/lookup-order.tool.json', 'org/assistants/desk.assistant.json']);
    assert.equal(JSON.parse(await h.read('org/support.squad.json')).members[0].assistantId, './assistants/desk.assistant.json');
    const desk = JSON.parse(await h.read('org/assistants/desk.assistant.json'));
    assert.deepEqual(desk.model.toolIds, ['../tools/lookup-order.tool.json']);
    assert.deepEqual(desk.artifactPlan.structuredOutputIds, ['../structured-outputs/call-outcome.structured-output.json']);
    h.api.requests.length = 0;
    const text = await h.read('org/support.squad.json');
    assert.equal((await push(h.ctx('vapi'), { path: target, text }, { withDependencies: true })).status, 'unchanged');
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('diff and the three-way check treat a reference and the id it resolves to as equal', async () => {
    const files = await squadWorkspace(h);
    await push(h.ctx('vapi'), files.desk);
    const links = await linksOf(h, 'dev');
    const desk = JSON.parse(await h.read('assistants/desk.assistant.json'));
    const compared = await diff(h.ctx('vapi'), { path: files.desk.path, text: await h.read('assistants/desk.assistant.json') });
    assert.equal(compared.equal, true);
    assert.match(compared.liveText, /"\.\.\/tools\/lookup-order\.tool\.json"/);
    // The same assistant with the raw id where the reference was: still in sync, nothing to push.
    desk.model.toolIds[0] = links['tools/lookup-order.tool.json'];
    const raw = await h.file('assistants/desk.assistant.json', desk);
    assert.deepEqual(await localStatus(h.ctx('vapi'), raw), { status: 'in-sync', id: links['assistants/desk.assistant.json'] });
    assert.equal((await push(h.ctx('vapi'), raw)).status, 'unchanged');
    // A dashboard edit elsewhere is a conflict with a local edit, whatever form the references take.
    h.api.stores.vapi.editInDashboard(links['assistants/desk.assistant.json'], { endCallMessage: 'Bye from the dashboard.' });
    desk.firstMessage = 'Local edit.';
    const edited = await h.file('assistants/desk.assistant.json', desk);
    const result = await push(h.ctx('vapi'), edited);
    assert.ok(result.status === 'conflict', result.status);
    assert.deepEqual(result.diff.changes.map((change) => change.path), ['endCallMessage', 'firstMessage']);
  });

  it('a reference to a missing file, or to a file of the wrong kind, stops the push with a clear message', async () => {
    const missing = await h.file('assistants/lost.assistant.json', { ...vapiAssistant(), model: { provider: 'openai', model: 'gpt-4o', toolIds: ['../tools/nowhere.tool.json'] } });
    await assert.rejects(push(h.ctx('vapi'), missing), /model\.toolIds\.0 refers to \.\.\/tools\/nowhere\.tool\.json, but there is no such file/);
    assert.deepEqual(h.api.requests, []);
  });
});
