// Push, pull and diff through the commands, against the local API server, with the key in the real
// SecretStorage. Runs in order: each test builds on the remote state the previous one left.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, apiKey, environmentName, openFile, positionOf, waitFor, workspaceFile } from './helpers';

interface Result {
  status: string;
  id?: string;
  equal?: boolean;
  changes?: { path: string; kind: string }[];
  diagnostics?: { severity: number; source: string; message: string; range: { start: { line: number } } }[];
}

const push = (uri: vscode.Uri, options?: object) => vscode.commands.executeCommand<Result | undefined>('assistantConfig.push', uri, options);

suite('Sync commands', () => {
  const file = workspaceFile('front-desk.assistant.json');
  let id = '';

  suiteSetup(async () => {
    assert.equal(await vscode.commands.executeCommand('assistantConfig.selectEnvironment', environmentName), environmentName);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.setApiKey', environmentName, apiKey()), true);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Push creates the assistant and links the file in the state file, without the key', async () => {
    await openFile('front-desk.assistant.json');
    const result = await push(file);
    assert.equal(result?.status, 'created');
    id = result.id ?? '';
    const live = await api('GET', `/assistant/${id}`);
    assert.equal(live.status, 200);
    assert.equal(live.json.name, 'Front Desk');
    const state = fs.readFileSync(workspaceFile('.assistant-config/state.json').fsPath, 'utf8');
    assert.ok(state.includes(id), 'state file records the id');
    assert.ok(!state.includes(apiKey()), 'state file holds no key');
  });

  test('Push checks the file with the language server first: schema errors stop it and nothing is sent', async () => {
    // The extension carries no validator: the check is the server's (assistantConfig/validate), on the
    // editor's text, even before the file is saved.
    const problems = workspaceFile('problems.assistant.json');
    const { document } = await openFile('problems.assistant.json');
    const before = (await api('GET', '/assistant')).json.length;
    const result = await push(problems);
    assert.equal(result?.status, 'invalid');
    const diagnostics = result.diagnostics ?? [];
    assert.deepEqual(
      diagnostics.map((d) => [d.severity, d.source, document.lineAt(d.range.start.line).text.trim().split(':')[0]]),
      [
        [1, 'assistant-config', '"name"'],
        [1, 'assistant-config', '"firstMesage"'],
      ],
    );
    assert.match(diagnostics[1].message, /Did you mean "firstMessage"\?/);
    assert.equal((await api('GET', '/assistant')).json.length, before, 'nothing was created');
  });

  test('Push of an unchanged file sends nothing and says so', async () => {
    const before = (await api('GET', `/assistant/${id}`)).json.updatedAt;
    assert.equal((await push(file))?.status, 'unchanged');
    assert.equal((await api('GET', `/assistant/${id}`)).json.updatedAt, before);
  });

  test('Diff With Live opens the file itself against the live copy laid out as the file is, and lists the changed paths', async () => {
    assert.equal((await api('PATCH', `/assistant/${id}`, { firstMessage: 'Changed in the dashboard' })).status, 200);
    const result = await vscode.commands.executeCommand<Result>('assistantConfig.diffWithLive', file);
    assert.equal(result.equal, false);
    assert.deepEqual(result.changes, [{ path: 'firstMessage', kind: 'changed' }]);
    const tab = await waitFor('the diff tab', () => {
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      return input instanceof vscode.TabInputTextDiff ? input : undefined;
    });
    assert.equal(tab.original.scheme, 'assistant-live');
    assert.equal(tab.modified.toString(), file.toString(), 'the right side is the file itself, editable');
    const live = await vscode.workspace.openTextDocument(tab.original);
    assert.match(live.getText(), /"firstMessage": "Changed in the dashboard"/);
    assert.doesNotMatch(live.getText(), /"id"|"orgId"|"createdAt"/, 'server-managed fields are not shown');
    const local = await vscode.workspace.openTextDocument(tab.modified);
    assert.match(local.getText(), /"firstMessage": "Thanks for calling Riverside Dental/);
    // Laid out as the file is: the one change is the one differing line, on the file's own line number.
    const liveLines = live.getText().split('\n');
    const fileLines = local.getText().split('\n');
    assert.equal(liveLines.length, fileLines.length);
    const differing = fileLines.flatMap((line, i) => (line === liveLines[i] ? [] : [i]));
    assert.deepEqual(differing, [fileLines.findIndex((line) => line.includes('"firstMessage"'))]);
  });

  test('Push stops on a remote change, and overwrites only when told to', async () => {
    const editor = await openFile('front-desk.assistant.json');
    await editor.edit((edit) => edit.replace(rangeOf(editor.document, '600'), '900'));
    await editor.document.save();

    const stopped = await push(file, { onConflict: 'cancel' });
    assert.equal(stopped?.status, 'conflict');
    let live = (await api('GET', `/assistant/${id}`)).json;
    assert.equal(live.firstMessage, 'Changed in the dashboard');
    assert.equal(live.maxDurationSeconds, 600);

    const overwritten = await push(file, { onConflict: 'overwrite' });
    assert.equal(overwritten?.status, 'updated');
    live = (await api('GET', `/assistant/${id}`)).json;
    assert.equal(live.maxDurationSeconds, 900);
    assert.match(live.firstMessage, /^Thanks for calling Riverside Dental/);
  });

  test('Pull writes the live copy through an undoable edit', async () => {
    assert.equal((await api('PATCH', `/assistant/${id}`, { name: 'Front Desk (renamed live)' })).status, 200);
    const editor = await openFile('front-desk.assistant.json');
    const result = await vscode.commands.executeCommand<Result>('assistantConfig.pull', file);
    assert.equal(result.status, 'written');
    assert.match(editor.document.getText(), /"name": "Front Desk \(renamed live\)"/);
    assert.match(fs.readFileSync(file.fsPath, 'utf8'), /"name": "Front Desk \(renamed live\)"/, 'saved to disk');
    assert.equal((await vscode.commands.executeCommand<Result>('assistantConfig.diffWithLive', file)).equal, true);

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.match(editor.document.getText(), /"name": "Front Desk",/, 'Undo restores the text before the pull');
    await vscode.commands.executeCommand('redo');
    await editor.document.save();
  });

  test('Pull Into New File writes a linked file for a given id', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const result = await vscode.commands.executeCommand<Result & { uri: string }>('assistantConfig.pullIntoNewFile', folder, {
      id,
      fileName: 'pulled.assistant.json',
    });
    assert.equal(result.status, 'written');
    const text = fs.readFileSync(workspaceFile('pulled.assistant.json').fsPath, 'utf8');
    assert.match(text, /"name": "Front Desk \(renamed live\)"/);
    assert.doesNotMatch(text, /"orgId"|"createdAt"/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, workspaceFile('pulled.assistant.json').fsPath);
  });

  test('Push names the legacy fields the API rejects: Cancel sends nothing; Migrate and Push moves the certain ones', async () => {
    const legacy = workspaceFile('legacy-shape.assistant.json');
    const { document } = await openFile('legacy-shape.assistant.json');
    const before = (await api('GET', '/assistant')).json.length;
    assert.deepEqual(await push(legacy, { onLegacy: 'cancel' }), { status: 'not-pushed', reason: 'legacy-fields' });
    assert.equal((await api('GET', '/assistant')).json.length, before, 'nothing was sent');
    assert.match(document.getText(), /"hipaaEnabled": false/, 'the file is as it was');

    // Migrate and Push: Fix All moves hipaaEnabled and recordingEnabled and saves; silenceTimeoutSeconds has no
    // certain place, so the API still rejects the push, and its 400 lands on that key's line.
    assert.equal((await push(legacy, { onLegacy: 'migrate' }))?.status, 'invalid');
    const saved = JSON.parse(fs.readFileSync(legacy.fsPath, 'utf8'));
    assert.deepEqual([saved.compliancePlan, saved.artifactPlan, saved.hipaaEnabled, saved.recordingEnabled], [{ hipaaEnabled: false }, { recordingEnabled: true }, undefined, undefined]);
    assert.equal(document.isDirty, false, 'the migrated file is saved');
    const fromApi = await waitFor('API diagnostics', () => {
      const found = vscode.languages.getDiagnostics(legacy).filter((d) => d.source === 'vapi');
      return found.length ? found : undefined;
    });
    assert.deepEqual(fromApi.map((d) => document.lineAt(d.range.start.line).text.trim().split(':')[0]), ['"silenceTimeoutSeconds"']);
    assert.match(fromApi[0].message, /should not exist/);
  });

  test('An Insighto environment pushes and diffs an Insighto file the same way', async () => {
    assert.equal(await vscode.commands.executeCommand('assistantConfig.selectEnvironment', 'local-insighto'), 'local-insighto');
    assert.equal(await vscode.commands.executeCommand('assistantConfig.setApiKey', 'local-insighto', apiKey()), true);
    const insighto = workspaceFile('helpdesk.insighto.assistant.json');
    await openFile('helpdesk.insighto.assistant.json');
    const created = await push(insighto);
    assert.equal(created?.status, 'created');
    const live = await fetch(`${process.env.ASSISTANT_TEST_INSIGHTO_API}/assistant/${created.id}?api_key=${apiKey()}`);
    assert.equal(((await live.json()) as { data: { name: string } }).data.name, 'Helpdesk');
    assert.equal((await vscode.commands.executeCommand<Result>('assistantConfig.diffWithLive', insighto)).equal, true);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.selectEnvironment', environmentName), environmentName);
  });

  test('Sign Out forgets the key: the next push asks again, and sends nothing when dismissed', async () => {
    assert.equal(await vscode.commands.executeCommand('assistantConfig.signOut', environmentName), true);
    const before = (await api('GET', '/assistant')).json.length;
    const pushing = push(workspaceFile('completion.assistant.json'));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await pushing, undefined);
    assert.equal((await api('GET', '/assistant')).json.length, before);
  });
});

function rangeOf(document: vscode.TextDocument, needle: string): vscode.Range {
  const start = positionOf(document, needle);
  return new vscode.Range(start, start.translate(0, needle.length));
}
