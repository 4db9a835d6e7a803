// A tool file in VS Code: the language, the code lens naming its schema, completion of its type's keys and
// Push to the tool collection of the local API.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, apiKey, completionLabels, environmentName, openFile, positionOf, waitFor, workspaceFile } from './helpers';

suite('Tool files', () => {
  const file = workspaceFile('lookup-order.tool.json');

  suiteSetup(async () => {
    assert.equal(await vscode.commands.executeCommand('assistantConfig.selectEnvironment', environmentName), environmentName);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.setApiKey', environmentName, apiKey()), true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a *.tool.json file gets the language, and its code lens names the Vapi tool schema', async () => {
    const { document } = await openFile('lookup-order.tool.json');
    assert.equal(document.languageId, 'assistant-json');
    const titles = await waitFor('the schema lens', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file, 10);
      const found = lenses.map((lens) => lens.command?.title ?? '');
      return found.some((title) => title.startsWith('Vapi tool schema')) ? found : undefined;
    });
    assert.ok(titles.includes(`$(cloud) ${environmentName}: not pushed yet`), titles.join(' | '));
  });

  test('completion in a function tool offers the function tool\'s keys', async () => {
    const { document } = await openFile('lookup-order.tool.json');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, positionOf(document, '"server"'));
    const labels = completionLabels(list);
    for (const key of ['async', 'messages', 'rejectionPlan']) assert.ok(labels.includes(key), `${key} in ${labels.join(',')}`);
    assert.ok(!labels.includes('url') && !labels.includes('destinations'), `no other type's keys: ${labels.join(',')}`);
  });

  test('Push creates the tool in the tool collection', async () => {
    await openFile('lookup-order.tool.json');
    const result = await vscode.commands.executeCommand<{ status: string; id?: string } | undefined>('assistantConfig.push', file);
    assert.equal(result?.status, 'created');
    const live = await api('GET', `/tool/${result.id}`);
    assert.equal(live.status, 200);
    assert.equal(live.json.function.name, 'lookup_order');
  });
});
