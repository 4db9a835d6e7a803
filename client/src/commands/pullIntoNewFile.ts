// Assistant Config: Pull Into New File — writes a live assistant (picked from the environment's full list, or
// given by id) into a new file in the workspace and links the two.
import * as fs from 'node:fs';
import * as path from 'node:path';
import vscode = require('vscode');
import { kindOf } from '../../../core/src/kinds';
import type { PullResult } from '../../../sync/src/index';
import { pickRemote } from '../remotePicker';
import type { Services } from '../services';
import { promptFileLines } from '../settings';
import { syncEngine } from '../syncEngine';
import { isCommandOptions, notify, requireTrust, runSync } from '../syncSession';

export interface PullIntoNewFileOptions {
  /** The assistant to pull; without it the user picks one. */
  id?: string;
  /** File name inside the folder; without it the user confirms a name made from the assistant's name. */
  fileName?: string;
}

export function registerPullIntoNewFile(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('assistantConfig.pullIntoNewFile', async (folderUri?: unknown, options?: unknown) => {
    if (!requireTrust()) return undefined;
    const opts: PullIntoNewFileOptions = isCommandOptions<PullIntoNewFileOptions>(options) ? options : {};
    const directory = await targetDirectory(folderUri instanceof vscode.Uri ? folderUri : undefined);
    const folder = directory && vscode.workspace.getWorkspaceFolder(directory);
    if (!directory || !folder) return undefined;
    const env = services.environments.selected();
    const assistant = opts.id ? { id: opts.id } : await pickRemote(services, folder, 'assistant', 'assistant');
    if (!assistant || !env) return undefined;

    const suggested = syncEngine().suggestFileName(assistant, kindOf(env.vendor, 'assistant')!);
    const fileName =
      opts.fileName ??
      (await vscode.window.showInputBox({
        title: 'Pull Into New File',
        prompt: `File for '${assistant.id}' in ${vscode.workspace.asRelativePath(directory)}`,
        value: suggested,
        valueSelection: [0, suggested.indexOf('.')],
        validateInput: (value) => validateFileName(directory, value),
      }));
    if (!fileName) return undefined;
    const problem = validateFileName(directory, fileName);
    if (problem) {
      void vscode.window.showErrorMessage(problem);
      return undefined;
    }
    const file = vscode.Uri.joinPath(directory, fileName);
    const outcome = await runSync(services, `Pulling into ${fileName}`, folder, file, async (ctx) => ({
      env: ctx.env,
      result: await syncEngine().pull(ctx, { id: assistant.id, path: file.fsPath, promptFileLines: promptFileLines(file), write: (text) => createThroughEditor(file, text) }),
    }));
    if (!outcome) return undefined;
    await vscode.window.showTextDocument(file);
    notify(services, `Pulled '${assistant.id}' from '${outcome.env.name}' into ${vscode.workspace.asRelativePath(file)}.`);
    return { ...outcome.result, uri: file.toString() } satisfies PullResult & { uri: string };
  });
}

async function targetDirectory(folderUri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (folderUri) return folderUri;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0]?.uri;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the pulled assistant' }))?.uri;
}

function validateFileName(directory: vscode.Uri, name: string): string | undefined {
  if (!/^[^/\\]+\.assistant\.json$/.test(name)) return 'Use a file name ending in .assistant.json (no folders).';
  if (fs.existsSync(path.join(directory.fsPath, name))) return `${name} already exists here; Pull into that file instead, or pick another name.`;
  return undefined;
}

/** Creates the file with a WorkspaceEdit (undoable, like every pull) and saves it. */
async function createThroughEditor(file: vscode.Uri, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(file, { contents: new TextEncoder().encode(text) });
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code could not create ${path.basename(file.fsPath)}.`);
}
