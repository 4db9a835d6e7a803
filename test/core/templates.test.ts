// Which strings are templates (the generator's marks in the bundled schemas) and how a JSON string's value
// maps back to the file.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { resourceKinds } from '../../core/src/kinds';
import { decodeString, encodeStringContent } from '../../core/src/templates';
import { loadSchema, validateFile, type JSONSchema } from '../../core/src/validation';
import { listedVariables } from '../../core/src/schemaGeneration/templates';

/** `Definition.property` of every node the schema marks as a Liquid template. */
function markedFields(schema: JSONSchema): Set<string> {
  const marked = new Set<string>();
  const root = { ...schema, definitions: undefined };
  for (const [name, definition] of [['(root)', root], ...Object.entries(schema.definitions ?? {})] as [string, JSONSchema][]) {
    for (const [property, node] of Object.entries((definition.properties ?? {}) as Record<string, JSONSchema>)) {
      if (node['x-template'] === 'liquid') marked.add(`${name}.${property}`);
      if (node.items?.properties?.content?.['x-template'] === 'liquid') marked.add(`${name}.${property}[].content`);
    }
  }
  return marked;
}

describe('template marks in the bundled schemas', () => {
  const vapi = markedFields(loadSchema(resourceKinds.find((kind) => kind.id === 'vapi-assistant')!));

  test('the Vapi assistant marks the prompt, spoken messages, tool and transfer messages and analysis prompts', () => {
    for (const field of [
      '(root).firstMessage',
      '(root).voicemailMessage',
      '(root).endCallMessage',
      'OpenAIMessage.content',
      'ToolMessageStart.content',
      'ToolMessageFailed.content',
      'TransferDestinationNumber.message',
      'CustomMessage.content',
      'SummaryPlan.messages[].content',
      'StructuredDataPlan.messages[].content',
      'SuccessEvaluationPlan.messages[].content',
      'LangfuseObservabilityPlan.traceName',
    ]) {
      assert.ok(vapi.has(field), `${field} is marked (marked: ${[...vapi].join(', ')})`);
    }
    for (const field of ['(root).name', 'OpenAIMessage.role', 'LiquidCondition.type']) assert.ok(!vapi.has(field), `${field} is not a template`);
  });

  test('every Vapi kind has template strings', () => {
    for (const kind of resourceKinds.filter((candidate) => candidate.vendor === 'vapi')) {
      assert.ok(markedFields(loadSchema(kind)).size > 0, `${kind.id} marks its templates`);
    }
  });

  test('variables an analysis prompt adds come from its description, with their meaning', () => {
    const summary = (loadSchema(resourceKinds[0]).definitions as Record<string, JSONSchema>).SummaryPlan.properties.messages['x-template-variables'];
    assert.deepEqual(Object.keys(summary), ['transcript', 'systemPrompt', 'messages', 'endedReason']);
    assert.match(summary.transcript, /transcript of the call/);
  });

  test('listed variables: "- {{a}}: meaning", "- {{ a.b }} - meaning", "- `{{a}}` or `{{b}}` to …", code blocks skipped', () => {
    const description = 'Intro {{ notListed }}\n```\n- {{inCode}}: no\n```\n- {{transcript}}: The transcript\n- {{ call.id }} - Call UUID\n- `{{x}}` or `{{y}}` to reference both\n- `{{p}}`, `{{q}}`, and any `more`';
    assert.deepEqual(listedVariables(description), { transcript: 'The transcript', 'call.id': 'Call UUID', x: 'To reference both', y: 'To reference both', p: '', q: '' });
  });
});

describe('JSON string values and file offsets', () => {
  test('each escape is one character of the value, mapped to where its spelling starts', () => {
    const text = '{"a": "x\\n\\"\\u00e9\\\\y\\ud83d\\ude00z"}';
    const start = text.indexOf('"x');
    const length = text.lastIndexOf('"') - start + 1;
    const { value, offsets } = decodeString(text, start, length);
    assert.equal(value, JSON.parse(text).a);
    for (const [index, spelling] of [[0, 'x'], [1, '\\n'], [2, '\\"'], [3, '\\u00e9'], [4, '\\\\'], [5, 'y'], [6, '\\ud83d'], [7, '\\ude00'], [8, 'z']] as const) {
      assert.equal(text.slice(offsets[index], offsets[index + 1]), spelling, `character ${index}`);
    }
    assert.equal(text[offsets[value.length]], '"', 'the end of the value maps to the closing quote');
  });

  test('a broken escape stands for itself, so the rest still maps', () => {
    const text = '"a\\qb"';
    const { value, offsets } = decodeString(text, 0, text.length);
    assert.equal(value, 'a\\qb');
    assert.equal(text.slice(offsets[3], offsets[4]), 'b');
  });

  test('encoding is the inverse of decoding', () => {
    const value = 'Line "one"\n\ttab \\ é 😀 \u0001';
    const literal = `"${encodeStringContent(value)}"`;
    assert.equal(decodeString(literal, 0, literal.length).value, value);
  });
});

describe('template checks in validateFile', () => {
  const kind = resourceKinds.find((candidate) => candidate.id === 'vapi-assistant')!;
  const assistant = (prompt: string, toolMessages: string[]) =>
    JSON.stringify({
      name: 'Front desk',
      model: {
        provider: 'openai',
        model: 'gpt-4o',
        messages: [{ role: 'system', content: prompt }],
        tools: toolMessages.map((content, index) => ({ type: 'function', function: { name: `tool_${index}` }, messages: [{ type: 'request-start', content }] })),
      },
    }, null, 2);

  test('the same template text is judged again in each place: a variable the setting names is known only while it does', () => {
    const text = assistant('Welcome to {{ clinic }}.', []);
    const unknown = () => validateFile(text, kind).filter((d) => d.code === 'template-variable').length;
    assert.equal(unknown(), 1);
    assert.equal(validateFile(text, kind, { templateVariables: ['clinic'] }).filter((d) => d.code === 'template-variable').length, 0);
    assert.equal(unknown(), 1, 'the parse of the text is kept, not its verdict');
  });

  test('among 200 sound templates the one broken tag is the only problem, on exactly its range', () => {
    const messages = Array.from({ length: 200 }, (_, index) => `Checking order ${index} for {{ customer.number }}`);
    messages[137] = 'Checking for {{ customer.number }';
    const text = assistant('Hello {{ customer.name }}', messages);
    const diagnostics = validateFile(text, kind);
    assert.equal(diagnostics.length, 1, diagnostics.map((d) => d.message).join('\n'));
    const start = text.indexOf('{{ customer.number }"');
    const lines = text.slice(0, start).split('\n');
    assert.deepEqual(diagnostics[0].range.start, { line: lines.length - 1, character: lines.at(-1)!.length });
    assert.equal(diagnostics[0].range.end.character - diagnostics[0].range.start.character, '{{ customer.number }'.length);
  });
});
