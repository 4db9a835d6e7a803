// Runs one sync operation for a file: checks trust, environment and key, shows a cancellable progress
// notification, and turns failures into messages that offer the next step.
import * as path from 'node:path';
import vscode = require('vscode');
import { detectKind } from '../../core/src/kindOfFile';
import { resourceKinds, type ResourceKind } from '../../core/src/kinds';
import type { Environment, LocalFile, SyncContext } from '../../sync/src/index';
import { promptForApiKey } from './commands/setApiKey';
import { syncLogger } from './log';
import { languageId, type Services } from './services';
import { syncEngine } from './syncEngine';

export interface FileTarget {
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  document: vscode.TextDocument;
  /** What the file holds: an assistant, a tool, … */
  kind: ResourceKind;
}

/** The file names sync works on, as a user reads them: "*.assistant.json, *.tool.json, …". */
const fileNames = [...new Set(resourceKinds.map((kind) => `*${kind.fileSuffix}`))].join(', ');

/** The file a command's first argument names: a Uri (explorer, editor title, code lens) or a sync view row's file. */
export function commandUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) return argument;
  const row = argument as { resourceUri?: unknown } | undefined;
  return typeof row === 'object' && row !== null && row.resourceUri instanceof vscode.Uri ? row.resourceUri : undefined;
}

/** The file a command acts on: its argument (see commandUri) or the active editor. */
export async function resolveTarget(argument: unknown): Promise<FileTarget | undefined> {
  const target = commandUri(argument) ?? vscode.window.activeTextEditor?.document.uri;
  if (!target || target.scheme !== 'file') {
    void vscode.window.showErrorMessage(`Open a resource file (${fileNames}) first.`);
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(target);
  if (!folder) {
    void vscode.window.showErrorMessage(
      `${vscode.workspace.asRelativePath(target)} is outside the open folders. Open its folder to sync it: the link to the live resource is kept in that folder's .assistant-config/state.json.`,
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(target);
  if (document.languageId !== languageId) {
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(target)} is not a resource file (${fileNames}).`);
    return undefined;
  }
  return { uri: target, folder, document, kind: detectKind(path.basename(target.fsPath), document.getText()) };
}

export function localFile(target: FileTarget): LocalFile {
  return { path: target.uri.fsPath, text: target.document.getText() };
}

/** A command's options argument: an object, but not the Uri the explorer or editor passes first. */
export function isCommandOptions<T extends object>(value: unknown): value is T {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof vscode.Uri) && commandUri(value) === undefined;
}

/** The workspace folder a workspace-wide command works on: the only one, or the one the user picks. */
export async function folderToSync(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (!folders.length) void vscode.window.showErrorMessage('Open a folder first: its resource files are what is synced.');
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder?' });
}

/** Logs a command's outcome and shows it. */
export function notify(services: Services, message: string): void {
  services.log.info(message);
  void vscode.window.showInformationMessage(message);
}

/** Whether to replace what the user would lose: `ask` shows a modal with an Overwrite button. */
export async function confirmOverwrite(policy: 'ask' | 'overwrite' | 'cancel', message: string, detail: string): Promise<boolean> {
  if (policy !== 'ask') return policy === 'overwrite';
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, 'Overwrite')) === 'Overwrite';
}

/** Sync sends workspace files to an API with the user's key: only in a trusted workspace. */
export function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showWarningMessage('Push, Pull and Diff With Live are disabled in Restricted Mode. Trust this workspace to use them.', 'Manage Workspace Trust')
    .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}

/** The selected environment with its key, asking for the key when none is stored. */
export async function environmentWithKey(services: Services): Promise<{ env: Environment; apiKey: string } | undefined> {
  const env = services.environments.selected();
  if (!env) {
    void vscode.window
      .showErrorMessage('No environment is configured. Add one under "assistantConfig.environments" in your user settings.', 'Open User Settings')
      .then((choice) => choice && vscode.commands.executeCommand('workbench.action.openSettings', 'assistantConfig.environments'));
    return undefined;
  }
  const apiKey = (await services.environments.apiKey(env)) ?? (await promptForApiKey(services, env));
  return apiKey ? { env, apiKey } : undefined;
}

/**
 * Runs `task` under a cancellable progress notification. Returns its result, or undefined after a failure
 * (already reported to the user and the log) or a cancel.
 */
export async function runSync<T>(
  services: Services,
  title: string,
  folder: vscode.WorkspaceFolder,
  fileUri: vscode.Uri | undefined,
  task: (ctx: SyncContext) => Promise<T>,
): Promise<T | undefined> {
  if (!requireTrust()) return undefined;
  const target = await environmentWithKey(services);
  if (!target) return undefined;
  const { env, apiKey } = target;
  services.log.info(`${title}: environment ${env.name} (${env.vendor}, ${env.baseUrl})`);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `${title} (${env.name})`, cancellable: true },
      (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return task({
          env,
          apiKey,
          workspaceRoot: folder.uri.fsPath,
          logger: syncLogger(services.log),
          signal: abort.signal,
          validate: services.validate,
          onProgress: (message) => progress.report({ message }),
          onWarning: (message) => {
            services.log.warn(message);
            void vscode.window.showWarningMessage(message);
          },
        });
      },
    );
  } catch (error) {
    reportFailure(services, title, env, fileUri, error);
    return undefined;
  } finally {
    services.syncStateChanged.fire();
  }
}

function reportFailure(services: Services, title: string, env: Environment, fileUri: vscode.Uri | undefined, error: unknown): void {
  if (!(error instanceof syncEngine().SyncError)) {
    services.log.error(`${title} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    offer(`${title} failed: ${error instanceof Error ? error.message : String(error)}`, ['Open Log'], services, env);
    return;
  }
  if (error.kind === 'cancelled') {
    services.log.info(`${title} cancelled`);
    void vscode.window.showInformationMessage(`${title} cancelled.`);
    return;
  }
  services.log.error(`${title} failed (${error.kind}${error.status ? `, HTTP ${error.status}` : ''}): ${error.message}`);
  switch (error.kind) {
    case 'auth':
      offer(error.message, ['Set API Key', 'Open Log'], services, env);
      return;
    case 'validation':
      if (fileUri && error.diagnostics?.length) services.apiDiagnostics.set(fileUri, error.diagnostics);
      offer(error.message, ['Show Problems', 'Open Log'], services, env);
      return;
    default:
      offer(error.message, ['Open Log'], services, env);
  }
}

function offer(message: string, actions: string[], services: Services, env: Environment): void {
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    if (choice === 'Set API Key') void vscode.commands.executeCommand('assistantConfig.setApiKey', env.name);
    else if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
    else if (choice === 'Open Log') services.log.show();
  });
}
