import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompletionRequest, type CompletionItem } from 'vscode-languageserver-protocol';
import { cursor, LspClient } from '../helpers/lspClient';
import { manyToolsAssistant, openApiSchema, providersOf, seedBodies, variantFor } from './fixtures';

/** Labels as the user reads them (value labels come quoted). */
const labels = (items: CompletionItem[]) => items.map((i) => i.label.replace(/^"(.*)"$/, '$1'));
const firstBySortOrder = (items: CompletionItem[]) =>
  [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label))[0];

describe('completion', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  for (const union of ['voice', 'model', 'transcriber']) {
    test(`"provider": "|" inside ${union} offers every ${union} provider of the current API`, async () => {
      const items = await client.completion(`{"${union}": {"provider": "|"}}`);
      const expected = providersOf(union);
      assert.ok(expected.length >= 10, `the snapshot lists ${expected.length} ${union} providers`);
      assert.deepEqual(new Set(labels(items)), new Set(expected));
    });
  }

  for (const schemaReference of ['../schemas/vapi-assistant.schema.json', 'https://example.com/schemas/vapi-assistant.schema.json']) {
    test(`a file naming its schema ("$schema": "${schemaReference}") completes from the bundled schema`, async () => {
      const items = await client.completion(`{"$schema": "${schemaReference}", "voice": {"provider": "|"}}`);
      assert.deepEqual(new Set(labels(items)), new Set(providersOf('voice')));
    });
  }

  test('an empty voice object offers provider first, and nothing provider-specific yet', async () => {
    const items = await client.completion('{"voice": {|}}');
    assert.equal(firstBySortOrder(items).label, 'provider');
    assert.ok(!labels(items).includes('speed'), `offered ${labels(items)}`);
  });

  test('once the voice provider is azure, exactly the Azure voice keys are offered', async () => {
    const items = await client.completion('{"voice": {"provider": "azure", |}}');
    const azureKeys = Object.keys(variantFor('voice', 'azure').properties!).filter((k) => k !== 'provider');
    assert.deepEqual(new Set(labels(items)), new Set(azureKeys));
    const elevenLabsOnly = Object.keys(variantFor('voice', '11labs').properties!).filter((k) => !azureKeys.includes(k) && k !== 'provider');
    assert.ok(elevenLabsOnly.length > 0);
    for (const key of elevenLabsOnly) assert.ok(!labels(items).includes(key), `${key} belongs to 11labs`);
  });

  test('a key is inserted with a snippet for its value, the cursor left in the value', async () => {
    const items = await client.completion('{"voice": {"provider": "azure", |}}');
    // A number gets a placeholder number; a string gets quotes with the cursor (or a default) inside.
    assert.match(items.find((i) => i.label === 'speed')?.insertText ?? '', /^"speed": \$\{1:[\d.]+\}$/);
    const topLevel = await client.completion('{|}');
    assert.match(topLevel.find((i) => i.label === 'firstMessage')?.insertText ?? '', /^"firstMessage": "(\$1|\$\{1:[^}]*\})"$/);
    assert.equal(topLevel.find((i) => i.label === 'voice')?.insertText, '"voice": {$1}');
  });

  test('top-level keys: every current, non-deprecated CreateAssistantDTO field; no server-managed ones', async () => {
    const offered = labels(await client.completion('{|}'));
    const fields = Object.entries(openApiSchema('CreateAssistantDTO').properties!);
    for (const [key, schema] of fields) {
      if (schema.deprecated) assert.ok(!offered.includes(key), `deprecated ${key} is offered`);
      else assert.ok(offered.includes(key), `${key} missing from ${offered}`);
    }
    for (const serverManaged of ['id', 'orgId', 'createdAt', 'updatedAt']) assert.ok(!offered.includes(serverManaged), serverManaged);
  });

  test('the OpenAI model values follow the chosen provider', async () => {
    const items = await client.completion('{"model": {"provider": "openai", "model": "|"}}');
    const expected = variantFor('model', 'openai').properties!.model.enum as string[];
    assert.deepEqual(new Set(labels(items)), new Set(expected));
  });

  test('enum values of a plain field', async () => {
    const items = await client.completion('{"firstMessageMode": "|"}');
    assert.deepEqual(new Set(labels(items)), new Set(openApiSchema('CreateAssistantDTO').properties!.firstMessageMode.enum as string[]));
  });

  test('a tool object offers its type first, then that tool type\'s keys', async () => {
    const empty = await client.completion('{"model": {"provider": "openai", "model": "gpt-4o", "tools": [{|}]}}');
    assert.equal(firstBySortOrder(empty).label, 'type');
    const transfer = await client.completion('{"model": {"provider": "openai", "model": "gpt-4o", "tools": [{"type": "transferCall", |}]}}');
    const transferKeys = Object.keys(openApiSchema('CreateTransferCallToolDTO').properties!).filter((k) => k !== 'type');
    assert.deepEqual(new Set(labels(transfer)), new Set(transferKeys));
  });

  test('a plan key inserts the whole plan, and the result has no problems', async () => {
    const items = await client.completion('{|}');
    const plan = items.find((i) => i.label === 'startSpeakingPlan');
    assert.match(plan?.insertText ?? '', /^"startSpeakingPlan": \{\n\t"/, 'a multi-line object, not an empty one');
    // The text VS Code inserts when the user accepts every placeholder's default.
    const inserted = (plan!.insertText ?? '').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
    const text = `{${inserted}}`;
    assert.ok(Object.keys(JSON.parse(text).startSpeakingPlan).length > 1, text);
    assert.deepEqual((await client.diagnose(text)).diagnostics, []);
  });

  test('an Insighto file completes the Insighto fields of seed 003, not Vapi ones', async () => {
    const seed = seedBodies().find((s) => s.name.includes('003'));
    assert.ok(seed, 'the seed 003 body is in test/fixtures');
    const offered = labels(await client.completion('{|}', 'support.insighto.assistant.json'));
    for (const key of Object.keys(JSON.parse(seed.text))) assert.ok(offered.includes(key), `${key} missing from ${offered}`);
    assert.ok(!offered.includes('firstMessage'));
    const types = labels(await client.completion('{"assistant_type": "|"}', 'support.insighto.assistant.json'));
    // Seed 003 documents the field as "enum<string> | null".
    assert.deepEqual(types, ['simple', 'chat', 'phone', 'nl2sql', 'realtime_openai', 'null']);
  });

  test('model.provider in a file with 520 tools offers every model provider', async () => {
    const { text, position } = cursor(manyToolsAssistant(520).replace('"provider": "openai"', '"provider": "|openai"'));
    assert.ok(text.split('\n').length > 10_000, 'a file of more than 10,000 lines');
    const doc = await client.open(text);
    await client.waitForDiagnostics(doc);
    // Before focused matching this failed with a RangeError after seconds of matching every tool
    // (the bench measures the latency: npm run bench).
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: doc.uri }, position });
    const items = result === null ? [] : Array.isArray(result) ? result : result.items;
    assert.deepEqual(new Set(labels(items)), new Set(providersOf('model')));
  });

  test('an empty tools array offers whole tools to insert', async () => {
    const items = await client.completion('{"model": {"provider": "openai", "model": "gpt-4o", "tools": [|]}}');
    const functionTool = items.find((i) => /"type": "function"/.test(i.insertText ?? ''));
    assert.ok(functionTool, `offered ${items.map((i) => `${i.label}: ${i.insertText}`).join('\n')}`);
  });
});
