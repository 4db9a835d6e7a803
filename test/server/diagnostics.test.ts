import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, messageOf, offsetAt, rangeOf, textAt } from '../helpers/lspClient';
import { droppedPaths, largeAssistant, seedBodies, serverManagedKeys } from './fixtures';

const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
const describeAll = (text: string, diagnostics: Diagnostic[]) =>
  diagnostics.map((d) => `${d.severity} ${d.code} "${textAt(text, d.range)}": ${messageOf(d)}`).join('\n');

describe('diagnostics', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  test('an out-of-range azure voice speed is one error on exactly the number', async () => {
    const text = '{"voice": {"provider": "azure", "voiceId": "andrew", "speed": 9}}';
    const { diagnostics } = await client.diagnose(text);
    assert.equal(diagnostics.length, 1, describeAll(text, diagnostics));
    const [speed] = diagnostics;
    assert.equal(speed.severity, DiagnosticSeverity.Error);
    assert.deepEqual(speed.range, rangeOf(text, '9'));
    assert.equal(speed.source, 'assistant-config');
    assert.match(messageOf(speed), /2/, 'the message names the maximum');
  });

  test('a syntax error is reported where the text breaks', async () => {
    const text = '{\n  "name": "Support"\n  "firstMessage": "Hi"\n}';
    const { diagnostics } = await client.diagnose(text);
    const syntax = diagnostics.filter((d) => d.code === 'syntax');
    assert.ok(syntax.length >= 1, describeAll(text, diagnostics));
    assert.equal(syntax[0].severity, DiagnosticSeverity.Error);
    assert.equal(syntax[0].range.start.line, 2, 'the missing comma is noticed at the next property');
  });

  test('a name over 40 characters is an error on the string', async () => {
    const name = 'A support assistant with a very long name indeed';
    const text = `{"name": "${name}"}`;
    const { diagnostics } = await client.diagnose(text);
    assert.equal(diagnostics.length, 1, describeAll(text, diagnostics));
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(textAt(text, diagnostics[0].range), `"${name}"`);
    assert.match(messageOf(diagnostics[0]), /40/);
  });

  test('an unknown top-level key is an error on the key', async () => {
    const text = '{"name": "Support", "colour": "blue"}';
    const { diagnostics } = await client.diagnose(text);
    assert.equal(diagnostics.length, 1, describeAll(text, diagnostics));
    assert.equal(diagnostics[0].severity, DiagnosticSeverity.Error);
    assert.equal(textAt(text, diagnostics[0].range), '"colour"');
  });

  test('closing a document clears its problems', async () => {
    const text = '{"name": 5}';
    const { doc, diagnostics } = await client.diagnose(text);
    assert.equal(diagnostics.length, 1);
    const cleared = client.waitForDiagnostics(doc, 0);
    await client.close(doc);
    assert.deepEqual((await cleared).diagnostics, []);
  });

  test('a large realistic assistant (long prompt, 30+ tools) opens without errors', async () => {
    const text = largeAssistant();
    const parsed = JSON.parse(text) as { model: { tools: unknown[]; messages: { content: string }[] } };
    assert.ok(parsed.model.tools.length >= 30);
    const started = performance.now();
    const { diagnostics } = await client.diagnose(text);
    const elapsedMs = performance.now() - started;
    assert.deepEqual(errors(diagnostics), [], describeAll(text, diagnostics));
    console.log(`time to first diagnostics, ${text.length} characters: ${elapsedMs.toFixed(0)} ms`);
  });
});

describe('seed request bodies', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  const seeds = seedBodies();
  test('the SCHEMA helper extracted the seed bodies', () => assert.ok(seeds.length >= 5, `found ${seeds.map((s) => s.name)}`));

  for (const seed of seeds.filter((s) => !s.name.includes('003'))) {
    test(`${seed.name}: no errors, and a warning on each field the current API dropped`, async () => {
      const { diagnostics } = await client.diagnose(seed.text, 'seed.assistant.json');
      assert.deepEqual(errors(diagnostics), [], describeAll(seed.text, diagnostics));
      const root = parseTree(seed.text)!;
      const serverManaged = serverManagedKeys();
      const dropped = droppedPaths(JSON.parse(seed.text)).filter((p) => !(p.length === 1 && serverManaged.includes(String(p[0]))));
      assert.ok(dropped.length > 0, 'every Vapi seed has fields the current API no longer has');
      const warnings = diagnostics.filter((d) => d.severity === DiagnosticSeverity.Warning);
      for (const pathToDropped of dropped) {
        const node = findNodeAtLocation(root, pathToDropped)!;
        // A dropped key is marked on its key or its whole property; a dropped value on the value.
        const span = node.parent?.type === 'property' ? node.parent : node;
        const covering = warnings.find(
          (w) => offsetAt(seed.text, w.range.start) >= span.offset && offsetAt(seed.text, w.range.end) <= span.offset + span.length,
        );
        assert.ok(covering, `no warning on ${pathToDropped.join('.')}\n${describeAll(seed.text, diagnostics)}`);
      }
      // Fields only GET returns (a pasted response) are noted as ignored on push, not as problems.
      for (const key of serverManaged.filter((k) => k in JSON.parse(seed.text))) {
        const note = diagnostics.find((d) => textAt(seed.text, d.range) === `"${key}"`);
        assert.equal(note?.severity, DiagnosticSeverity.Information, `${key}: ${describeAll(seed.text, diagnostics)}`);
        assert.match(messageOf(note!), /ignored on push/);
      }
    });
  }

  for (const seed of seeds.filter((s) => s.name.includes('003'))) {
    test(`${seed.name}: no diagnostics at all in an Insighto file`, async () => {
      const { diagnostics } = await client.diagnose(seed.text, 'seed.insighto.assistant.json');
      assert.deepEqual(diagnostics, [], describeAll(seed.text, diagnostics));
    });
  }
});

