// Entry point: wires the language client, the sync commands and their views together.
// Every client module imports vscode this way: esbuild makes `import * as vscode` copy the API's ~350 properties,
// once per module, when dist/extension.js loads (test/cli/bundle.test.ts).
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { ApiDiagnostics } from './apiDiagnostics';
import { registerCodeLenses } from './codeLens';
import { registerDiffWithLive } from './commands/diffWithLive';
import { registerEditPromptAsMarkdown } from './commands/editPromptAsMarkdown';
import { registerPull } from './commands/pull';
import { registerPullIntoNewFile } from './commands/pullIntoNewFile';
import { registerPush } from './commands/push';
import { registerSelectEnvironment } from './commands/selectEnvironment';
import { registerSetApiKey } from './commands/setApiKey';
import { registerSignOut } from './commands/signOut';
import { Environments } from './environments';
import { createLanguageClient, serverValidator } from './languageClient';
import { LiveDocuments } from './liveDocuments';
import { createLog } from './log';
import { PromptEditing } from './promptEditing';
import type { Services } from './services';
import { registerSchemaUpdates } from './schemaUpdates';
import { createStatusBar } from './statusBar';
import { SyncStates } from './syncState';
import { registerApplyAll } from './views/applyAll';
import { registerPlanPreview } from './views/planPreview';
import { registerPullOrg } from './views/pullOrg';
import { registerWorkspaceTree } from './views/workspaceTree';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  client = createLanguageClient(context);
  const environments = new Environments(context.workspaceState, context.secrets);
  const log = createLog();
  const syncStateChanged = new vscode.EventEmitter<void>();
  const services: Services = {
    environments,
    log,
    liveDocuments: new LiveDocuments(),
    apiDiagnostics: new ApiDiagnostics(),
    syncStateChanged,
    syncStates: new SyncStates(environments, syncStateChanged.event, log),
    validate: serverValidator(client),
  };
  context.subscriptions.push(
    services.environments,
    services.log,
    services.liveDocuments,
    services.apiDiagnostics,
    services.syncStateChanged,
    services.syncStates,
    registerPush(services),
    registerPull(services),
    registerPullIntoNewFile(services),
    registerDiffWithLive(services),
    registerSelectEnvironment(services),
    registerSetApiKey(services),
    registerSignOut(services),
    createStatusBar(services),
    registerWorkspaceTree(services),
    registerPlanPreview(services),
    registerApplyAll(services),
    registerPullOrg(services),
  );
  context.subscriptions.push(
    registerCodeLenses(services, client),
    new PromptEditing(services.log),
    registerEditPromptAsMarkdown(client),
    registerSchemaUpdates(context, services, client),
  );
  // Activation does not wait for the server to start: requests (completion, code lenses, a push's check)
  // wait for it instead. A server that cannot start is reported by the client in its own output channel.
  client.start().catch((error: unknown) => services.log.error(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`));
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
