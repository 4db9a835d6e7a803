// The sync view against the local API, in a workspace of its own (test/integration/fixtures/view-workspace)
// and an org that starts empty: the rows' states, icons and badge, refreshing after a save and after a sync
// command, Plan, Apply All Changed and Pull Org Into Folder. Runs in order: each test builds on the last.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { api, apiKey, environmentName, openFile, waitFor, workspaceFile } from './helpers';

interface Row {
  depth: number;
  label: string;
  description: string;
  icon: string;
  contextValue?: string;
}
interface Snapshot {
  state: string;
  badge?: number;
  rows: Row[];
}

const refresh = () => vscode.commands.executeCommand<Snapshot>('assistantConfig.view.refresh');
const snapshot = () => vscode.commands.executeCommand<Snapshot>('assistantConfig.view.snapshot');
const push = (uri: vscode.Uri) => vscode.commands.executeCommand<{ status: string; id?: string } | undefined>('assistantConfig.push', uri);

/** "label: description (icon)" of the file and live-only rows, for one readable comparison. */
function resourceRows(view: Snapshot): string[] {
  return view.rows.filter((row) => row.contextValue?.startsWith('file:') || row.contextValue === 'orphan').map((row) => `${row.label}: ${row.description} (${row.icon})`);
}

function row(view: Snapshot, label: string): Row {
  const found = view.rows.find((candidate) => candidate.label === label);
  assert.ok(found, `a row '${label}' in ${JSON.stringify(view.rows.map((candidate) => candidate.label))}`);
  return found;
}

suite('Sync view', () => {
  const inSync = workspaceFile('assistants/in-sync.assistant.json');
  const localChange = workspaceFile('assistants/local-change.assistant.json');
  const liveChange = workspaceFile('tools/live-change.tool.json');

  suiteSetup(async () => {
    assert.equal(await vscode.commands.executeCommand('assistantConfig.selectEnvironment', environmentName), environmentName);
    assert.equal(await vscode.commands.executeCommand('assistantConfig.setApiKey', environmentName, apiKey()), true);
    assert.equal((await api('GET', '/assistant')).json.length, 0, 'the org starts empty');
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('the tree shows each file with its state, the live-only resource, and a badge counting the files that differ', async () => {
    for (const file of [inSync, localChange]) assert.equal((await push(file))?.status, 'created');
    const pushedTool = await push(liveChange);
    assert.equal(pushedTool?.status, 'created');
    const toolId = pushedTool.id ?? '';
    fs.writeFileSync(localChange.fsPath, fs.readFileSync(localChange.fsPath, 'utf8').replace('Hello, this is', 'Good morning, this is'));
    const tool = (await api('GET', `/tool/${toolId}`)).json;
    assert.equal((await api('PATCH', `/tool/${toolId}`, { type: 'function', function: { ...tool.function, description: 'Tells the opening hours of a day (edited in the dashboard).' } })).status, 200);
    assert.equal((await api('POST', '/assistant', { name: 'Dashboard Only', firstMessage: 'Made in the dashboard.' })).status, 201);

    const view = await refresh();
    assert.equal(view.state, 'ready');
    assert.deepEqual(
      view.rows.filter((candidate) => candidate.depth < 2).map((candidate) => `${candidate.depth} ${candidate.label}: ${candidate.description}`),
      [`0 local: vapi · ${process.env.ASSISTANT_TEST_API}`, '1 Assistants: 3 file(s) · 2 differ · 1 live only', '1 Tools: 1 file(s) · 1 differ'],
    );
    assert.deepEqual(resourceRows(view), [
      'in-sync.assistant.json: in sync · assistants (pass)',
      'local-change.assistant.json: local changes · assistants (arrow-circle-up)',
      'not-pushed.assistant.json: not pushed · assistants (cloud-upload)',
      'Dashboard Only: live only, no file (cloud)',
      'live-change.tool.json: live changed · tools (arrow-circle-down)',
    ]);
    assert.equal(view.badge, 3, 'not pushed, local changes and live changed differ');
    // Push and Pull and Diff With Live are offered on the rows by their state (package.json's view/item/context).
    assert.equal(row(view, 'live-change.tool.json').contextValue, 'file:live-changed');
  });

  test('the code lens of an open file says what the view found live: the same state from the same source', async () => {
    const { document } = await openFile('tools/live-change.tool.json');
    const title = await waitFor('the code lens to say live changed', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
      return lenses.map((lens) => lens.command?.title ?? '').find((candidate) => candidate.includes('live changed'));
    });
    assert.equal(title, '$(cloud-download) local: live changed since last sync');
    assert.equal(row(await snapshot(), 'live-change.tool.json').description, 'live changed · tools');
  });

  test('a save refreshes the tree, and so does a sync command, without Refresh', async () => {
    const editor = await openFile('assistants/in-sync.assistant.json');
    await editor.edit((edit) => edit.insert(editor.document.positionAt(editor.document.getText().indexOf('opening hours.') + 'opening hours'.length), ' and holidays'));
    await editor.document.save();
    await waitFor('the row to say local changes', async () => row(await snapshot(), 'in-sync.assistant.json').description === 'local changes · assistants' || undefined);
    assert.equal((await snapshot()).badge, 4);
    // Push from the row: the command takes the row (its file) as a menu passes it.
    assert.equal((await vscode.commands.executeCommand<{ status: string }>('assistantConfig.push', { type: 'file', resourceUri: inSync }))?.status, 'updated');
    await waitFor('the row to say in sync again', async () => row(await snapshot(), 'in-sync.assistant.json').description === 'in sync · assistants' || undefined);
    assert.equal((await snapshot()).badge, 3);
  });

  test('Plan shows the steps in order as a Markdown preview, and sends nothing', async () => {
    const before = (await api('GET', '/assistant')).json.length;
    const result = await vscode.commands.executeCommand<{ markdown: string; plan: { steps: { action: string; file: { key: string } }[] } }>('assistantConfig.plan');
    assert.deepEqual(
      result.plan.steps.map((step) => `${step.action} ${step.file.key}`),
      ['update assistants/local-change.assistant.json', 'create assistants/not-pushed.assistant.json', 'conflict tools/live-change.tool.json'],
    );
    assert.match(result.markdown, /^### Assistant Config plan for `local`/);
    assert.match(result.markdown, /\| 2 \| ➕ create \| assistant \| `assistants\/not-pushed\.assistant\.json` \| new \|/);
    assert.match(result.markdown, /Apply All Changed takes a change made only live into its file/);
    await waitFor('the Markdown preview', () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find((tab) => tab.input instanceof vscode.TabInputWebview && tab.label.includes('Plan for local')));
    assert.equal((await api('GET', '/assistant')).json.length, before, 'nothing was created');
  });

  test('Apply All Changed creates, updates and takes the live-only change into its file; the tree is then all in sync', async () => {
    const result = await vscode.commands.executeCommand<{ status: string; counts: Record<string, number> }>('assistantConfig.applyAll', { confirmed: true });
    assert.equal(result.status, 'done');
    assert.deepEqual(result.counts, { created: 1, updated: 1, pulled: 1, unchanged: 0, skipped: 0, failed: 0 });
    const names = (await api('GET', '/assistant')).json.map((assistant: { name: string }) => assistant.name).sort();
    assert.deepEqual(names, ['Dashboard Only', 'View In Sync', 'View Local Change', 'View Not Pushed']);
    const updated = (await api('GET', '/assistant')).json.find((assistant: { name: string }) => assistant.name === 'View Local Change');
    assert.match(updated.firstMessage, /^Good morning/);
    assert.match(fs.readFileSync(liveChange.fsPath, 'utf8'), /edited in the dashboard/, 'the tool file took the live copy');

    const view = await waitFor('every file in sync', async () => {
      const current = await snapshot();
      return resourceRows(current).filter((line) => line.includes('.json:')).every((line) => line.includes(': in sync')) ? current : undefined;
    });
    assert.equal(view.badge, undefined, 'no badge when nothing differs');
    assert.ok(resourceRows(view).includes('Dashboard Only: live only, no file (cloud)'), 'the live-only assistant is left alone');
  });

  test('Pull Org Into Folder writes the live-only resource into a file, linked; then nothing is live only', async () => {
    const folder = workspaceFile('org');
    const result = await vscode.commands.executeCommand<{ counts: { written: number; unchanged: number }; files: { path: string; status: string }[] }>('assistantConfig.pullOrg', { folder });
    assert.deepEqual(result.counts, { written: 1, unchanged: 4, localChanges: 0 });
    const written = result.files.filter((file) => file.status === 'written').map((file) => vscode.workspace.asRelativePath(file.path));
    assert.deepEqual(written, ['org/assistants/dashboard-only.assistant.json']);
    assert.match(fs.readFileSync(workspaceFile('org/assistants/dashboard-only.assistant.json').fsPath, 'utf8'), /"name": "Dashboard Only"/);

    const view = await waitFor('the pulled file in the tree', async () => {
      const current = await snapshot();
      return current.rows.some((candidate) => candidate.label === 'dashboard-only.assistant.json') ? current : undefined;
    });
    assert.equal(row(view, 'dashboard-only.assistant.json').description, 'in sync · org/assistants');
    assert.ok(!view.rows.some((candidate) => candidate.contextValue === 'orphan'), 'nothing is live only');
    assert.equal(view.badge, undefined);
    // Pulled again, nothing changes.
    const again = await vscode.commands.executeCommand<{ counts: { written: number } }>('assistantConfig.pullOrg', { folder });
    assert.equal(again.counts.written, 0);
  });
});
