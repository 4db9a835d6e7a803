// Tools, squads and structured outputs through the same engine as assistants, against the local API:
// create, pull, round trip, update (with the body the update DTO takes), diff, list; and the API's refusal
// of ids that name nothing, placed on the file.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { diff, list, pull, push } from '../../sync/src/index';
import { harness, vapiAssistant, vapiFunctionTool, type Harness } from './helpers';

describe('vapi tools, squads and structured outputs', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  beforeEach(() => h.reset());

  it('creates a tool with POST /tool and links the file; the read-back equals the file', async () => {
    const file = await h.file('tools/lookup-order.tool.json', { $schema: '../schemas/vapi-tool.schema.json', ...vapiFunctionTool() });
    const result = await push(h.ctx('vapi'), file);
    assert.equal(result.status, 'created');
    assert.ok(result.status === 'created');
    assert.deepEqual(result.notKept, []);
    const [post] = h.api.requests.filter((request) => request.method === 'POST');
    assert.equal(post.path, '/tool');
    assert.deepEqual(post.body, vapiFunctionTool());
    assert.ok(h.api.stores.tool.items.has(result.id));
    assert.equal(JSON.parse(await h.state()).files['tools/lookup-order.tool.json'].dev.id, result.id);
  });

  it('pulls a tool without its server-managed fields; pull, push and diff of it send nothing', async () => {
    const remote = h.api.stores.tool.create(vapiFunctionTool('get_status'));
    const target = (await h.file('tools/status.tool.json', '')).path;
    assert.equal((await pull(h.ctx('vapi'), { id: remote.id, path: target })).status, 'written');
    const text = await h.read('tools/status.tool.json');
    assert.deepEqual(JSON.parse(text), vapiFunctionTool('get_status'));
    assert.deepEqual(await push(h.ctx('vapi'), { path: target, text }), { status: 'unchanged', id: remote.id });
    assert.equal((await diff(h.ctx('vapi'), { path: target, text })).equal, true);
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('updates a tool with the changed keys and its type, which picks the update DTO', async () => {
    const remote = h.api.stores.tool.create(vapiFunctionTool());
    const target = (await h.file('tools/lookup.tool.json', '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    const edited = JSON.parse(await h.read('tools/lookup.tool.json'));
    edited.server = { url: 'https://example.com/v2/tools' };
    const result = await push(h.ctx('vapi'), await h.file('tools/lookup.tool.json', edited));
    assert.equal(result.status, 'updated');
    assert.ok(result.status === 'updated');
    assert.deepEqual(result.plan.changedKeys, ['server']);
    const patch = h.api.requests.find((request) => request.method === 'PATCH');
    assert.equal(patch?.path, `/tool/${remote.id}`);
    assert.deepEqual(patch?.body, { server: { url: 'https://example.com/v2/tools' }, type: 'function' });
    assert.deepEqual(h.api.stores.tool.items.get(remote.id)!.fields.server, { url: 'https://example.com/v2/tools' });
  });

  it('the local API refuses a tool PATCH that does not name its type, as the union update body requires', async () => {
    const remote = h.api.stores.tool.create(vapiFunctionTool());
    const response = await fetch(`${h.api.vapiUrl}/tool/${remote.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${h.ctx('vapi').apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ async: true }),
    });
    assert.equal(response.status, 400);
    assert.deepEqual(((await response.json()) as { message: unknown }).message, ['type must be one of the tool types']);
  });

  it('lists every tool, squad and structured output (structured outputs come wrapped in {results})', async () => {
    for (let i = 0; i < 3; i++) h.api.stores.tool.create(vapiFunctionTool(`tool_${i}`));
    const assistant = h.api.stores.vapi.create(vapiAssistant());
    h.api.stores.squad.create({ name: 'Support', members: [{ assistantId: assistant.id }] });
    h.api.stores['structured-output'].create({ name: 'outcome', schema: { type: 'string' } });
    assert.equal((await list(h.ctx('vapi'), 'tool')).length, 3);
    assert.deepEqual((await list(h.ctx('vapi'), 'squad')).map((squad) => squad.name), ['Support']);
    assert.deepEqual((await list(h.ctx('vapi'), 'structured-output')).map((output) => output.name), ['outcome']);
    const listed = h.api.requests.find((request) => request.path === '/structured-output');
    assert.ok(listed, 'the structured outputs were listed from their own collection');
  });

  it('an assistant naming a tool that does not exist is refused, the message placed on that id', async () => {
    const missing = '5b1d3c0e-0000-4000-8000-000000000000';
    const file = await h.file('assistants/desk.assistant.json', { ...vapiAssistant(), model: { provider: 'openai', model: 'gpt-4o', toolIds: [missing] } });
    const result = await push(h.ctx('vapi'), file);
    assert.equal(result.status, 'invalid');
    assert.ok(result.status === 'invalid');
    const [diagnostic] = result.diagnostics;
    assert.match(String(diagnostic.message), new RegExp(`model\\.toolIds\\.0 Tool ${missing} not found`));
    const line = file.text.split('\n')[diagnostic.range.start.line];
    assert.ok(line.includes(missing), `placed on: ${line}`);
    assert.equal(h.api.stores.vapi.items.size, 0);

    const tool = h.api.stores.tool.create(vapiFunctionTool());
    const linked = await h.file('assistants/desk.assistant.json', { ...vapiAssistant(), model: { provider: 'openai', model: 'gpt-4o', toolIds: [tool.id] } });
    assert.equal((await push(h.ctx('vapi'), linked)).status, 'created');
  });

  it('a squad naming a missing assistant, and a structured output naming one, are refused; real ids are accepted', async () => {
    const missing = '9e0f6a2b-0000-4000-8000-000000000000';
    const squad = await h.file('squads/support.squad.json', { name: 'Support', members: [{ assistantId: missing }] });
    const refused = await push(h.ctx('vapi'), squad);
    assert.ok(refused.status === 'invalid', refused.status);
    assert.match(String(refused.diagnostics[0].message), /members\.0\.assistantId Assistant .* not found/);
    const output = await h.file('structured-outputs/outcome.structured-output.json', { name: 'outcome', schema: { type: 'string' }, assistantIds: [missing] });
    const refusedOutput = await push(h.ctx('vapi'), output);
    assert.ok(refusedOutput.status === 'invalid', refusedOutput.status);
    assert.match(String(refusedOutput.diagnostics[0].message), /assistantIds\.0 Assistant .* not found/);

    const assistant = h.api.stores.vapi.create(vapiAssistant());
    const created = await push(h.ctx('vapi'), await h.file('squads/support.squad.json', { name: 'Support', members: [{ assistantId: assistant.id }] }));
    assert.equal(created.status, 'created');
    const createdOutput = await push(h.ctx('vapi'), await h.file('structured-outputs/outcome.structured-output.json', { name: 'outcome', schema: { type: 'string' }, assistantIds: [assistant.id] }));
    assert.equal(createdOutput.status, 'created');
    assert.equal(h.api.stores.squad.items.size, 1);
    assert.equal(h.api.stores['structured-output'].items.size, 1);
  });

  it('a tool file is validated before anything is sent', async () => {
    const file = await h.file('tools/bad.tool.json', { type: 'apiRequest', method: 'PUTT', url: 'https://example.com' });
    const result = await push(h.ctx('vapi'), file);
    assert.ok(result.status === 'invalid', result.status);
    assert.match(String(result.diagnostics[0].message), /Value "PUTT" is not allowed for "method" \(apiRequest tool\)/);
    assert.deepEqual(h.api.requests, []);
  });
});
