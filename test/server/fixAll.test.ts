// Fix All (`source.fixAll`): every certain migration of a legacy field in one action, as VS Code asks for
// it from the Source Action menu or on save, and as Migrate and Push applies it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CodeActionKind, CodeActionRequest, type CodeAction, type Command } from 'vscode-languageserver-protocol';
import { applyEdits, LspClient, messageOf, projectRoot, type OpenDocument } from '../helpers/lspClient';

const legacyShape = readFileSync(path.join(projectRoot, 'examples', 'legacy-shape.assistant.json'), 'utf8');

describe('Fix All', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  async function sourceActions(doc: OpenDocument, only: string[] | undefined): Promise<CodeAction[]> {
    const end = doc.text.split('\n').length;
    const result = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range: { start: { line: 0, character: 0 }, end: { line: end, character: 0 } },
      context: { diagnostics: [], only },
    });
    return (result ?? []).filter((action: Command | CodeAction): action is CodeAction => typeof action.command !== 'string');
  }

  test('moves every legacy field whose place is certain, in one edit, and leaves the others', async () => {
    const { doc, diagnostics } = await client.diagnose(legacyShape, 'legacy-shape.assistant.json');
    assert.deepEqual(diagnostics.map((d) => d.code), ['legacy-field', 'legacy-field', 'legacy-field']);
    const [fixAll, ...others] = await sourceActions(doc, [CodeActionKind.SourceFixAll]);
    assert.equal(others.length, 0);
    assert.equal(fixAll.kind, CodeActionKind.SourceFixAll);
    assert.equal(fixAll.title, 'Migrate 2 legacy fields to their current places: "hipaaEnabled" to "compliancePlan.hipaaEnabled", "recordingEnabled" to "artifactPlan.recordingEnabled"');
    const edits = fixAll.edit!.changes![doc.uri];
    assert.equal(edits.length, 1);
    const fixed = applyEdits(legacyShape, edits);
    const value = JSON.parse(fixed);
    assert.deepEqual(value.compliancePlan, { hipaaEnabled: false });
    assert.deepEqual(value.artifactPlan, { recordingEnabled: true });
    assert.equal(value.hipaaEnabled, undefined);
    assert.equal(value.recordingEnabled, undefined);
    // silenceTimeoutSeconds has no certain current place: it stays, still reported.
    const after = await client.diagnose(fixed, 'legacy-shape.assistant.json');
    assert.deepEqual(after.diagnostics.map((d) => messageOf(d).split(' ')[0]), ['"silenceTimeoutSeconds"']);
  });

  test('two fields moving into one new object create it once', async () => {
    const text = '{\n  "name": "Desk",\n  "serverUrl": "https://example.com/hook",\n  "serverUrlSecret": "s3cret"\n}\n';
    const doc = await client.open(text, 'server.assistant.json');
    const [fixAll] = await sourceActions(doc, [CodeActionKind.Source]);
    assert.ok(fixAll, 'Fix All offered under `source`');
    const fixed = applyEdits(text, fixAll.edit!.changes![doc.uri]);
    const value = JSON.parse(fixed);
    assert.equal(value.server.url, 'https://example.com/hook');
    assert.deepEqual((await client.diagnose(fixed, 'server.assistant.json')).diagnostics.filter((d) => d.severity === 1), []);
    assert.equal((fixed.match(/"server"/g) ?? []).length, 1, fixed);
  });

  test('is asked for by kind only: the light bulb\'s quick fixes do not include it, and a file with nothing to migrate gets none', async () => {
    const doc = await client.open(legacyShape, 'legacy-again.assistant.json');
    assert.ok(!(await sourceActions(doc, undefined)).some((action) => action.kind === CodeActionKind.SourceFixAll));
    assert.ok(!(await sourceActions(doc, [CodeActionKind.QuickFix])).some((action) => action.kind === CodeActionKind.SourceFixAll));
    const clean = await client.open('{\n  "name": "Desk"\n}\n', 'clean.assistant.json');
    assert.deepEqual(await sourceActions(clean, [CodeActionKind.SourceFixAll]), []);
  });
});
