import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
    for (const id of ['push', 'pull', 'pullIntoNewFile', 'diffWithLive', 'selectEnvironment', 'setApiKey', 'signOut', 'updateSchemas']) {
      assert.ok(commands.includes(`assistantConfig.${id}`), `assistantConfig.${id} is registered`);
    }
  });

  test('code lenses at the top of the file name the schema and offer Push, Pull and Diff', async () => {
    const uri = workspaceFile('front-desk.assistant.json');
    const titles = await waitFor('code lenses with the schema', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      const found = lenses.map((lens) => lens.command?.title ?? '');
      return found.some((title) => title.startsWith('Vapi assistant schema')) ? found : undefined;
    });
    assert.ok(titles.includes('Vapi assistant schema · API 2026-08-18 (bundled)'), titles.join(' | '));
    assert.ok(titles.includes(`$(cloud-upload) Push to ${environmentName}`), titles.join(' | '));
    assert.ok(titles.includes('$(cloud-download) Pull'), titles.join(' | '));
    assert.ok(titles.includes('$(diff) Diff With Live'), titles.join(' | '));
    assert.ok(titles.includes(`$(cloud) ${environmentName}: not pushed yet`), titles.join(' | '));
  });

  test('activates on opening an assistant file, not at start-up (VS Code\'s own activation timers)', async () => {
    // Developer: Startup Performance opens a document that lists each extension's activation: its event and
    // VS Code's timers (load code, call activate, finish activate). The runner prints the times.
    await vscode.commands.executeCommand('perfview.show');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'perf', path: 'Startup Performance' }));
    const row = await waitFor('our row in the activation stats', () => activationRow(document.getText()), 30_000);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.equal(row.Eager, 'false', `not activated at start-up: ${JSON.stringify(row)}`);
    assert.equal(row.Event, 'onLanguage:assistant-json', JSON.stringify(row));
    const times = timesOf(row);
    for (const [name, ms] of Object.entries(times)) assert.ok(Number.isFinite(ms) && ms >= 0, `${name}: ${JSON.stringify(row)}`);
    if (process.env.ASSISTANT_TEST_RESULTS) {
      // VS Code's own extensions activated in the same window, for scale (the JSON one bundles the same language client).
      const others = Object.fromEntries(
        activationRows(document.getText())
          .filter((other) => idOf(other) !== extensionId && idOf(other).startsWith('vscode.'))
          .map((other) => [idOf(other), timesOf(other)]),
      );
      fs.writeFileSync(path.join(path.dirname(process.env.ASSISTANT_TEST_RESULTS), 'activation.json'), JSON.stringify({ ...times, others }, null, 2));
    }
  });
});

/** An extension's activation times in VS Code's table. */
function timesOf(row: Record<string, string>) {
  return { loadCodeMs: Number(row['Load Code']), callActivateMs: Number(row['Call Activate']), finishActivateMs: Number(row['Finish Activate']) };
}

/** Our row of the "Extension Activation Stats" table, by column name, once VS Code has filled it in. */
function activationRow(markdown: string): Record<string, string> | undefined {
  return activationRows(markdown).find((row) => idOf(row) === extensionId);
}

/** The extension a row is about: its first column. */
function idOf(row: Record<string, string>): string {
  return Object.values(row)[0] ?? '';
}

/** The rows of the "Extension Activation Stats" table, each by column name. */
function activationRows(markdown: string): Record<string, string>[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.includes('Extension Activation Stats'));
  if (start < 0) return [];
  const cells = (line: string) => line.split('|').slice(1, -1).map((cell) => cell.trim());
  const header = lines.slice(start).find((line) => line.includes('Load Code'));
  if (!header) return [];
  const names = cells(header);
  const rows = [];
  for (const line of lines.slice(lines.indexOf(header) + 1)) {
    if (!line.startsWith('|')) break;
    const values = cells(line);
    if (values.every((value) => /^[-:]*$/.test(value))) continue; // the separator row
    rows.push(Object.fromEntries(values.map((cell, index) => [names[index], cell])));
  }
  return rows;
}
