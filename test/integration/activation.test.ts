import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { environmentName, extensionId, openFile, waitFor, workspaceFile } from './helpers';

suite('Activation', () => {
  test('opening an *.assistant.json activates the extension with the assistant-json language', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, 'extension is installed');
    const editor = await openFile('front-desk.assistant.json');
    assert.equal(editor.document.languageId, 'assistant-json');
    await waitFor('activation', () => extension.isActive);
    await extension.activate(); // rejects if activation failed
  });

  test('contributes its commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['push', 'pull', 'pullIntoNewFile', 'diffWithLive', 'selectEnvironment', 'setApiKey', 'signOut']) {
      assert.ok(commands.includes(`assistantConfig.${id}`), `assistantConfig.${id} is registered`);
    }
  });

  test('code lenses at the top of the file name the schema and offer Push, Pull and Diff', async () => {
    const uri = workspaceFile('front-desk.assistant.json');
    const titles = await waitFor('code lenses with the schema', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      const found = lenses.map((lens) => lens.command?.title ?? '');
      return found.some((title) => title.startsWith('Vapi schema')) ? found : undefined;
    });
    assert.ok(titles.includes(`$(cloud-upload) Push to ${environmentName}`), titles.join(' | '));
    assert.ok(titles.includes('$(cloud-download) Pull'), titles.join(' | '));
    assert.ok(titles.includes('$(diff) Diff With Live'), titles.join(' | '));
    assert.ok(titles.includes(`$(cloud) ${environmentName}: not pushed yet`), titles.join(' | '));
  });
});
