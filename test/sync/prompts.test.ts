// Prompts kept in their own Markdown files (`"content": "./prompts/front-desk.md"`) through the sync engine
// against the local API: push sends the Markdown text as the content, pull moves long prompts into files,
// and a pull then a push sends nothing.
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { diff, localStatus, pull, push } from '../../sync/src/index';
import { harness, vapiAssistant, type Harness } from './helpers';

const longPrompt = Array.from({ length: 40 }, (_, i) => (i === 0 ? '# Ava, the front desk of Riverside Dental' : `${i}. Be kind to {{ customer.name }} and say the date {{ "now" | date: "%A" }}.`)).join('\n');

describe('prompts as Markdown files', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  beforeEach(async () => {
    h.reset();
    for (const entry of await readdir(h.root)) if (entry !== '.git') await rm(path.join(h.root, entry), { recursive: true, force: true });
  });

  it('a prompt that is a .md reference is pushed as the Markdown text', async () => {
    await h.file('assistants/prompts/front-desk.md', '# Front desk\n\nGreet {{ customer.name }} warmly.\n');
    const file = await h.file('assistants/front-desk.assistant.json', {
      ...vapiAssistant(),
      firstMessage: './prompts/greeting.md',
      model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: './prompts/front-desk.md' }] },
    });
    await h.file('assistants/prompts/greeting.md', 'Hello, this is Ava.');
    const result = await push(h.ctx('vapi'), file);
    assert.equal(result.status, 'created');
    const [post] = h.api.mutatingRequests();
    const body = post.body as { firstMessage: string; model: { messages: { content: string }[] } };
    assert.equal(body.model.messages[0].content, '# Front desk\n\nGreet {{ customer.name }} warmly.');
    assert.equal(body.firstMessage, 'Hello, this is Ava.');
    assert.deepEqual(await diff(h.ctx('vapi'), file).then((compared) => compared.equal), true);

    // Editing the Markdown is a change to the assistant: the status says so and the push sends the new text.
    await writeFile(path.join(h.root, 'assistants/prompts/front-desk.md'), '# Front desk\n\nGreet {{ customer.name }} by name.\n');
    assert.equal((await localStatus(h.ctx('vapi'), file)).status, 'modified');
    h.api.requests.length = 0;
    const updated = await push(h.ctx('vapi'), file);
    assert.ok(updated.status === 'updated', updated.status);
    assert.deepEqual(updated.plan.changedKeys, ['model']);
    assert.equal((h.api.mutatingRequests()[0].body as typeof body).model.messages[0].content, '# Front desk\n\nGreet {{ customer.name }} by name.');
  });

  it('the three-way check sees through a prompt file: a dashboard edit of the prompt and a local edit of the .md are a conflict', async () => {
    await h.file('assistants/prompts/desk.md', '# Desk\n\nGreet {{ customer.name }}.\n');
    const file = await h.file('assistants/desk.assistant.json', { ...vapiAssistant(), model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: './prompts/desk.md' }] } });
    const created = await push(h.ctx('vapi'), file);
    assert.equal(created.status, 'created');
    const id = (created as { id: string }).id;
    // Only live changed: the file is in sync locally, and the push reports the live change, not a local one.
    h.api.stores.vapi.editInDashboard(id, { model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: '# Desk\n\nGreet the caller.' }] } });
    assert.equal((await localStatus(h.ctx('vapi'), file)).status, 'in-sync');
    // Both changed: the .md edited here, the prompt edited live.
    await writeFile(path.join(h.root, 'assistants/prompts/desk.md'), '# Desk\n\nGreet {{ customer.name }} by name.\n');
    assert.equal((await localStatus(h.ctx('vapi'), file)).status, 'modified');
    h.api.requests.length = 0;
    const stopped = await push(h.ctx('vapi'), file);
    assert.equal(stopped.status, 'conflict');
    assert.deepEqual(h.api.mutatingRequests(), []);
    assert.equal(h.api.stores.vapi.items.get(id)!.fields.model && (h.api.stores.vapi.items.get(id)!.fields.model as { messages: { content: string }[] }).messages[0].content, '# Desk\n\nGreet the caller.');
  });

  it('a reference to a prompt file that does not exist stops the push before anything is sent', async () => {
    const file = await h.file('a.assistant.json', { ...vapiAssistant(), model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: './prompts/missing.md' }] } });
    await assert.rejects(push(h.ctx('vapi'), file), /model\.messages\.0\.content refers to \.\/prompts\/missing\.md, but there is no such prompt file/);
    assert.deepEqual(h.api.requests, []);
  });

  it('pull writes a 40-line prompt to prompts/<name>.md and refers to it; pull then push sends nothing', async () => {
    const remote = h.api.stores.vapi.create({ ...vapiAssistant(), model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: longPrompt }] } });
    const target = path.join(h.root, 'assistants', 'front-desk.assistant.json');
    const pulled = await pull(h.ctx('vapi'), { id: remote.id, path: target });
    assert.equal(pulled.status, 'written');
    assert.deepEqual(pulled.prompts, [path.join(h.root, 'assistants', 'prompts', 'front-desk.md')]);
    const written = JSON.parse(await h.read('assistants/front-desk.assistant.json'));
    assert.equal(written.model.messages[0].content, './prompts/front-desk.md');
    assert.equal(written.firstMessage, vapiAssistant().firstMessage, 'a one-line message stays in the file');
    assert.equal(await h.read('assistants/prompts/front-desk.md'), `${longPrompt}\n`);

    const text = await h.read('assistants/front-desk.assistant.json');
    assert.deepEqual(await push(h.ctx('vapi'), { path: target, text }), { status: 'unchanged', id: remote.id });
    assert.equal((await diff(h.ctx('vapi'), { path: target, text })).equal, true);
    // A second pull of the unchanged assistant writes nothing, the prompt file included.
    const again = await pull(h.ctx('vapi'), { id: remote.id, path: target });
    assert.equal(again.status, 'unchanged');
    assert.deepEqual(h.api.mutatingRequests(), []);

    // A dashboard edit of the prompt is pulled into the Markdown file the JSON already names.
    h.api.stores.vapi.editInDashboard(remote.id, { model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: `${longPrompt}\n41. Never give medical advice.` }] } });
    const edited = await pull(h.ctx('vapi'), { id: remote.id, path: target });
    assert.equal(edited.status, 'written');
    assert.match(await readFile(path.join(h.root, 'assistants/prompts/front-desk.md'), 'utf8'), /41\. Never give medical advice\.\n$/);
    assert.equal(JSON.parse(await h.read('assistants/front-desk.assistant.json')).model.messages[0].content, './prompts/front-desk.md');
  });

  it('promptFileLines decides how long a prompt must be to get a file', async () => {
    const remote = h.api.stores.vapi.create({ ...vapiAssistant(), model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: longPrompt }] } });
    const target = path.join(h.root, 'inline.assistant.json');
    await pull(h.ctx('vapi'), { id: remote.id, path: target, promptFileLines: 50 });
    assert.equal(JSON.parse(await h.read('inline.assistant.json')).model.messages[0].content, longPrompt);
    assert.deepEqual(await readdir(h.root).then((names) => names.filter((name) => name === 'prompts')), []);
  });
});
