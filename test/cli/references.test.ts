// The CLI with file references and prompt files against the local API: push --dry-run lists every create in
// order, push creates them, pull writes references and prompt files, --with-deps on both sides.
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { harness, vapiAssistant, vapiFunctionTool, type Harness } from '../sync/helpers';
import { cliRunner } from './runner';

describe('assistant-config CLI: references and prompt files', () => {
  let h: Harness;
  let home: string;
  const run = cliRunner(() => h.root, () => home);
  const vapi = () => ['--base-url', h.api.vapiUrl];

  before(async () => {
    h = await harness();
    home = path.join(h.root, 'home');
    await mkdir(home, { recursive: true });
  });
  after(() => h.close());

  it('push --dry-run lists the squad, its assistants and their tools in order; push creates them; --with-deps sends a changed tool', async () => {
    await h.file('tools/lookup.tool.json', vapiFunctionTool('lookup_order'));
    await h.file('tools/refund.tool.json', vapiFunctionTool('refund'));
    await h.file('assistants/prompts/desk.md', '# Desk\n\nBe brief with {{ customer.name }}.\n');
    await h.file('assistants/desk.assistant.json', { ...vapiAssistant('Desk'), model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: './prompts/desk.md' }], toolIds: ['../tools/lookup.tool.json'] } });
    await h.file('assistants/billing.assistant.json', { ...vapiAssistant('Billing'), model: { provider: 'openai', model: 'gpt-4o', toolIds: ['../tools/refund.tool.json'] } });
    await h.file('squads/support.squad.json', { name: 'Support', members: [{ assistantId: '../assistants/desk.assistant.json' }, { assistantId: '../assistants/billing.assistant.json' }] });

    const dry = await run(['push', 'squads/support.squad.json', '--dry-run', ...vapi()]);
    assert.equal(dry.code, 0, dry.stderr);
    const steps = dry.stdout.split('\n').filter((line) => /^\s+\d+\. /.test(line)).map((line) => line.trim().replace(/\s+/g, ' '));
    assert.deepEqual(steps, [
      '1. create tool tools/lookup.tool.json',
      '2. create assistant assistants/desk.assistant.json',
      '3. create tool tools/refund.tool.json',
      '4. create assistant assistants/billing.assistant.json',
      '5. create squad squads/support.squad.json',
    ]);
    assert.deepEqual(h.api.mutatingRequests(), []);

    const pushed = await run(['push', 'squads/support.squad.json', ...vapi()]);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.deepEqual(
      pushed.stdout.split('\n').filter(Boolean).map((line) => line.replace(/[0-9a-f-]{36}/g, 'ID')),
      [
        'Created tool ID for tools/lookup.tool.json.',
        'Created assistant ID for assistants/desk.assistant.json.',
        'Created tool ID for tools/refund.tool.json.',
        'Created assistant ID for assistants/billing.assistant.json.',
        "Created squad ID in environment 'default'; squads/support.squad.json is linked to it.",
      ],
    );
    const desk = [...h.api.stores.vapi.items.values()].find((item) => item.fields.name === 'Desk')!;
    assert.equal((desk.fields.model as { messages: { content: string }[] }).messages[0].content, '# Desk\n\nBe brief with {{ customer.name }}.');

    // A local edit of a tool: pushing the assistant leaves it (and says so) unless --with-deps.
    await h.file('tools/lookup.tool.json', { ...vapiFunctionTool('lookup_order'), async: true });
    h.api.requests.length = 0;
    const plain = await run(['push', 'assistants/desk.assistant.json', ...vapi()]);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stderr, /Not pushed: tools\/lookup\.tool\.json \(changed locally; files it refers to are pushed only when asked \(--with-deps\)\)\./);
    assert.deepEqual(h.api.mutatingRequests(), []);
    const withDeps = await run(['push', 'assistants/desk.assistant.json', '--with-deps', ...vapi()]);
    assert.equal(withDeps.code, 0, withDeps.stderr);
    assert.match(withDeps.stdout, /^Updated tool \S+ from tools\/lookup\.tool\.json: async\.$/m);
    assert.deepEqual(h.api.mutatingRequests().map((request) => request.method), ['PATCH']);
  });

  it('pull writes references to linked files and a long prompt to prompts/; --with-deps pulls what no file holds', async () => {
    const tool = h.api.stores.tool.create(vapiFunctionTool('check_stock'));
    const prompt = Array.from({ length: 40 }, (_, i) => `Rule ${i + 1}: help {{ customer.name }}.`).join('\n');
    const assistant = h.api.stores.vapi.create({ ...vapiAssistant('Stock Desk'), model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: prompt }], toolIds: [tool.id] } });

    const first = await run(['pull', assistant.id, '-o', 'pulled/stock-desk.assistant.json', ...vapi()]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Wrote the prompt pulled\/prompts\/stock-desk\.md\.$/m);
    assert.match(first.stderr, new RegExp(`Refers to 1 resource\\(s\\) no workspace file holds: model\\.toolIds\\.0 \\(tool ${tool.id}\\)\\. Pull them too with --with-deps\\.`));
    const withDeps = await run(['pull', assistant.id, '-o', 'pulled/stock-desk.assistant.json', '--with-deps', ...vapi()]);
    assert.equal(withDeps.code, 0, withDeps.stderr);
    assert.match(withDeps.stdout, new RegExp(`^Wrote pulled/tools/check-stock\\.tool\\.json from ${tool.id}\\.$`, 'm'));
    const written = JSON.parse(await readFile(path.join(h.root, 'pulled/stock-desk.assistant.json'), 'utf8'));
    assert.deepEqual(written.model.toolIds, ['./tools/check-stock.tool.json']);
    assert.equal(written.model.messages[0].content, './prompts/stock-desk.md');
    assert.equal(await readFile(path.join(h.root, 'pulled/prompts/stock-desk.md'), 'utf8'), `${prompt}\n`);

    h.api.requests.length = 0;
    for (const file of ['pulled/stock-desk.assistant.json', 'pulled/tools/check-stock.tool.json']) {
      const pushed = await run(['push', file, ...vapi()]);
      assert.equal(pushed.code, 0, pushed.stderr);
      assert.match(pushed.stdout, /^Nothing to push/);
    }
    assert.deepEqual(h.api.mutatingRequests(), []);
    const inline = await run(['pull', assistant.id, '-o', 'inline/desk.assistant.json', '--prompt-file-lines', '100', ...vapi()]);
    assert.equal(inline.code, 0, inline.stderr);
    assert.equal(JSON.parse(await readFile(path.join(h.root, 'inline/desk.assistant.json'), 'utf8')).model.messages[0].content, prompt);
  });
});
