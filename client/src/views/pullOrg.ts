// Pull Org Into Folder (the sync view's title action, and the explorer's folder menu): every assistant, tool,
// squad and structured output of the environment into assistants/, tools/, squads/, structured-outputs/ of a
// folder, ids written as references to the files that hold them, each linked. A resource already linked to
// a file is pulled into that file; files with changes not synced are kept unless the user says otherwise.
import * as path from 'node:path';
import vscode = require('vscode');
import type { PullAllResult } from '../../../sync/src/index';
import { syncEngine } from '../syncEngine';
import type { Services } from '../services';
import { promptFileLines } from '../settings';
import { confirmOverwrite, folderToSync, isCommandOptions, notify, requireTrust, runSync } from '../syncSession';

export interface PullOrgOptions {
  /** The folder to pull into; without it (and without a folder from the explorer) the user picks one. */
  folder?: vscode.Uri;
  /** Files with changes not synced: ask (default, modal), overwrite them, or keep them. */
  onLocalChanges?: 'ask' | 'overwrite' | 'cancel';
}

async function chooseFolder(given: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (given) return given;
  const workspaceFolder = await folderToSync();
  if (!workspaceFolder) return undefined;
  const picked = await vscode.window.showOpenDialog({
    title: 'Pull Org Into Folder',
    defaultUri: workspaceFolder.uri,
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: 'Pull Into This Folder',
  });
  return picked?.[0];
}

export function registerPullOrg(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('assistantConfig.pullOrg', async (argument?: unknown, options?: unknown): Promise<PullAllResult | undefined> => {
    if (!requireTrust()) return undefined;
    const opts: PullOrgOptions = isCommandOptions<PullOrgOptions>(options) ? options : isCommandOptions<PullOrgOptions>(argument) ? argument : {};
    const target = await chooseFolder(argument instanceof vscode.Uri ? argument : opts.folder);
    if (!target) return undefined;
    const folder = vscode.workspace.getWorkspaceFolder(target);
    if (!folder) {
      void vscode.window.showErrorMessage(`${target.fsPath} is outside the open folders: pull into a folder of the workspace, where its state file keeps the links.`);
      return undefined;
    }
    // asRelativePath gives the folder itself as its full path: the folder's name reads better.
    const where = target.fsPath === folder.uri.fsPath ? folder.name : vscode.workspace.asRelativePath(target, true);
    const run = (overwrite: boolean) =>
      runSync(services, `Pulling the org into ${where}`, folder, undefined, (ctx) =>
        syncEngine().pullAll(ctx, {
          folder: target.fsPath,
          overwrite,
          promptFileLines: promptFileLines(target),
          onResource: (event) => ctx.onProgress?.(`${event.index + 1}/${event.total}: ${path.relative(target.fsPath, event.path)}`),
        }),
      );
    let result = await run(false);
    if (!result) return undefined;
    const kept = result.files.filter((file) => file.status === 'local-changes');
    if (kept.length) {
      const names = kept.map((file) => vscode.workspace.asRelativePath(file.path));
      const overwrite = await confirmOverwrite(
        opts.onLocalChanges ?? 'ask',
        `${kept.length} file(s) have changes not synced with '${services.environments.selected()?.name}': ${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}.`,
        'Overwrite replaces them with the live copies; Keep leaves them as they are (the rest was pulled).',
      );
      if (overwrite) result = (await run(true)) ?? result;
    }
    for (const file of result.files) services.log.info(`Pull org: ${file.status} ${vscode.workspace.asRelativePath(file.path)} (${file.kind} ${file.id})`);
    const { written, unchanged, localChanges } = result.counts;
    notify(
      services,
      written === 0 && localChanges === 0
        ? `Nothing changed: all ${result.files.length} resource(s) already match their files in ${where}.`
        : `Pulled ${result.files.length} resource(s) into ${where}: ${written} written, ${unchanged} unchanged${localChanges ? `, ${localChanges} kept (local changes)` : ''}.`,
    );
    return result;
  });
}
