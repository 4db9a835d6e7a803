// Snippets come from the language server, only where they fit: a whole assistant in a new (empty) file, a
// tool inside `model.tools`; never inside `voice`, beside existing keys or in an object's braces. Each one
// inserts a file the server finds no problem in. The manifest contributes no static snippets file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-protocol';
import { applyEdits, cursor, LspClient, messageOf, projectRoot, textAt } from '../helpers/lspClient';
import { acceptSnippet } from '../helpers/snippets';

const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));
const wholeFile = ['vapi-assistant', 'insighto-assistant'];
/** Labels of what is offered besides keys: values and snippets. */
const snippetLabels = (items: CompletionItem[]) => items.filter((item) => item.kind !== CompletionItemKind.Property).map((item) => item.label);

describe('snippets', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  /** The document after accepting `label` at `|` with every placeholder as it is. */
  async function insert(textWithCursor: string, fileName: string, label: string): Promise<string> {
    const items = await client.completion(textWithCursor, fileName);
    const item = items.find((candidate) => candidate.label === label);
    assert.ok(item, `${label} not offered in ${fileName} at ${textWithCursor}: ${items.map((i) => i.label).join(', ')}`);
    const { text, position } = cursor(textWithCursor);
    const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : { range: { start: position, end: position }, newText: item.insertText ?? item.label };
    return applyEdits(text, [{ range: edit.range, newText: acceptSnippet(edit.newText) }]);
  }

  async function problems(text: string, fileName: string): Promise<string[]> {
    const { diagnostics } = await client.diagnose(text, fileName);
    return diagnostics.map((d) => `${textAt(text, d.range)}: ${messageOf(d)}`);
  }

  for (const [label, fileName] of [
    ['vapi-assistant', 'new.assistant.json'],
    ['insighto-assistant', 'new.insighto.assistant.json'],
  ] as const) {
    test(`a new, empty ${fileName} offers ${label}, which writes a whole file without problems`, async () => {
      const items = await client.completion('|', fileName);
      assert.deepEqual(snippetLabels(items).filter((l) => wholeFile.includes(l)), [label], 'only its own vendor\'s');
      const item = items.find((candidate) => candidate.label === label)!;
      assert.equal(item.filterText, label, 'found by typing its name');
      const text = await insert('|', fileName, label);
      assert.ok(Object.keys(JSON.parse(text)).length >= 5, text);
      assert.deepEqual(await problems(text, fileName), []);
    });
  }

  test('a tool inside model.tools: one snippet per tool type, each a valid tool', async () => {
    const context = '{"model": {"provider": "openai", "model": "gpt-4o", "tools": [|]}}';
    const labels = snippetLabels(await client.completion(context, 'tools.assistant.json'));
    for (const tool of ['function tool', 'transferCall tool', 'endCall tool', 'apiRequest tool']) assert.ok(labels.includes(tool), `${tool} missing from ${labels}`);
    assert.ok(!labels.some((l) => wholeFile.includes(l)), 'no whole-file snippet inside tools');
    for (const tool of ['function tool', 'transferCall tool']) {
      const text = await insert(context, 'tools.assistant.json', tool);
      assert.deepEqual(await problems(text, 'tools.assistant.json'), [], tool);
    }
  });

  for (const [where, context] of [
    ['inside voice', '{"voice": {|}}'],
    ['beside existing keys', '{"name": "Desk", |}'],
    ['as a value of a key', '{"firstMessage": |}'],
    ['inside the top-level braces', '{|}'],
  ] as const) {
    test(`no whole-file or tool snippet ${where}`, async () => {
      const labels = snippetLabels(await client.completion(context, 'x.assistant.json')).filter((l) => wholeFile.includes(l) || l.endsWith(' tool'));
      assert.deepEqual(labels, []);
    });
  }

  test('the manifest contributes no static snippets (they would be offered everywhere), and the JSON grammar for assistant-json files', () => {
    const { snippets: snippetContributions, grammars, languages } = manifest.contributes;
    assert.equal(snippetContributions, undefined);
    const grammar = JSON.parse(readFileSync(path.join(projectRoot, grammars[0].path), 'utf8'));
    assert.equal(grammar.scopeName, grammars[0].scopeName);
    assert.deepEqual(grammar.patterns, [{ include: 'source.json' }]);
    const language = languages.find((l: { id: string }) => l.id === 'assistant-json');
    const configuration = JSON.parse(readFileSync(path.join(projectRoot, language.configuration), 'utf8'));
    assert.deepEqual(configuration.brackets, [['{', '}'], ['[', ']']]);
  });
});
