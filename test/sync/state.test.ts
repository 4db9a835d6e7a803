// The workspace state file under concurrent commands and damage.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { localStatus, push, readLink, STATE_FILE, SyncError } from '../../sync/src/index';
import { harness, vapiAssistant, type Harness } from './helpers';

describe('state file', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('keeps every link when several pushes run at once', async () => {
    const files = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => h.file(`many/${i}.assistant.json`, vapiAssistant(`Bot ${i}`))));
    const results = await Promise.all(files.map((file) => push(h.ctx('vapi'), file)));
    assert.deepEqual(results.map((r) => r.status), Array(6).fill('created'));
    const state = JSON.parse(await h.state());
    assert.deepEqual(Object.keys(state.files), files.map((_, i) => `many/${i}.assistant.json`));
  });

  it('reports the status of a file from the state alone', async () => {
    const file = await h.file('status/a.assistant.json', vapiAssistant());
    const env = h.ctx('vapi').env;
    assert.deepEqual(await localStatus(h.root, env, file), { status: 'unlinked' });
    const created = await push(h.ctx('vapi'), file);
    assert.ok(created.status === 'created');
    assert.deepEqual(await localStatus(h.root, env, file), { status: 'in-sync', id: created.id });
    // Formatting is not a change; content is.
    assert.deepEqual(await localStatus(h.root, env, { ...file, text: JSON.stringify(JSON.parse(file.text)) }), { status: 'in-sync', id: created.id });
    assert.deepEqual(await localStatus(h.root, env, { ...file, text: file.text.replace('600', '601') }), { status: 'modified', id: created.id });
  });

  it('refuses files outside the workspace and a damaged state file, with a way forward', async () => {
    await assert.rejects(readLink(h.root, path.join(h.root, '..', 'elsewhere.assistant.json'), 'dev'), /is outside the workspace/);
    await writeFile(path.join(h.root, STATE_FILE), '{ not json');
    await assert.rejects(readLink(h.root, path.join(h.root, 'a.assistant.json'), 'dev'), (error: SyncError) => {
      assert.equal(error.kind, 'config');
      assert.equal(error.message, '.assistant-config/state.json is not a valid state file (version 1). Fix or delete it (links will be lost).');
      return true;
    });
  });
});
