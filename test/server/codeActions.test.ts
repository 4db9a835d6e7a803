// Quick fixes: what the user picks from the light bulb and what the file becomes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CodeActionKind, CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, applyEdits, messageOf, textAt } from '../helpers/lspClient';

describe('quick fixes', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  /** Opens the text, finds the diagnostic on `needle`, and returns its quick fixes. */
  async function fixesFor(text: string, needle: string) {
    const { doc, diagnostics } = await client.diagnose(text);
    const diagnostic = diagnostics.find((d) => textAt(text, d.range).includes(needle));
    assert.ok(diagnostic, `no diagnostic on ${needle}: ${JSON.stringify(diagnostics)}`);
    return { doc, diagnostic, actions: await client.codeActions(doc, [diagnostic]) };
  }
  const apply = (text: string, uri: string, action: CodeAction) => applyEdits(text, action.edit!.changes![uri]);

  test('a misspelt key: did-you-mean, preferred, renames the key in place', async () => {
    const text = '{\n  "name": "Support",\n  "firstMesage": "Hello"\n}';
    const { doc, diagnostic, actions } = await fixesFor(text, 'firstMesage');
    const rename = actions.find((a) => a.title.includes('firstMessage'));
    assert.ok(rename, actions.map((a) => a.title).join(', '));
    assert.equal(rename.kind, CodeActionKind.QuickFix);
    assert.equal(rename.isPreferred, true);
    assert.deepEqual(rename.diagnostics, [diagnostic]);
    assert.equal(apply(text, doc.uri, rename), '{\n  "name": "Support",\n  "firstMessage": "Hello"\n}');
  });

  test('an unknown key can be removed, leaving valid JSON', async () => {
    const text = '{\n  "name": "Support",\n  "colour": "blue",\n  "firstMessage": "Hi"\n}';
    const { doc, actions } = await fixesFor(text, 'colour');
    const remove = actions.find((a) => /remove/i.test(a.title));
    assert.ok(remove, actions.map((a) => a.title).join(', '));
    const fixed = apply(text, doc.uri, remove);
    assert.deepEqual(JSON.parse(fixed), { name: 'Support', firstMessage: 'Hi' });
    assert.deepEqual((await client.diagnose(fixed)).diagnostics, [], 'the fixed file has no problems');
  });

  test('a misspelt enum value: did-you-mean replaces the value', async () => {
    const text = '{"firstMessageMode": "assistant-waits-for-usr"}';
    const { doc, actions } = await fixesFor(text, 'assistant-waits-for-usr');
    const replace = actions.find((a) => a.title.includes('assistant-waits-for-user'));
    assert.ok(replace, actions.map((a) => a.title).join(', '));
    assert.equal(apply(text, doc.uri, replace), '{"firstMessageMode": "assistant-waits-for-user"}');
  });

  test('a seed-era field moves to its current place', async () => {
    const text = '{\n  "name": "Support",\n  "hipaaEnabled": true\n}';
    const { doc, diagnostic, actions } = await fixesFor(text, 'hipaaEnabled');
    assert.match(messageOf(diagnostic), /compliancePlan\.hipaaEnabled/);
    const move = actions.find((a) => a.title.includes('compliancePlan'));
    assert.ok(move, actions.map((a) => a.title).join(', '));
    const fixed = apply(text, doc.uri, move);
    assert.deepEqual(JSON.parse(fixed), { name: 'Support', compliancePlan: { hipaaEnabled: true } });
  });

  test('only quick fixes are offered, and only when asked for', async () => {
    const text = '{"firstMesage": "Hello"}';
    const { doc, diagnostics } = await client.diagnose(text);
    const refactorsOnly = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: diagnostics[0].range,
      context: { diagnostics, only: [CodeActionKind.Refactor] },
    });
    assert.deepEqual(refactorsOnly, []);
  });

  test('diagnostics without fixes give no actions', async () => {
    const text = '{"voice": {"provider": "azure", "voiceId": "andrew", "speed": 9}}';
    const { doc, diagnostics } = await client.diagnose(text);
    const withoutFixes = diagnostics.filter((d: Diagnostic) => !(d.data as { fixes?: unknown[] } | undefined)?.fixes?.length);
    assert.ok(withoutFixes.length > 0);
    assert.deepEqual(await client.codeActions(doc, withoutFixes), []);
  });
});
