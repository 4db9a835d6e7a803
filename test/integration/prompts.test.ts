// Edit Prompt as Markdown in the extension host: the code lens over a prompt of several lines, the Markdown
// document it opens (the string unescaped), edits written back into the JSON string escaped and undone,
// edits of the string written into the Markdown, the template checks and completion there, and closing it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { completionLabels, openFile, positionOf, waitFor, workspaceFile } from './helpers';

const fileName = 'reminder.assistant.json';

/** The system prompt's value as the file holds it now. */
function promptIn(document: vscode.TextDocument): string {
  return JSON.parse(document.getText()).model.messages[0].content;
}

async function openPrompt(): Promise<{ json: vscode.TextDocument; markdown: vscode.TextEditor }> {
  const { document: json } = await openFile(fileName);
  const lenses = await waitFor('the Edit Prompt as Markdown code lens', async () => {
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', json.uri);
    const lens = found.find((candidate) => candidate.command?.title.includes('Edit Prompt as Markdown'));
    return lens && [lens];
  });
  const [lens] = lenses;
  assert.equal(lens.range.start.line, positionOf(json, '"content"').line, 'the lens sits on the prompt');
  assert.match(lens.command!.title, /\(4 lines\)/);
  await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
  const markdown = await waitFor('the Markdown editor', () => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.uri.scheme === 'assistant-prompt' ? editor : undefined;
  });
  return { json, markdown };
}

suite('Edit Prompt as Markdown', () => {
  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const json = await vscode.workspace.openTextDocument(workspaceFile(fileName));
    if (json.isDirty) {
      await vscode.window.showTextDocument(json);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  test('the lens opens the prompt unescaped as Markdown beside the file', async () => {
    const { json, markdown } = await openPrompt();
    assert.equal(markdown.document.languageId, 'markdown');
    assert.equal(markdown.document.getText(), promptIn(json));
    assert.match(markdown.document.getText(), /^You are "Ava" at Café Nord\.\n\t\{\{ "now"/);
    assert.match(markdown.document.uri.path, /reminder\.assistant\.json\/model\.messages\[0\]\.content\.md$/);
    assert.equal(markdown.viewColumn, vscode.ViewColumn.Two, 'beside the JSON editor');
  });

  test('typing in the Markdown writes the JSON string, escaped; undo restores it; the Markdown never asks to be saved', async () => {
    const { json, markdown } = await openPrompt();
    const before = json.getText();
    const end = markdown.document.positionAt(markdown.document.getText().length);
    await markdown.edit((edit) => edit.insert(end, '\nSay "bye" \\ then hang up.'));
    await waitFor('the JSON string to follow', () => promptIn(json).endsWith('\nSay "bye" \\ then hang up.') || undefined);
    assert.ok(json.getText().includes('Say goodbye.\\nSay \\"bye\\" \\\\ then hang up."'), 'written escaped into the string');
    assert.equal(json.getText().replace('\\nSay \\"bye\\" \\\\ then hang up.', ''), before, 'nothing else of the file changed');
    await waitFor('the Markdown to be saved (clean)', () => !markdown.document.isDirty || undefined);

    await vscode.window.showTextDocument(markdown.document, markdown.viewColumn);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the JSON', () => json.getText() === before || undefined);
    assert.equal(markdown.document.getText(), promptIn(json));
  });

  test('an edit of the JSON string (or an undo there) shows in the Markdown', async () => {
    const { json, markdown } = await openPrompt();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(json.uri, positionOf(json, 'Say goodbye.'), 'Be brief.\\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the Markdown to follow', () => markdown.document.getText().includes('\nBe brief.\nSay goodbye.') || undefined);
    await waitFor('the Markdown to stay clean', () => !markdown.document.isDirty || undefined);
  });

  test('the Markdown gets the template checks and completion, knowing its place in the file', async () => {
    const { markdown } = await openPrompt();
    const end = markdown.document.positionAt(markdown.document.getText().length);
    await markdown.edit((edit) => edit.insert(end, '\nCall {{ customer.numbr }}.'));
    const diagnostic = await waitFor('the unknown variable diagnostic', () =>
      vscode.languages.getDiagnostics(markdown.document.uri).find((d) => /customer\.numbr/.test(d.message)),
    );
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(markdown.document.getText(diagnostic.range), 'customer.numbr');
    assert.match(diagnostic.message, /Did you mean "customer\.number"\?/);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      markdown.document.uri,
      positionOf(markdown.document, '{{ customer.numbr', '{{ cust'.length),
    );
    assert.ok(completionLabels(list).includes('customer.number'), completionLabels(list).join(', '));
  });

  test('closing the Markdown leaves nothing behind: no save prompt, the JSON keeps the edit', async () => {
    const { json, markdown } = await openPrompt();
    await markdown.edit((edit) => edit.insert(new vscode.Position(0, 0), 'Hello. '));
    await waitFor('the JSON to follow', () => promptIn(json).startsWith('Hello. You are') || undefined);
    await waitFor('the Markdown to be clean', () => !markdown.document.isDirty || undefined);
    await vscode.window.showTextDocument(markdown.document, markdown.viewColumn);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('the Markdown editor to close', () => !vscode.window.visibleTextEditors.some((editor) => editor.document.uri.scheme === 'assistant-prompt') || undefined);
    assert.ok(promptIn(json).startsWith('Hello. You are'));
  });

  test('the palette command takes the prompt at the cursor; elsewhere it says what to do', async () => {
    const editor = await openFile(fileName);
    editor.selection = new vscode.Selection(positionOf(editor.document, 'Greet'), positionOf(editor.document, 'Greet'));
    await vscode.commands.executeCommand('assistantConfig.editPromptAsMarkdown');
    const markdown = await waitFor('the Markdown editor', () => vscode.window.activeTextEditor?.document.uri.scheme === 'assistant-prompt' ? vscode.window.activeTextEditor : undefined);
    assert.equal(markdown.document.getText(), promptIn(editor.document));
  });

  test('a Markdown file in prompts/ gets the template checks', async () => {
    const { document } = await openFile('prompts/desk.md');
    const diagnostic = await waitFor('the broken tag', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.source === 'assistant-config'));
    assert.equal(document.getText(diagnostic.range), '{{ customer.number }');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
  });
});
