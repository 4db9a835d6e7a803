// Tool, squad and structured-output files get what assistant files get: completion of their keys (a tool's
// type first, then that type's keys), errors on the exact range of a mistake with quick fixes, hover,
// server-managed and legacy marks, whole-file snippets that are valid as inserted. Facts come from the
// OpenAPI snapshot, not from the generated schemas the server uses.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CompletionItem, Diagnostic } from 'vscode-languageserver-protocol';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-protocol';
import { SchemaInfoRequest, type SchemaInfo } from '../../shared/src/protocol';
import { applyEdits, LspClient, messageOf, textAt } from '../helpers/lspClient';
import { openApiSchema, toolVariant, toolVariants } from './fixtures';

const labels = (items: CompletionItem[]) => items.map((i) => i.label.replace(/^"(.*)"$/, '$1'));
/** The item VS Code lists first: it orders by sortText (else label), lower-cased, by code point. */
const firstBySortOrder = (items: CompletionItem[]) => {
  const key = (item: CompletionItem) => (item.sortText ?? item.label).toLowerCase();
  return [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))[0];
};
const described = (text: string, diagnostics: Diagnostic[]) => diagnostics.map((d) => `${textAt(text, d.range)}: ${messageOf(d)}`);

describe('tool, squad and structured-output files', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  /** The diagnostic on exactly `needle` (its first occurrence), with its quick fixes. */
  async function problemAt(text: string, fileName: string, needle: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[]; uri: string }> {
    const { doc, diagnostics } = await client.diagnose(text, fileName);
    const diagnostic = diagnostics.find((d) => textAt(text, d.range) === needle);
    assert.ok(diagnostic, `no diagnostic on exactly ${needle}: ${JSON.stringify(described(text, diagnostics))}`);
    return { diagnostic, actions: await client.codeActions(doc, [diagnostic]), uri: doc.uri };
  }

  test('an empty tool object offers the tool type first, and no type\'s keys yet', async () => {
    const items = await client.completion('{|}', 'lookup.tool.json');
    assert.equal(firstBySortOrder(items).label, 'type');
    assert.ok(!labels(items).includes('function') && !labels(items).includes('url'), `offered ${labels(items)}`);
  });

  test('"type": "|" offers every tool type POST /tool accepts', async () => {
    const items = await client.completion('{"type": "|"}', 'lookup.tool.json');
    const types = toolVariants().flatMap((variant) => (variant.properties?.type?.enum ?? []) as string[]);
    assert.equal(types.length, 23);
    assert.deepEqual(new Set(labels(items)), new Set(types));
  });

  for (const type of ['function', 'transferCall', 'apiRequest']) {
    test(`a ${type} tool file is offered exactly the ${type} tool's keys`, async () => {
      const items = await client.completion(`{"type": "${type}", |}`, `my.tool.json`);
      const keys = Object.keys(toolVariant(type).properties!).filter((key) => key !== 'type');
      assert.deepEqual(new Set(labels(items)), new Set([...keys, '$schema']));
      for (const serverManaged of ['id', 'orgId', 'createdAt', 'updatedAt']) assert.ok(!labels(items).includes(serverManaged), serverManaged);
    });
  }

  test('function tool: a misspelt key is an error on that key, renamed by its quick fix', async () => {
    const text = '{\n  "type": "function",\n  "functon": { "name": "lookup_order" }\n}';
    const { diagnostic, actions, uri } = await problemAt(text, 'lookup.tool.json', '"functon"');
    assert.equal(diagnostic.severity, DiagnosticSeverity.Error);
    assert.match(messageOf(diagnostic), /\(function tool\).*Did you mean "function"\?/);
    const rename = actions.find((action) => action.title === 'Rename to "function"');
    assert.ok(rename, actions.map((a) => a.title).join(', '));
    const fixed = applyEdits(text, rename.edit!.changes![uri]);
    assert.deepEqual((await client.diagnose(fixed, 'lookup.tool.json')).diagnostics, []);
  });

  test('apiRequest tool: a wrong method is an error on that value, with the allowed methods and a fix', async () => {
    const text = '{"type": "apiRequest", "method": "PUTT", "url": "https://example.com/orders"}';
    const { diagnostic, actions } = await problemAt(text, 'orders.tool.json', '"PUTT"');
    const methods = toolVariant('apiRequest').properties!.method.enum as string[];
    for (const method of methods) assert.ok(messageOf(diagnostic).includes(`"${method}"`), messageOf(diagnostic));
    assert.ok(actions.some((action) => action.title === 'Change to "PUT"'), actions.map((a) => a.title).join(', '));
  });

  test('transferCall tool: a mistake inside a destination is reported on it, in the destination\'s words', async () => {
    const text = '{"type": "transferCall", "destinations": [{"type": "number", "numbr": "+14155550123"}]}';
    const { diagnostic } = await problemAt(text, 'transfer.tool.json', '"numbr"');
    assert.match(messageOf(diagnostic), /number destination.*Did you mean "number"\?/);
  });

  test('server-managed keys of a pulled tool are marked, not errors; a removed tool type is a warning', async () => {
    const text = '{"type": "endCall", "id": "3f6d…", "createdAt": "2026-01-01T00:00:00Z"}';
    const { diagnostics } = await client.diagnose(text, 'hangup.tool.json');
    assert.deepEqual(
      diagnostics.map((d) => [textAt(text, d.range), d.severity, d.tags]),
      [
        ['"id"', DiagnosticSeverity.Information, [DiagnosticTag.Unnecessary]],
        ['"createdAt"', DiagnosticSeverity.Information, [DiagnosticTag.Unnecessary]],
      ],
    );
    const legacy = '{"type": "ghl"}';
    const { diagnostics: old } = await client.diagnose(legacy, 'old.tool.json');
    assert.deepEqual(described(legacy, old), ['"ghl": Value "ghl" of "type" (tool) left the published Vapi API after 2025-07-02 (absent from the 2025-08-22 snapshot on).']);
    assert.equal(old[0].severity, DiagnosticSeverity.Warning);
  });

  test('hover on a tool key shows its description from the API', async () => {
    const hover = await client.hoverText('{"type": "function", "asy|nc": true}', 'lookup.tool.json');
    const description = String(toolVariant('function').properties!.async.description);
    assert.ok(hover.includes(description.split('\n')[0]), hover);
    assert.match(hover, /Type: `boolean`/);
  });

  test('an empty tool file offers a whole tool of each type; the common ones insert valid files', async () => {
    const items = await client.completion('|', 'new.tool.json');
    const byLabel = new Map(items.map((item) => [item.label, item]));
    assert.equal(items.length, toolVariants().length);
    for (const type of ['function', 'transferCall', 'apiRequest', 'endCall']) {
      const snippet = byLabel.get(`${type} tool`);
      assert.ok(snippet?.insertText, `no ${type} tool snippet among ${[...byLabel.keys()]}`);
      const inserted = snippet.insertText;
      assert.equal(JSON.parse(inserted).type, type);
      assert.deepEqual(described(inserted, (await client.diagnose(inserted, `new-${type}.tool.json`)).diagnostics), []);
    }
  });

  test('a squad file: its keys, a member\'s keys, an error on a member\'s unknown key, and a valid snippet', async () => {
    assert.deepEqual(new Set(labels(await client.completion('{|}', 'support.squad.json'))), new Set([...Object.keys(openApiSchema('CreateSquadDTO').properties!), '$schema']));
    assert.deepEqual(
      new Set(labels(await client.completion('{"members": [{|}]}', 'support.squad.json'))),
      new Set(Object.keys(openApiSchema('SquadMemberDTO').properties!)),
    );
    const text = '{"name": "Support", "members": [{"assistantId": "../assistants/desk.assistant.json", "assistantOverides": {}}]}';
    const { diagnostic } = await problemAt(text, 'support.squad.json', '"assistantOverides"');
    assert.match(messageOf(diagnostic), /Did you mean "assistantOverrides"\?/);
    const [snippet] = await client.completion('|', 'new.squad.json');
    assert.ok(snippet?.insertText, 'no squad snippet');
    // Valid, but its members name assistant files this workspace does not have yet: those, and nothing else, are told.
    assert.deepEqual(described(snippet.insertText, (await client.diagnose(snippet.insertText, 'new.squad.json')).diagnostics), [
      '"../assistants/front-desk.assistant.json": There is no assistant file ../assistants/front-desk.assistant.json.',
      '"../assistants/billing.assistant.json": There is no assistant file ../assistants/billing.assistant.json.',
    ]);
  });

  test('a legacy field in a squad member\'s inline assistant moves within that assistant', async () => {
    const text = '{"members": [{"assistant": {"name": "Desk", "serverUrl": "https://example.com/hook"}}]}';
    const { actions, uri } = await problemAt(text, 'legacy.squad.json', '"serverUrl"');
    const move = actions.find((action) => action.title === 'Move "serverUrl" to "server.url"');
    assert.ok(move, actions.map((a) => a.title).join(', '));
    assert.deepEqual(JSON.parse(applyEdits(text, move.edit!.changes![uri])), { members: [{ assistant: { name: 'Desk', server: { url: 'https://example.com/hook' } } }] });
  });

  test('a structured-output file: its keys, a too-long name on its exact range, and valid snippets', async () => {
    assert.deepEqual(
      new Set(labels(await client.completion('{|}', 'outcome.structured-output.json'))),
      new Set([...Object.keys(openApiSchema('CreateStructuredOutputDTO').properties!), '$schema']),
    );
    const name = 'x'.repeat(41);
    const text = `{"name": "${name}", "schema": {"type": "string"}}`;
    const { diagnostic } = await problemAt(text, 'outcome.structured-output.json', `"${name}"`);
    assert.equal(messageOf(diagnostic), '"name" is 41 characters long; the maximum is 40.');
    const snippets = await client.completion('|', 'new.structured-output.json');
    assert.ok(snippets.length >= 2, `${snippets.length} snippets`);
    for (const snippet of snippets) {
      assert.deepEqual(described(snippet.insertText!, (await client.diagnose(snippet.insertText!, 'new.structured-output.json')).diagnostics), [], snippet.label);
    }
  });

  test('schemaInfo names the kind of a tool, squad and structured-output file', async () => {
    for (const [fileName, kind, noun] of [
      ['a.tool.json', 'vapi-tool', 'tool'],
      ['a.squad.json', 'vapi-squad', 'squad'],
      ['a.structured-output.json', 'vapi-structured-output', 'structured output'],
    ]) {
      const doc = await client.open('{}', fileName);
      const info = await client.request<SchemaInfo | null>(SchemaInfoRequest.method, { uri: doc.uri });
      assert.deepEqual(info, { kind, vendor: 'Vapi', noun, sourceDate: '2026-08-18', sourceDocument: 'openapi-2026-08-18.json', origin: 'bundled' });
    }
  });
});
