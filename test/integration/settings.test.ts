// Environments are user settings with application scope: a workspace cannot add one or redirect a key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { environmentName } from './helpers';

suite('Settings', () => {
  test('a workspace value of assistantConfig.environments is ignored', async () => {
    // The fixture's .vscode/settings.json defines "attacker"; the runner's user settings define "local".
    const inspected = vscode.workspace.getConfiguration('assistantConfig').inspect<Record<string, unknown>>('environments');
    assert.ok(inspected?.globalValue && environmentName in inspected.globalValue, 'the user environment is there');
    const effective = vscode.workspace.getConfiguration('assistantConfig').get<Record<string, unknown>>('environments') ?? {};
    assert.ok(!('attacker' in effective), `VS Code ignores the workspace value: ${Object.keys(effective).join(',')}`);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.selectEnvironment', 'attacker'), undefined);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.selectEnvironment', environmentName), environmentName);
  });
});
