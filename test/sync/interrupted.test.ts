// Syncs cut off half-way (a kill -9, a dropped connection after the server acted): the next run finds the
// truth from the state file's markers instead of reporting a conflict or creating again.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { pull, push, SyncError } from '../../sync/src/index';
import { harness, vapiAssistant, type Harness } from './helpers';

describe('interrupted syncs', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  beforeEach(() => h.reset());

  it('an update that landed but whose answer never came, then a local edit: the next push updates, no false conflict', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('Cut Off'));
    const name = 'cut/a.assistant.json';
    const target = (await h.file(name, '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    const edited = (await h.read(name)).replace('"maxDurationSeconds": 600', '"maxDurationSeconds": 700');
    // The PATCH is applied, every answer is lost (as when the CLI is killed once the server has it).
    h.api.faults.add({ method: 'PATCH', times: 3, effect: { kind: 'lose-response' } });
    await assert.rejects(push(h.ctx('vapi'), { path: target, text: edited }), (error: SyncError) => error.kind === 'network');
    assert.equal(h.api.stores.vapi.items.get(remote.id)!.fields.maxDurationSeconds, 700);

    const again = edited.replace('"maxDurationSeconds": 700', '"maxDurationSeconds": 800');
    const result = await push(h.ctx('vapi'), { path: target, text: again });
    assert.equal(result.status, 'updated', JSON.stringify(result));
    assert.equal(h.api.stores.vapi.items.get(remote.id)!.fields.maxDurationSeconds, 800);
    assert.equal(JSON.parse(await h.state()).files[name].dev.updateSent, undefined);
  });

  it('an update whose answer was lost and a dashboard edit after it: still a conflict', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('Cut Then Edited'));
    const name = 'cut2/a.assistant.json';
    const target = (await h.file(name, '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    const edited = (await h.read(name)).replace('"maxDurationSeconds": 600', '"maxDurationSeconds": 700');
    h.api.faults.add({ method: 'PATCH', times: 3, effect: { kind: 'lose-response' } });
    await assert.rejects(push(h.ctx('vapi'), { path: target, text: edited }));
    h.api.stores.vapi.editInDashboard(remote.id, { firstMessage: 'Changed in the dashboard' });
    const result = await push(h.ctx('vapi'), { path: target, text: edited.replace('700', '800') });
    assert.equal(result.status, 'conflict');
  });

  it('a rejected update leaves no marker behind', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('Rejected'));
    const name = 'rej/a.assistant.json';
    const target = (await h.file(name, '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    h.api.faults.add({ method: 'PATCH', effect: { kind: 'reject', messages: ['name must be shorter than or equal to 40 characters'] } });
    const result = await push(h.ctx('vapi'), { path: target, text: (await h.read(name)).replace('600', '700') });
    assert.equal(result.status, 'invalid');
    assert.equal(JSON.parse(await h.state()).files[name].dev.updateSent, undefined);
  });
});
