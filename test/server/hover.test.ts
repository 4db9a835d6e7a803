import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HoverRequest } from 'vscode-languageserver-protocol';
import { LspClient, cursor, rangeOf, textAt } from '../helpers/lspClient';
import { manyToolsAssistant, openApiSchema, providersOf, variantFor } from './fixtures';

describe('hover', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  test('a provider-specific number shows its description, type and range', async () => {
    const text = await client.hoverText('{"voice": {"provider": "azure", "voiceId": "andrew", "sp|eed": 1}}');
    const speed = variantFor('voice', 'azure').properties!.speed;
    assert.ok(text.includes(speed.description!), text);
    assert.ok(text.includes('Type: `number`'), text);
    assert.ok(text.includes(`Range: ≥ ${speed.minimum} and ≤ ${speed.maximum}`), text);
  });

  test('in a file with 520 tools, a tool message type shows its allowed values', async () => {
    // Tool 300 is a function tool; its first message's type. Matching used to validate every tool for this.
    const text = manyToolsAssistant(520, (tools) => (tools[300].messages[0].type = 'request-start-300'));
    const hovered = await client.hoverText(text.replace('"request-start-300"', '"request-st|art"'));
    assert.ok(hovered.includes('`request-start`'), hovered);
    assert.ok(hovered.includes('`request-failed`'), hovered);
  });

  test('after typing into the prompt, hovers further down cover the moved keys', async () => {
    // The server reuses the last parse, shifted, when an edit stays inside one string.
    const text = JSON.stringify({ model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: 'Be brief.' }] }, voice: { provider: 'azure', voiceId: 'andrew', speed: 1 } }, null, 2);
    const doc = await client.open(text);
    await client.waitForDiagnostics(doc);
    const hoverAt = async (needle: string) =>
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position: rangeOf(doc.text, needle).start });
    assert.ok(await hoverAt('"speed"'));
    for (const typed of [' Always', ' confirm\\n the "time"'.replace(/"/g, '\\"')]) {
      await client.edit(doc, doc.text.indexOf('Be brief') + 8, 0, typed);
      await client.waitForDiagnostics(doc);
      const hover = await hoverAt('"speed"');
      assert.deepEqual(hover?.range, rangeOf(doc.text, '"speed"'), doc.text);
      assert.match(JSON.stringify(hover?.contents), /Range: ≥ 0.5 and ≤ 2/);
    }
    const prompt = await hoverAt('Be brief');
    assert.ok(prompt?.range, 'the prompt has a hover');
    assert.equal(textAt(doc.text, prompt.range), JSON.stringify(JSON.parse(doc.text).model.messages[0].content), 'it covers the whole edited string');
  });

  test('the hover covers the hovered key', async () => {
    const textWithCursor = '{"voice": {"provider": "azure", "voiceId": "andrew", "sp|eed": 1}}';
    const hover = await client.hover(textWithCursor);
    assert.deepEqual(hover?.range, rangeOf(cursor(textWithCursor).text, '"speed"'));
  });

  test('a string with a maximum length says so', async () => {
    const text = await client.hoverText('{"na|me": "Support"}');
    assert.ok(text.includes(openApiSchema('CreateAssistantDTO').properties!.name.description!.split('\n')[0]), text);
    assert.ok(text.includes('Length: at most 40 characters'), text);
  });

  test('a provider value lists the allowed providers', async () => {
    const text = await client.hoverText('{"voice": {"provider": "az|ure"}}');
    assert.ok(text.includes('Allowed values: '), text);
    for (const provider of providersOf('voice')) assert.ok(text.includes(`\`${provider}\``), `${provider} missing: ${text}`);
  });

  test('a boolean with a default shows the default', async () => {
    const text = await client.hoverText('{"voice": {"provider": "azure", "caching|Enabled": false}}');
    assert.ok(text.includes('Type: `boolean`'), text);
    assert.ok(text.includes('Default: `true`'), text);
  });

  test('a seed-era field says when it left the API and where it went, once', async () => {
    const text = await client.hoverText('{"hipaa|Enabled": true}');
    const sentence = 'left the published Vapi API after 2024-11-21';
    assert.equal(text.split(sentence).length - 1, 1, text);
    assert.ok(text.includes('compliancePlan.hipaaEnabled'), text);
  });

  test('a server-managed field says it is never pushed', async () => {
    const text = await client.hoverText('{"org|Id": "6f1c"}');
    assert.ok(text.includes('Server-managed: kept in the file, never sent on push.'), text);
  });

  test('a patterned string shows its pattern', async () => {
    const text = await client.hoverText('{"model": {"provider": "openai", "model": "gpt-4o", "tools": [{"type": "function", "function": {"na|me": "x"}}]}}');
    // The snapshot writes the pattern as a regex literal, /.../.
    const pattern = openApiSchema('OpenAIFunction').properties!.name.pattern!.replace(/^\/(.*)\/$/, '$1');
    assert.ok(text.includes(`Pattern: \`${pattern}\``), text);
  });

  test('nothing is shown between properties', async () => {
    assert.equal(await client.hoverText('{"name": "Support",   |  "firstMessage": "Hi"}'), '');
  });
});
