// Completion, hover and highlighting inside Liquid templates, through LSP: in a JSON template string (where
// escapes make file offsets differ from the template's) and in a Markdown prompt; and what a client needs to
// edit a prompt as Markdown.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompletionRequest, DidOpenTextDocumentNotification, HoverRequest, SemanticTokensRequest, type CompletionItem, type TextEdit } from 'vscode-languageserver-protocol';
import { promptUri, TemplateStringsRequest, type TemplateString } from '../../shared/src/protocol';
import { cursor, LspClient, textAt, type OpenDocument } from '../helpers/lspClient';

/** The cursor is the last `|` of the text (Liquid's filter pipes come before it). */
function lastCursor(textWithCursor: string) {
  const at = textWithCursor.lastIndexOf('|');
  return cursor(`${textWithCursor.slice(0, at)}¦${textWithCursor.slice(at + 1)}`, '¦');
}

/** An assistant whose system prompt is the raw JSON string content `content` (escapes as written), `|` marking the cursor. */
function promptFile(content: string, extra = ''): string {
  return `{\n  "name": "Desk",${extra}\n  "model": {\n    "provider": "openai",\n    "model": "gpt-4o",\n    "messages": [{ "role": "system", "content": "${content}" }]\n  }\n}\n`;
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const edit = (item: CompletionItem) => item.textEdit as TextEdit;

describe('templates: completion, hover, semantic tokens', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ settings: { templateVariables: ['clinic'] } })));
  after(async () => client.stop());

  async function completeAt(textWithCursor: string, fileName?: string, languageId?: string): Promise<{ text: string; items: CompletionItem[] }> {
    const { text, position } = lastCursor(textWithCursor);
    const doc = await client.open(text, fileName, languageId);
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: doc.uri }, position });
    return { text, items: result === null ? [] : Array.isArray(result) ? result : result.items };
  }

  async function hoverAt(textWithCursor: string): Promise<string> {
    const { text, position } = lastCursor(textWithCursor);
    const doc = await client.open(text);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position });
    const contents = hover?.contents;
    return typeof contents === 'object' && contents !== null && 'value' in contents ? contents.value : '';
  }

  test('after {{ cust (escapes before it) completion offers customer.number, replacing exactly "cust"', async () => {
    const { text, items } = await completeAt(promptFile('Be \\"kind\\".\\n\\u00c9t\\u00e9 {{ cust|'));
    const number = items.find((item) => item.label === 'customer.number');
    assert.ok(number, `offered ${labels(items).join(', ')}`);
    assert.equal(textAt(text, edit(number).range), 'cust');
    assert.match(String((number.documentation as { value: string }).value), /phone number/);
    assert.match(number.detail ?? '', /Vapi built-in/);
  });

  test('after {{ customer. only the customer fields are offered', async () => {
    const { items } = await completeAt(promptFile('Hi {{ customer.|'));
    assert.ok(items.length >= 2);
    for (const label of labels(items)) assert.match(label, /^customer\./);
  });

  test("the file's own variables, the setting's and an analysis prompt's are offered, saying where each comes from", async () => {
    const text = `{"model": {"provider": "openai", "model": "gpt-4o", "tools": [{"type": "handoff", "destinations": [{"type": "assistant", "assistantName": "B", "assistantOverrides": {"variableValues": {"plan": "gold"}}}]}]},
      "analysisPlan": {"summaryPlan": {"messages": [{"role": "user", "content": "Summary of {{ |"}]}}}`;
    const { items } = await completeAt(text);
    const byLabel = new Map(items.map((item) => [item.label, item]));
    assert.match(byLabel.get('plan')?.detail ?? '', /Declared in this file: model\.tools\[0\]\.destinations\[0\]\.assistantOverrides\.variableValues/);
    assert.match(byLabel.get('clinic')?.detail ?? '', /assistantConfig\.templateVariables/);
    assert.match(byLabel.get('transcript')?.detail ?? '', /Provided by Vapi in analysisPlan\.summaryPlan\.messages/);
    assert.ok(byLabel.has('customer.number'));
  });

  test('after | the filters are offered; date comes with its format argument, escaped for the JSON string', async () => {
    const { items } = await completeAt(promptFile('{{ \\"now\\" | |'));
    assert.ok(['date', 'upcase', 'default', 'append'].every((name) => labels(items).includes(name)), labels(items).join(', '));
    const date = items.find((item) => item.label === 'date')!;
    assert.equal(edit(date).newText, 'date: \\"${1:%A, %B %d, %Y}\\"');
  });

  test("in date's format string the formats are offered with what they render; then the time zones", async () => {
    const formats = (await completeAt(promptFile('{{ \\"now\\" | date: \\"%|'))).items;
    const weekday = formats.find((item) => item.label === '%A, %B %d, %Y');
    assert.equal(weekday?.detail, 'Tuesday, August 18, 2026');
    const { text, items } = await completeAt(promptFile('{{ \\"now\\" | date: \\"%A\\", \\"America/New|'));
    const zone = items.find((item) => item.label === 'America/New_York');
    assert.ok(zone, 'America/New_York is offered');
    assert.equal(textAt(text, edit(zone).range), 'America/New');
  });

  test('after {% the tags are offered, with the end of the block that is open', async () => {
    const { items } = await completeAt(promptFile('{% if customer.name %}Hi{% |'));
    for (const name of ['if', 'for', 'assign', 'else', 'endif']) assert.ok(labels(items).includes(name), `${name} in ${labels(items).join(', ')}`);
    assert.ok(!labels(items).includes('endfor'), 'no for is open');
  });

  test('a name the template assigns is offered after it', async () => {
    const { items } = await completeAt(promptFile('{% assign greeting = \\"Hi\\" %}{{ gre|'));
    assert.equal(items.find((item) => item.label === 'greeting')?.detail, 'Set in this template');
  });

  test('no template completion outside a tag, in a string that is not a template, or after a closed tag', async () => {
    for (const textWithCursor of [promptFile('Plain prose |'), promptFile('{{ customer.name }} and |'), '{"name": "{{ cust|"}']) {
      const { items } = await completeAt(textWithCursor);
      assert.ok(!labels(items).includes('customer.number'), `${textWithCursor}: ${labels(items).join(', ')}`);
    }
  });

  test('hover on a built-in says it is one and what it holds; on a declared variable, where the file declares it', async () => {
    const builtIn = await hoverAt(promptFile('Call {{ customer.num|ber }}'));
    assert.match(builtIn, /\*\*customer\.number\*\*/);
    assert.match(builtIn, /phone number/);
    assert.match(builtIn, /Vapi built-in variable/);
    const declared = await hoverAt(
      `{"model": {"provider": "openai", "model": "gpt-4o", "messages": [{"role": "system", "content": "Plan {{ pl|an }}"}], "tools": [{"type": "apiRequest", "method": "GET", "url": "https://x.example", "variableExtractionPlan": {"aliases": [{"key": "plan", "value": "{{ $.plan }}"}]}}]}}`,
    );
    assert.match(declared, /Extraction alias declared in this file: `model\.tools\[0\]\.variableExtractionPlan\.aliases\[0\]\.key`/);
    const filter = await hoverAt(promptFile('{{ \\"now\\" | da|te: \\"%A\\" }}'));
    assert.match(filter, /\*\*date\*\* \(Liquid filter\)/);
    const unknown = await hoverAt(promptFile('{{ custmer|.name }}'));
    assert.match(unknown, /Not a variable Vapi provides/);
  });

  test('semantic tokens cover exactly the template parts, after escapes too', async () => {
    const text = promptFile('Caf\\u00e9 \\"Nord\\":\\n{{ customer.name | upcase }} {% if x %}y{% endif %}');
    const doc = await client.open(text);
    const tokens = await semanticTokensOf(doc);
    const legend = client.initializeResult!.capabilities.semanticTokensProvider!.legend;
    const found = tokens.map((token) => [textAt(text, token.range), legend.tokenTypes[token.type], token.modifiers ? 'defaultLibrary' : '']);
    assert.deepEqual(found, [
      ['{{', 'operator', ''],
      ['customer.name', 'variable', 'defaultLibrary'],
      ['upcase', 'function', ''],
      ['}}', 'operator', ''],
      ['{%', 'operator', ''],
      ['if', 'keyword', ''],
      ['x', 'variable', ''],
      ['%}', 'operator', ''],
      ['{%', 'operator', ''],
      ['endif', 'keyword', ''],
      ['%}', 'operator', ''],
    ]);
  });

  test('a Markdown prompt completes and highlights the same way', async () => {
    const { items } = await completeAt('# Desk\n\nCall {{ cust|', 'prompts/desk.md', 'markdown');
    assert.ok(labels(items).includes('customer.number'));
    const text = '# Desk\n\n{{ customer.number }}\n';
    const doc = await client.open(text, 'prompts/desk2.md', 'markdown');
    const tokens = await semanticTokensOf(doc);
    assert.deepEqual(tokens.map((token) => textAt(text, token.range)), ['{{', 'customer.number', '}}']);
  });

  /** The document's semantic tokens, decoded to ranges. */
  async function semanticTokensOf(doc: OpenDocument) {
    const result = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: doc.uri } });
    const data = result?.data ?? [];
    const decoded: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; type: number; modifiers: number }[] = [];
    let line = 0;
    let character = 0;
    for (let index = 0; index < data.length; index += 5) {
      line += data[index];
      character = data[index] === 0 ? character + data[index + 1] : data[index + 1];
      decoded.push({ range: { start: { line, character }, end: { line, character: character + data[index + 2] } }, type: data[index + 3], modifiers: data[index + 4] });
    }
    return decoded;
  }
});

describe('prompts edited as Markdown: the template strings a client offers, and the Markdown document of one', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  const owner = JSON.stringify(
    {
      name: 'Desk',
      firstMessage: 'Hi {{ customer.name }}',
      model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: '# Role\nYou are Ava.\nCall {{ customer.number }}.' }] },
      analysisPlan: { summaryPlan: { messages: [{ role: 'user', content: 'Summarise:\n{{ transcript }}' }] } },
      metadata: { note: 'two\nlines, not a template' },
    },
    null,
    2,
  );

  test('assistantConfig/templateStrings lists the template strings of several lines, or the one at a position', async () => {
    const doc = await client.open(owner);
    const strings = await client.request<TemplateString[]>(TemplateStringsRequest.method, { uri: doc.uri });
    assert.deepEqual(
      strings.map((string) => [string.pointer, string.lines, textAt(owner, string.range).slice(0, 9)]),
      [
        ['/model/messages/0/content', 3, '"# Role\\n'],
        ['/analysisPlan/summaryPlan/messages/0/content', 2, '"Summaris'],
      ],
    );
    const atCursor = await client.request<TemplateString[]>(TemplateStringsRequest.method, { uri: doc.uri, position: positionIn(owner, 'Hi {{') });
    assert.deepEqual(atCursor.map((string) => string.pointer), ['/firstMessage'], 'a one-line template string, at the cursor');
    const elsewhere = await client.request<TemplateString[]>(TemplateStringsRequest.method, { uri: doc.uri, position: positionIn(owner, 'two\\nlines') });
    assert.deepEqual(elsewhere, [], 'metadata is not a template');
  });

  test("the Markdown document of a string knows its place's and its file's variables", async () => {
    const doc = await client.open(owner);
    const summary = promptUri({ file: doc.uri, pointer: '/analysisPlan/summaryPlan/messages/0/content' });
    const system = promptUri({ file: doc.uri, pointer: '/model/messages/0/content' });
    assert.match(summary, /^assistant-prompt:.*\.md\?/);
    const text = 'Summarise:\n{{ transcript }}';
    const summaryDoc = await openAt(summary, text);
    assert.deepEqual((await client.waitForDiagnostics(summaryDoc)).diagnostics, [], 'an analysis prompt knows {{transcript}}');
    const systemDoc = await openAt(system, text);
    const [unknown] = (await client.waitForDiagnostics(systemDoc)).diagnostics;
    assert.equal(textAt(text, unknown.range), 'transcript', 'the system prompt does not');
  });

  async function openAt(uri: string, text: string): Promise<OpenDocument> {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    return { uri, version: 1, text };
  }
});

function positionIn(text: string, needle: string) {
  return cursor(text.replace(needle, `|${needle}`)).position;
}
