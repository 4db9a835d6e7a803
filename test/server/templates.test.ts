// Liquid templates in the strings Vapi renders, checked through LSP: syntax errors and unknown filters are
// errors on the exact range inside the JSON string (escapes mapped back to the file), unknown variables are
// information with the names that are known.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, messageOf, textAt } from '../helpers/lspClient';

const describeAll = (text: string, diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.severity} ${d.code} "${textAt(text, d.range)}": ${messageOf(d)}`).join('\n');

/** An assistant whose system prompt is `prompt`, written as JSON.stringify writes it (escapes included). */
function withPrompt(prompt: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name: 'Front desk', model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: prompt }] }, ...extra }, null, 2);
}

describe('templates', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  test('{{ customer.number } after escapes is one error on exactly the broken tag', async () => {
    const prompt = 'You are the "front desk" of Café Nord.\n\tBe brief.\\ Never guess.\nCall back on {{ customer.number }\nThen say goodbye.';
    const text = withPrompt(prompt).replace('é', '\\u00e9');
    assert.match(text, /\\"front desk\\" of Caf\\u00e9 Nord\.\\n\\tBe brief\.\\\\ Never guess\.\\n/, 'the prompt holds \\", \\u00e9, \\n, \\t and \\\\ before the tag');
    const { diagnostics } = await client.diagnose(text);
    assert.equal(diagnostics.length, 1, describeAll(text, diagnostics));
    const [broken] = diagnostics;
    assert.equal(broken.severity, DiagnosticSeverity.Error);
    assert.equal(textAt(text, broken.range), '{{ customer.number }');
    assert.match(messageOf(broken), /not closed: "}}" expected/);
  });

  test('{{ customer.numbr }} is information naming customer.number, with a fix', async () => {
    const text = withPrompt('The caller is {{ customer.numbr }}.');
    const { doc, diagnostics } = await client.diagnose(text);
    assert.equal(diagnostics.length, 1, describeAll(text, diagnostics));
    const [unknown] = diagnostics;
    assert.equal(unknown.severity, DiagnosticSeverity.Information);
    assert.equal(textAt(text, unknown.range), 'customer.numbr');
    assert.match(messageOf(unknown), /Did you mean "customer\.number"\?/);
    assert.match(messageOf(unknown), /Known: customer\.number, customer\.name/, 'the known names, nearest first');
    const [fix] = await client.codeActions(doc, diagnostics);
    assert.equal(fix.title, 'Change to "customer.number"');
    assert.match(applyEdits(text, fix.edit!.changes![doc.uri]), /The caller is \{\{ customer\.number \}\}\./);
  });

  test('an unknown filter is an error on the filter name, with did-you-mean', async () => {
    const text = withPrompt('Greet {{ customer.name | upcse }} warmly.');
    const { diagnostics } = await client.diagnose(text);
    assert.equal(diagnostics.length, 1, describeAll(text, diagnostics));
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(textAt(text, diagnostics[0].range), 'upcse');
    assert.match(messageOf(diagnostics[0]), /Unknown Liquid filter "upcse"\. Did you mean "upcase"\?/);
  });

  test('a valid prompt using date with a time zone, if and assign has no diagnostics', async () => {
    const prompt = [
      'Today is {{ "now" | date: "%A, %B %d, %Y", "America/New_York" }}.',
      '{% assign caller = customer.name | default: "there" %}Hello {{ caller }}.',
      '{% if call.type == "webCall" %}You are on the website.{% else %}You are on the phone with {{ phoneNumber.name }}.{% endif %}',
      '{% for step in (1..3) %}{{ step | plus: 1 }} {% endfor %}{{ year }} {{ "hi" | capitalize }}',
    ].join('\n');
    const text = withPrompt(prompt);
    const { diagnostics } = await client.diagnose(text);
    assert.deepEqual(diagnostics, [], describeAll(text, diagnostics));
  });

  test('first, voicemail, end-call and tool messages are templates; a name or metadata value is not', async () => {
    const text = JSON.stringify({
      name: 'Desk {{ oops',
      metadata: { note: '{{ not a template' },
      firstMessage: 'Hi {{ customer.name | nope }}',
      voicemailMessage: 'Call {{ phoneNumber.number }',
      endCallMessage: 'Bye {% iff x %}{% endif %}',
      model: {
        provider: 'openai',
        model: 'gpt-4o',
        tools: [{ type: 'endCall', messages: [{ type: 'request-start', content: 'Ending {{ call.idd }}' }] }],
      },
    });
    const { diagnostics } = await client.diagnose(text);
    const found = diagnostics.map((d) => [textAt(text, d.range), d.severity]);
    assert.deepEqual(found, [
      ['nope', DiagnosticSeverity.Error],
      ['{{ phoneNumber.number }', DiagnosticSeverity.Error],
      ['iff', DiagnosticSeverity.Error],
      ['call.idd', DiagnosticSeverity.Information],
    ], describeAll(text, diagnostics));
  });

  test('a transfer destination message, string or object, is a template', async () => {
    const text = JSON.stringify({
      model: {
        provider: 'openai',
        model: 'gpt-4o',
        tools: [{
          type: 'transferCall',
          destinations: [
            { type: 'number', number: '+14155550100', message: 'Transferring {{ customer.nam }}' },
            { type: 'number', number: '+14155550101', message: { type: 'custom-message', content: 'One moment {{ x | nofilter }}' } },
          ],
        }],
      },
    });
    const { diagnostics } = await client.diagnose(text);
    assert.deepEqual(diagnostics.map((d) => textAt(text, d.range)), ['customer.nam', 'nofilter'], describeAll(text, diagnostics));
  });

  test('variables the file declares are known: extraction aliases and schemas, overrides variableValues', async () => {
    const text = JSON.stringify({
      model: {
        provider: 'openai',
        model: 'gpt-4o',
        messages: [{ role: 'system', content: 'Patient {{ patientName }}, plan {{ plan.tier }}, clinic {{ clinicName }}, missing {{ insurer }}.' }],
        tools: [
          {
            type: 'apiRequest',
            method: 'GET',
            url: 'https://clinic.example/patient',
            variableExtractionPlan: {
              schema: { type: 'object', properties: { plan: { type: 'object' } } },
              aliases: [{ key: 'patientName', value: '{{ patient.first }} {{ $.last }}' }],
            },
          },
          {
            type: 'handoff',
            destinations: [{ type: 'assistant', assistantName: 'Billing', assistantOverrides: { variableValues: { clinicName: 'Northwind' } } }],
          },
        ],
      },
    });
    const { diagnostics } = await client.diagnose(text);
    const templates = diagnostics.filter((d) => String(d.code).startsWith('template'));
    assert.deepEqual(templates.map((d) => textAt(text, d.range)), ['insurer'], describeAll(text, diagnostics));
    assert.match(messageOf(templates[0]), /Known: plan, patientName, clinicName, now/, "the file's own names come first");
  });

  test('an analysis prompt knows the variables its field lists ({{transcript}}); the system prompt does not', async () => {
    const text = JSON.stringify({
      model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: 'Read {{ transcript }}' }] },
      analysisPlan: { summaryPlan: { messages: [{ role: 'user', content: 'Summarise {{ transcript }} ({{ endedReason }}), {{ transcrpt }}' }] } },
    });
    const { diagnostics } = await client.diagnose(text);
    const templates = diagnostics.filter((d) => String(d.code).startsWith('template'));
    assert.deepEqual(templates.map((d) => textAt(text, d.range)), ['transcript', 'transcrpt'], describeAll(text, diagnostics));
    assert.match(messageOf(templates[1]), /Did you mean "transcript"\?/);
  });

  test('a template in a file with a JSON syntax error elsewhere is still checked', async () => {
    const text = withPrompt('Hi {{ customer.name | upcse }}').replace('"name": "Front desk",', '"name": "Front desk"');
    const { diagnostics } = await client.diagnose(text);
    assert.ok(diagnostics.some((d) => d.code === 'syntax'), describeAll(text, diagnostics));
    assert.ok(diagnostics.some((d) => textAt(text, d.range) === 'upcse'), describeAll(text, diagnostics));
  });

  test('a Markdown prompt document gets the same template checks', async () => {
    const text = '# Front desk\n\nCall back on {{ customer.number }\n\nGreet {{ customer.nme }}.\n';
    const doc = await client.open(text, 'prompts/front-desk.md', 'markdown');
    const { diagnostics } = await client.waitForDiagnostics(doc);
    assert.deepEqual(diagnostics.map((d) => [textAt(text, d.range), d.severity]), [['{{ customer.number }', DiagnosticSeverity.Error]], describeAll(text, diagnostics));
    await client.change(doc, '# Front desk\n\nGreet {{ customer.nme }}.\n');
    const fixed = await client.waitForDiagnostics(doc);
    assert.deepEqual(fixed.diagnostics.map((d) => [textAt(doc.text, d.range), d.severity]), [['customer.nme', DiagnosticSeverity.Information]]);
  });

  test('other Markdown (a README outside prompts/) is not a prompt and gets nothing', async () => {
    const readme = await client.open('# Notes\n\nUse {{ customer.number } in prompts.\n', 'README.md', 'markdown');
    const prompt = await client.open('{{ customer.number }', 'prompts/after-readme.md', 'markdown');
    // Documents are validated in the order they arrive: once the prompt's problems are out, the README's would be too.
    assert.equal((await client.waitForDiagnostics(prompt)).diagnostics.length, 1);
    assert.equal(client.published.get(readme.uri), undefined);
  });
});

describe('templates in tool, squad and structured output files', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());
  const found = (text: string, diagnostics: Diagnostic[]) => diagnostics.filter((d) => String(d.code).startsWith('template')).map((d) => textAt(text, d.range));

  test('a tool file: its messages are templates', async () => {
    const text = JSON.stringify({ type: 'endCall', messages: [{ type: 'request-start', content: 'Bye {{ customer.name | upcse }}' }] }, null, 2);
    const { diagnostics } = await client.diagnose(text, 'end-call.tool.json');
    assert.deepEqual(found(text, diagnostics), ['upcse'], describeAll(text, diagnostics));
  });

  test("a squad file: members' prompts are templates, and the squad's variableValues are known in them", async () => {
    const member = (content: string) => ({ assistant: { name: 'Desk', model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content }] } } });
    const text = JSON.stringify(
      {
        name: 'Front office',
        membersOverrides: { variableValues: { clinicName: 'Riverside' } },
        members: [member('You work at {{ clinicName }} for {{ customer.nam }}.'), { ...member('Hi {{ region }}'), assistantOverrides: { variableValues: { region: 'north' } } }],
      },
      null,
      2,
    );
    const { diagnostics } = await client.diagnose(text, 'front-office.squad.json');
    assert.deepEqual(found(text, diagnostics), ['customer.nam'], describeAll(text, diagnostics));
  });

  test('a structured output file: its prompt knows {{transcript}} and {{structuredOutput.name}}, not a typo of them', async () => {
    const content = 'From {{ transcript }} extract {{ structuredOutput.name }} ({{ structuredOutput.descripton }}).';
    const text = JSON.stringify({ name: 'booked', schema: { type: 'boolean' }, model: { provider: 'openai', model: 'gpt-4.1', messages: [{ role: 'system', content }] } }, null, 2);
    const { diagnostics } = await client.diagnose(text, 'booked.structured-output.json');
    const templates = diagnostics.filter((d) => String(d.code).startsWith('template'));
    assert.deepEqual(found(text, diagnostics), ['structuredOutput.descripton'], describeAll(text, diagnostics));
    assert.match(messageOf(templates[0]), /Did you mean "structuredOutput\.description"\?/);
  });
});

describe('templates: the setting assistantConfig.templateVariables', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ settings: { templateVariables: ['clinic', 'agent.name'] } })));
  after(async () => client.stop());

  test('names from the setting are known, a dotted one covering only its own part', async () => {
    const text = withPrompt('{{ clinic.address }} {{ agent.name }} {{ agent.phone }}');
    const { diagnostics } = await client.diagnose(text);
    assert.deepEqual(diagnostics.map((d) => textAt(text, d.range)), ['agent.phone'], describeAll(text, diagnostics));
    assert.match(messageOf(diagnostics[0]), /Known: agent\.name, /, 'the names under agent come first');
  });

  test('changing the setting re-checks open files', async () => {
    const text = withPrompt('{{ region }}');
    const { doc, diagnostics } = await client.diagnose(text);
    assert.equal(diagnostics.length, 1);
    const next = client.waitForDiagnostics(doc, doc.version);
    await client.updateSettings({ templateVariables: ['region'] });
    assert.deepEqual((await next).diagnostics, []);
  });
});
