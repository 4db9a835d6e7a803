// The workspace as one against the local API: status from one list request per kind, a plan in dependency
// order that sends nothing, apply with per-resource progress and conflict choices, and a whole org pulled.
import assert from 'node:assert/strict';
import { readdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { apply, plan, pullAll, status, type StepEvent } from '../../sync/src/index';
import { harness, sevenFiles, vapiAssistant, vapiFunctionTool, type Harness } from './helpers';

describe('workspace: status, plan, apply, pull --all', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  beforeEach(async () => {
    h.reset();
    for (const entry of await readdir(h.root)) if (entry !== '.git') await rm(path.join(h.root, entry), { recursive: true, force: true });
  });

  it('plan on an empty environment lists 7 creates in dependency order with one list request per kind and nothing sent', async () => {
    await sevenFiles(h);
    const planned = await plan(h.ctx('vapi'));
    assert.deepEqual(planned.steps.map((step) => step.action), Array(7).fill('create'));
    const position = new Map(planned.steps.map((step, index) => [step.file.key, index]));
    const before = (a: string, b: string) => assert.ok(position.get(a)! < position.get(b)!, `${a} before ${b}`);
    before('tools/lookup.tool.json', 'assistants/desk.assistant.json');
    before('tools/hours.tool.json', 'assistants/desk.assistant.json');
    before('structured-outputs/outcome.structured-output.json', 'assistants/desk.assistant.json');
    before('tools/refund.tool.json', 'assistants/billing.assistant.json');
    before('assistants/desk.assistant.json', 'squads/support.squad.json');
    before('assistants/billing.assistant.json', 'squads/support.squad.json');
    assert.deepEqual(planned.status.files.map((file) => file.state), Array(7).fill('not-pushed'));
    assert.deepEqual(h.api.requests.map((request) => `${request.method} ${request.path}`).sort(), ['GET /assistant', 'GET /squad', 'GET /structured-output', 'GET /tool']);
  });

  it('apply creates them, telling each step; status is then all in sync from 4 list requests', async () => {
    await sevenFiles(h);
    const events: StepEvent[] = [];
    const applied = await apply(h.ctx('vapi'), { onStep: (event) => events.push(event) });
    assert.equal(applied.status, 'done');
    assert.equal(applied.counts.created, 7);
    assert.deepEqual(events.map((event) => `${event.phase} ${event.index + 1}/${event.total}`).slice(0, 4), ['start 1/7', 'done 1/7', 'start 2/7', 'done 2/7']);
    assert.equal(h.api.stores.vapi.items.size + h.api.stores.tool.items.size + h.api.stores.squad.items.size + h.api.stores['structured-output'].items.size, 7);

    h.api.requests.length = 0;
    const now = await status(h.ctx('vapi'));
    assert.deepEqual(now.files.map((file) => file.state), Array(7).fill('in-sync'));
    assert.deepEqual(now.orphans, []);
    assert.equal(h.api.requests.length, 4, 'one list request per kind, no GET per file');
    h.api.requests.length = 0;
    const again = await apply(h.ctx('vapi'));
    assert.deepEqual(again.plan.steps, []);
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('a dashboard edit and a local edit: live changed and local changes; apply stops on the conflict unless resolved', async () => {
    await sevenFiles(h);
    await apply(h.ctx('vapi'));
    const state = JSON.parse(await h.state());
    const toolId = state.files['tools/refund.tool.json'].dev.id;
    h.api.stores.tool.editInDashboard(toolId, { function: { ...(vapiFunctionTool('refund').function as object), description: 'Refunds an order (edited live).' } });
    const desk = JSON.parse(await h.read('assistants/desk.assistant.json'));
    desk.firstMessage = 'Hello from git.';
    await h.file('assistants/desk.assistant.json', desk);

    const now = await status(h.ctx('vapi'));
    const states = Object.fromEntries(now.files.map((file) => [file.key, file.state]));
    assert.equal(states['tools/refund.tool.json'], 'live-changed');
    assert.equal(states['assistants/desk.assistant.json'], 'local-changes');
    assert.equal(Object.values(states).filter((state) => state === 'in-sync').length, 5);

    h.api.requests.length = 0;
    const stopped = await apply(h.ctx('vapi'), { resolve: 'fail' });
    assert.equal(stopped.status, 'conflicts');
    assert.deepEqual(stopped.conflicts.map((step) => step.file.key), ['tools/refund.tool.json']);
    assert.deepEqual(h.api.mutatingRequests(), [], 'nothing sent');

    const asked: string[] = [];
    const theirs = await apply(h.ctx('vapi'), { onConflict: async (step) => (asked.push(step.file.key), 'theirs') });
    assert.equal(theirs.status, 'done');
    assert.deepEqual(asked, ['tools/refund.tool.json']);
    assert.deepEqual({ pulled: theirs.counts.pulled, updated: theirs.counts.updated }, { pulled: 1, updated: 1 });
    assert.equal(JSON.parse(await h.read('tools/refund.tool.json')).function.description, 'Refunds an order (edited live).');
    assert.equal((h.api.stores.vapi.items.get(state.files['assistants/desk.assistant.json'].dev.id)!.fields as { firstMessage: string }).firstMessage, 'Hello from git.');
    assert.deepEqual((await status(h.ctx('vapi'))).files.map((file) => file.state), Array(7).fill('in-sync'));
  });

  it('orphans, live deletions, and --resolve ours re-creating a deleted resource', async () => {
    await sevenFiles(h);
    await apply(h.ctx('vapi'));
    const state = JSON.parse(await h.state());
    const orphan = h.api.stores.tool.create(vapiFunctionTool('made_in_dashboard'));
    h.api.stores.tool.items.delete(state.files['tools/hours.tool.json'].dev.id);
    const now = await status(h.ctx('vapi'));
    assert.deepEqual(now.orphans.map((item) => [item.kind, item.id, item.name]), [['vapi-tool', orphan.id, 'made_in_dashboard']]);
    assert.equal(now.files.find((file) => file.key === 'tools/hours.tool.json')?.state, 'live-deleted');
    const ours = await apply(h.ctx('vapi'), { resolve: 'ours' });
    assert.equal(ours.status, 'done');
    assert.equal(ours.counts.created, 1);
    assert.equal(h.api.stores.tool.items.size, 4);
  });

  it('pull --all into an empty folder: references between the files, all in sync, apply sends nothing, a second run writes nothing', async () => {
    await sevenFiles(h, 'source');
    await apply(h.ctx('vapi'));
    await rm(path.join(h.root, 'source'), { recursive: true });
    await rm(path.join(h.root, '.assistant-config'), { recursive: true });

    const pulled = await pullAll(h.ctx('vapi'), { folder: path.join(h.root, 'org') });
    assert.equal(pulled.counts.written, 7);
    const names = (await readdir(path.join(h.root, 'org'), { recursive: true })).filter((name) => name.endsWith('.json')).sort();
    assert.deepEqual(names, [
      'assistants/billing.assistant.json',
      'assistants/front-desk.assistant.json',
      'squads/support.squad.json',
      'structured-outputs/outcome.structured-output.json',
      'tools/lookup-order.tool.json',
      'tools/opening-hours.tool.json',
      'tools/refund.tool.json',
    ]);
    const squad = JSON.parse(await readFile(path.join(h.root, 'org/squads/support.squad.json'), 'utf8'));
    assert.deepEqual(squad.members.map((member: { assistantId: string }) => member.assistantId).sort(), ['../assistants/billing.assistant.json', '../assistants/front-desk.assistant.json']);
    const desk = JSON.parse(await readFile(path.join(h.root, 'org/assistants/front-desk.assistant.json'), 'utf8'));
    assert.deepEqual(desk.model.toolIds, ['../tools/lookup-order.tool.json', '../tools/opening-hours.tool.json']);

    assert.deepEqual((await status(h.ctx('vapi'))).files.map((file) => file.state), Array(7).fill('in-sync'));
    h.api.requests.length = 0;
    assert.deepEqual((await apply(h.ctx('vapi'))).plan.steps, []);
    const second = await pullAll(h.ctx('vapi'), { folder: path.join(h.root, 'org') });
    assert.deepEqual(second.counts, { written: 0, unchanged: 7, localChanges: 0 });
    assert.deepEqual(h.api.mutatingRequests(), []);

    // A local edit is not overwritten by the next pull --all, unless asked.
    desk.firstMessage = 'Edited locally, not pushed.';
    await h.file('org/assistants/front-desk.assistant.json', desk);
    const third = await pullAll(h.ctx('vapi'), { folder: path.join(h.root, 'org') });
    assert.deepEqual(third.counts, { written: 0, unchanged: 6, localChanges: 1 });
    assert.equal(JSON.parse(await h.read('org/assistants/front-desk.assistant.json')).firstMessage, 'Edited locally, not pushed.');
  });

  it('pull --all into the workspace folder itself (VS Code\'s default, the CLI\'s without -o) writes beside the state file', async () => {
    await sevenFiles(h, 'source');
    await apply(h.ctx('vapi'));
    await rm(path.join(h.root, 'source'), { recursive: true });
    await rm(path.join(h.root, '.assistant-config'), { recursive: true });
    const pulled = await pullAll(h.ctx('vapi'), { folder: h.root });
    assert.equal(pulled.counts.written, 7);
    assert.ok(JSON.parse(await h.read('assistants/front-desk.assistant.json')).model.toolIds.includes('../tools/lookup-order.tool.json'));
    assert.deepEqual((await status(h.ctx('vapi'))).files.map((file) => file.state), Array(7).fill('in-sync'));
  });

  it('file names for a whole org are unique, stable and safe: same names, odd characters, reserved device names', async () => {
    for (const name of ['Same Name', 'Same Name', 'CON', 'Ünïcödé / slashes\\and:colons*?', '']) h.api.stores.vapi.create({ ...vapiAssistant(), name });
    const first = await pullAll(h.ctx('vapi'), { folder: path.join(h.root, 'org') });
    const names = first.files.map((file) => path.basename(file.path)).sort();
    assert.equal(new Set(names.map((name) => name.toLowerCase())).size, 5);
    for (const name of names) assert.match(name, /^[a-z0-9-]+\.assistant\.json$/);
    assert.ok(names.includes('con-assistant.assistant.json'), names.join(' '));
    assert.ok(names.includes('unicode-slashes-and-colons.assistant.json'), names.join(' '));
    // Renamed in the dashboard: the file stays where it is.
    const renamed = first.files[0];
    h.api.stores.vapi.editInDashboard(renamed.id, { name: 'Renamed Live' });
    const second = await pullAll(h.ctx('vapi'), { folder: path.join(h.root, 'org') });
    assert.equal(second.files.find((file) => file.id === renamed.id)?.path, renamed.path);
    assert.deepEqual(second.counts, { written: 1, unchanged: 4, localChanges: 0 });
  });

  it('an apply cancelled between resources stops there; the next apply carries on without creating twice', async () => {
    await sevenFiles(h);
    const abort = new AbortController();
    await assert.rejects(
      apply(h.ctx('vapi', { signal: abort.signal }), { onStep: (event) => event.phase === 'done' && event.index === 2 && abort.abort() }),
      (error: { kind?: string }) => error.kind === 'cancelled',
    );
    assert.equal(h.api.mutatingRequests().length, 3);
    const rest = await apply(h.ctx('vapi'));
    assert.equal(rest.counts.created, 4);
    assert.equal(h.api.mutatingRequests().length, 7);
  });

  it('a reference cycle interrupted after its first create is finished by the next apply', async () => {
    const handoff = (to: string) => ({ type: 'handoff', destinations: [{ type: 'assistant', assistantId: to }] });
    await h.file('assistants/a.assistant.json', { ...vapiAssistant('A'), model: { provider: 'openai', model: 'gpt-4o', tools: [handoff('./b.assistant.json')] } });
    await h.file('assistants/b.assistant.json', { ...vapiAssistant('B'), model: { provider: 'openai', model: 'gpt-4o', tools: [handoff('./a.assistant.json')] } });
    const abort = new AbortController();
    await assert.rejects(apply(h.ctx('vapi', { signal: abort.signal }), { onStep: (event) => event.phase === 'done' && abort.abort() }), (error: { kind?: string }) => error.kind === 'cancelled');
    assert.equal(h.api.stores.vapi.items.size, 1);
    const resumed = await apply(h.ctx('vapi'));
    assert.equal(resumed.status, 'done', JSON.stringify(resumed.results.map((entry) => entry.outcome.status)));
    const state = JSON.parse(await h.state());
    const [a, b] = ['a', 'b'].map((name) => h.api.stores.vapi.items.get(state.files[`assistants/${name}.assistant.json`].dev.id)!.fields as any);
    assert.equal(a.model.tools[0].destinations[0].assistantId, state.files['assistants/b.assistant.json'].dev.id);
    assert.equal(b.model.tools[0].destinations[0].assistantId, state.files['assistants/a.assistant.json'].dev.id);
    assert.equal(h.api.stores.vapi.items.size, 2);
    assert.deepEqual((await status(h.ctx('vapi'))).files.map((file) => file.state), ['in-sync', 'in-sync']);
  });

  it("a folder named to status or plan leaves another vendor's files out; a file named is reported", async () => {
    await h.file('mixed/desk.assistant.json', vapiAssistant('Desk'));
    await h.file('mixed/bot.insighto.assistant.json', { assistant_type: 'phone', llm_model: 'gpt-4o-mini', name: 'Bot' });
    const folder = await status(h.ctx('vapi'), { paths: [path.join(h.root, 'mixed')] });
    assert.deepEqual([folder.files.map((file) => file.key), folder.problems.length], [['mixed/desk.assistant.json'], 0]);
    assert.deepEqual((await plan(h.ctx('vapi'), { paths: [path.join(h.root, 'mixed')] })).steps.map((step) => step.file.key), ['mixed/desk.assistant.json']);
    const named = await status(h.ctx('vapi'), { paths: [path.join(h.root, 'mixed/bot.insighto.assistant.json')] });
    assert.match(named.problems[0]?.message ?? '', /Insighto assistant file but environment 'dev' is Vapi/);
  });
});
