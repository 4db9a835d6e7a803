// In Restricted Mode the editing features work and every sync command refuses without touching the API.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activateExtension, api, completionLabels, environmentName, openFile, positionOf, workspaceFile } from './helpers';

suite('Untrusted workspace', () => {
  test('the workspace is untrusted and the extension still activates', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await openFile('front-desk.assistant.json');
    assert.ok((await activateExtension()).isActive);
  });

  test('completion still works in Restricted Mode', async () => {
    const { document } = await openFile('completion.assistant.json');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, positionOf(document, '"name"'));
    assert.ok(completionLabels(list).includes('transcriber'));
  });

  test('Push, Pull, Pull Into New File and Diff With Live send nothing', async () => {
    await vscode.commands.executeCommand('assistantConfig.setApiKey', environmentName, process.env.ASSISTANT_TEST_API_KEY);
    const file = workspaceFile('front-desk.assistant.json');
    const before = (await api('GET', '/assistant')).json.length;
    assert.equal(await vscode.commands.executeCommand('assistantConfig.push', file), undefined);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.pull', file, { id: 'any' }), undefined);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.diffWithLive', file), undefined);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.pullIntoNewFile', undefined, { id: 'any', fileName: 'x.assistant.json' }), undefined);
    assert.equal((await api('GET', '/assistant')).json.length, before);
    assert.ok(!fs.existsSync(workspaceFile('.assistant-config/state.json').fsPath), 'no state file written');
  });

  test('the sync view says sync is off (its welcome text) instead of listing anything, and sends nothing', async () => {
    const before = (await api('GET', '/assistant')).json.length;
    const view = await vscode.commands.executeCommand<{ state: string; rows: unknown[]; badge?: number }>('assistantConfig.view.refresh');
    assert.deepEqual(view, { state: 'untrusted', rows: [] });
    assert.equal((await api('GET', '/assistant')).json.length, before);
  });

  test('the code lens says sync is off instead of offering Push', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workspaceFile('front-desk.assistant.json'), 10);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.ok(titles.includes('$(shield) Sync is off in Restricted Mode'), titles.join(' | '));
    assert.ok(!titles.some((title) => title.includes('Push')), titles.join(' | '));
  });
});
