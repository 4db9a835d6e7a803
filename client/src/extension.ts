// Entry point: wires the language client, the sync commands and their views together.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApiDiagnostics } from './apiDiagnostics';
import { registerCodeLenses } from './codeLens';
import { registerDiffWithLive } from './commands/diffWithLive';
import { registerPull } from './commands/pull';
import { registerPullIntoNewFile } from './commands/pullIntoNewFile';
import { registerPush } from './commands/push';
import { registerSelectEnvironment } from './commands/selectEnvironment';
import { registerSetApiKey } from './commands/setApiKey';
import { registerSignOut } from './commands/signOut';
import { Environments } from './environments';
import { startLanguageClient } from './languageClient';
import { LiveDocuments } from './liveDocuments';
import { createLog } from './log';
import type { Services } from './services';
import { createStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const services: Services = {
    environments: new Environments(context.workspaceState, context.secrets),
    log: createLog(),
    liveDocuments: new LiveDocuments(),
    apiDiagnostics: new ApiDiagnostics(),
    syncStateChanged: new vscode.EventEmitter<void>(),
  };
  context.subscriptions.push(
    services.environments,
    services.log,
    services.liveDocuments,
    services.apiDiagnostics,
    services.syncStateChanged,
    registerPush(services),
    registerPull(services),
    registerPullIntoNewFile(services),
    registerDiffWithLive(services),
    registerSelectEnvironment(services),
    registerSetApiKey(services),
    registerSignOut(services),
    createStatusBar(services),
  );
  client = await startLanguageClient(context);
  context.subscriptions.push(registerCodeLenses(services, client));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
