// File references through the VS Code commands, against the local API: Push of a squad creates the
// assistant and tool it refers to first, in order; a referenced file changed locally is sent only when the
// user says so; Diff With Live sees a reference and the id it resolves to as equal.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, apiKey, environmentName, workspaceFile } from './helpers';

interface StepResult {
  step: { action: string; file: { key: string } };
  outcome: { status: string; id?: string };
}
interface Result {
  status: string;
  id?: string;
  equal?: boolean;
  dependencies?: StepResult[];
  skipped?: { file: { key: string } }[];
}

function write(name: string, content: unknown): vscode.Uri {
  const uri = workspaceFile(name);
  fs.mkdirSync(vscode.Uri.joinPath(uri, '..').fsPath, { recursive: true });
  fs.writeFileSync(uri.fsPath, JSON.stringify(content, null, 2) + '\n');
  return uri;
}

const tool = (description: string) => ({
  type: 'function',
  function: { name: 'lookup_order', description, parameters: { type: 'object', properties: {} } },
  server: { url: 'https://example.com/tools' },
});

suite('File references', () => {
  const toolFile = () => workspaceFile('refs/tools/lookup.tool.json');
  const deskFile = () => workspaceFile('refs/assistants/desk.assistant.json');
  const squadFile = () => workspaceFile('refs/squads/support.squad.json');

  suiteSetup(async () => {
    assert.equal(await vscode.commands.executeCommand('assistantConfig.selectEnvironment', environmentName), environmentName);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.setApiKey', environmentName, apiKey()), true);
    write('refs/tools/lookup.tool.json', tool('Looks up an order.'));
    write('refs/assistants/desk.assistant.json', { name: 'Refs Desk', model: { provider: 'openai', model: 'gpt-4o', toolIds: ['../tools/lookup.tool.json'] } });
    write('refs/squads/support.squad.json', { name: 'Refs Support', members: [{ assistantId: '../assistants/desk.assistant.json' }] });
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceFile('refs').fsPath, { recursive: true, force: true });
  });

  test('Push of a squad creates the tool, then the assistant, then the squad, each id in its field', async () => {
    const result = await vscode.commands.executeCommand<Result>('assistantConfig.push', squadFile());
    assert.equal(result?.status, 'created');
    assert.deepEqual(result.dependencies?.map((entry) => `${entry.outcome.status} ${entry.step.file.key}`), ['created refs/tools/lookup.tool.json', 'created refs/assistants/desk.assistant.json']);
    const [toolId, deskId] = result.dependencies!.map((entry) => entry.outcome.id);
    assert.deepEqual((await api('GET', `/assistant/${deskId}`)).json.model.toolIds, [toolId]);
    assert.deepEqual((await api('GET', `/squad/${result.id}`)).json.members, [{ assistantId: deskId }]);
  });

  test('A referenced file changed locally is pushed only when the user says so', async () => {
    write('refs/tools/lookup.tool.json', tool('Looks up an order by its number.'));
    const leftAlone = await vscode.commands.executeCommand<Result>('assistantConfig.push', deskFile(), { onChangedDependencies: 'skip' });
    assert.equal(leftAlone?.status, 'unchanged');
    assert.deepEqual(leftAlone.skipped?.map((step) => step.file.key), ['refs/tools/lookup.tool.json']);
    const state = JSON.parse(fs.readFileSync(workspaceFile('.assistant-config/state.json').fsPath, 'utf8'));
    const toolId = state.files['refs/tools/lookup.tool.json'][environmentName].id as string;
    assert.equal((await api('GET', `/tool/${toolId}`)).json.function.description, 'Looks up an order.');

    const sent = await vscode.commands.executeCommand<Result>('assistantConfig.push', deskFile(), { onChangedDependencies: 'push' });
    assert.deepEqual(sent?.dependencies?.map((entry) => `${entry.outcome.status} ${entry.step.file.key}`), ['updated refs/tools/lookup.tool.json']);
    assert.equal((await api('GET', `/tool/${toolId}`)).json.function.description, 'Looks up an order by its number.');
  });

  test('Diff With Live treats the reference and the id it resolves to as equal', async () => {
    const result = await vscode.commands.executeCommand<Result>('assistantConfig.diffWithLive', deskFile());
    assert.equal(result?.equal, true);
    assert.ok(toolFile());
  });
});
