// The language server's features as VS Code shows them, through VS Code's own command API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completionLabels, hoverText, openFile, positionOf, waitFor } from './helpers';

suite('Language features', () => {
  test('completion offers top-level keys of the current API', async () => {
    const { document } = await openFile('completion.assistant.json');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      positionOf(document, '"name"'),
    );
    const labels = completionLabels(list);
    for (const key of ['model', 'transcriber', 'maxDurationSeconds', 'endCallPhrases']) assert.ok(labels.includes(key), `${key} in ${labels.join(',')}`);
  });

  test('completion inside voice offers only the chosen provider\'s keys', async () => {
    const { document } = await openFile('completion.assistant.json');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      document.uri,
      positionOf(document, '"voiceId"'),
    );
    const labels = completionLabels(list);
    assert.ok(labels.includes('speed'), `azure voice keys: ${labels.join(',')}`);
    assert.ok(!labels.includes('stability'), 'ElevenLabs-only key "stability" is not offered for azure');
  });

  test('hover on a key shows its description from the schema', async () => {
    const { document } = await openFile('completion.assistant.json');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, '"firstMessage"', 3));
    assert.match(hoverText(hovers), /This is the first message that the assistant will say/);
  });

  test('a misspelt key gets a diagnostic on its exact range and a did-you-mean quick fix', async () => {
    const { document } = await openFile('problems.assistant.json');
    const keyStart = positionOf(document, '"firstMesage"');
    const diagnostic = await waitFor('unknown-property diagnostic', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.range.start.isEqual(keyStart) && d.source === 'assistant-config'),
    );
    assert.equal(diagnostic.range.end.character, keyStart.character + '"firstMesage"'.length);
    assert.match(diagnostic.message, /firstMesage/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    const fix = actions.find((action) => action.edit && /firstMessage/.test(action.title));
    assert.ok(fix?.edit, `a quick fix mentions firstMessage: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /"firstMessage": "Hello!"/);
    await waitFor('the diagnostic to go away', () =>
      vscode.languages.getDiagnostics(document.uri).every((d) => !/firstMesage/.test(d.message)) || undefined,
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('a name over 40 characters is flagged on the string', async () => {
    const { document } = await openFile('problems.assistant.json');
    const valueStart = positionOf(document, '"A name that is far too long');
    const diagnostic = await waitFor('max-length diagnostic', () =>
      vscode.languages.getDiagnostics(document.uri).find((d) => d.range.start.isEqual(valueStart)),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });
});
