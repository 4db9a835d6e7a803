// Update Schemas from Live API in VS Code: the local API serves a live OpenAPI document at /api-json with a
// new model name and a new top-level field (test/live/liveApi.ts). Before the update the code lens names the
// bundled schema and the new field is an error; after it, the lens says live and the file has no such error.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { liveChanges } from '../live/liveApi';
import { activateExtension, waitFor, workspaceFile } from './helpers';

async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
  return lenses.map((lens) => lens.command?.title ?? '');
}

const liveOnly = (diagnostic: vscode.Diagnostic) => diagnostic.message.includes(liveChanges.topLevelField) || diagnostic.message.includes(liveChanges.modelName);

suite('Update Schemas from Live API', () => {
  test('the lens says bundled and the live-only field is an error; after the update, the lens says live and the file has no error', async () => {
    await activateExtension();
    const uri = workspaceFile('live-schema.assistant.json');
    fs.writeFileSync(uri.fsPath, JSON.stringify({ name: 'Live', [liveChanges.topLevelField]: 'Hi', model: { provider: 'openai', model: liveChanges.modelName } }, null, 2) + '\n');
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor('the live-only field reported by the bundled schema', () => vscode.languages.getDiagnostics(uri).some(liveOnly) || undefined);
      assert.ok((await waitFor('the schema lens', async () => (await lensTitles(uri)).find((title) => title.includes('schema')))).includes('(bundled)'));

      const outcome = await vscode.commands.executeCommand('assistantConfig.updateSchemas');
      assert.equal(outcome, 'updated');
      await waitFor('the file checked again with the live schema', () => (vscode.languages.getDiagnostics(uri).some(liveOnly) ? undefined : true), 30_000);
      const lens = await waitFor('the lens naming the live schema', async () => (await lensTitles(uri)).find((title) => title.includes('(live)')), 30_000);
      assert.match(lens, /^Vapi assistant schema · API \d{4}-\d{2}-\d{2} \(live\)/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(uri.fsPath, { force: true });
    }
  });
});
