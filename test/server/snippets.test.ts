// The snippets a user inserts give files the server finds no problem in, and the manifest offers them
// (and the grammar) for the assistant-json language.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspClient, messageOf, projectRoot, textAt } from '../helpers/lspClient';

type Snippet = { prefix: string | string[]; body: string[]; description: string };
const snippetsPath = path.join(projectRoot, 'snippets', 'assistant.code-snippets');
const snippets = JSON.parse(readFileSync(snippetsPath, 'utf8')) as Record<string, Snippet>;
const manifest = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8'));

/** The text VS Code inserts when the user accepts every placeholder's default. */
function expand(body: string[]): string {
  const defaults = new Map<string, string>();
  const text = body
    .join('\n')
    .replace(/\$\{(\d+):([^}]*)\}/g, (_, n: string, value: string) => (defaults.set(n, value), value))
    .replace(/\$\{(\d+)\|([^,|]*)[^}]*\|\}/g, (_, n: string, value: string) => (defaults.set(n, value), value));
  return text.replace(/\$(\d+)/g, (_, n: string) => defaults.get(n) ?? '');
}

const asTool = (tool: string) => `{"model": {"provider": "openai", "model": "gpt-4o", "tools": [${tool}]}}`;

describe('snippets', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  const cases: [name: string, wrap: (text: string) => string, fileName: string][] = [
    ['New Vapi assistant', (t) => t, 'new.assistant.json'],
    ['New Insighto assistant', (t) => t, 'new.insighto.assistant.json'],
    ['Function tool', asTool, 'tools.assistant.json'],
    ['Transfer call tool', asTool, 'tools.assistant.json'],
  ];
  for (const [name, wrap, fileName] of cases) {
    test(`"${name}" inserts a valid ${fileName.includes('insighto') ? 'Insighto' : 'Vapi'} document`, async () => {
      const snippet = snippets[name];
      assert.ok(snippet, `no snippet named ${name}`);
      const text = wrap(expand(snippet.body));
      const { diagnostics } = await client.diagnose(text, fileName);
      assert.deepEqual(diagnostics.map((d) => `${textAt(text, d.range)}: ${messageOf(d)}`), []);
    });
  }

  test('the manifest offers the snippets and the JSON grammar for assistant-json files', () => {
    const { snippets: snippetContributions, grammars, languages } = manifest.contributes;
    assert.deepEqual(snippetContributions, [{ language: 'assistant-json', path: './snippets/assistant.code-snippets' }]);
    const grammar = JSON.parse(readFileSync(path.join(projectRoot, grammars[0].path), 'utf8'));
    assert.equal(grammar.scopeName, grammars[0].scopeName);
    assert.deepEqual(grammar.patterns, [{ include: 'source.json' }]);
    const language = languages.find((l: { id: string }) => l.id === 'assistant-json');
    const configuration = JSON.parse(readFileSync(path.join(projectRoot, language.configuration), 'utf8'));
    assert.deepEqual(configuration.brackets, [['{', '}'], ['[', ']']]);
  });
});
