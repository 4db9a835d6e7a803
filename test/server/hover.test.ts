import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspClient, cursor, rangeOf } from '../helpers/lspClient';
import { openApiSchema, providersOf, variantFor } from './fixtures';

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
