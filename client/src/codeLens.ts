// Code lenses on the first line of an assistant file: the schema in use, then Push, Pull, Diff With Live and
// the environment with the file's sync state (or a note that sync is off in Restricted Mode).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SchemaInfoRequest } from '../../shared/src/protocol';
import { languageId, type Services } from './services';
import { codeLensEnabled } from './settings';
import { fileSyncState } from './syncState';

export function registerCodeLenses(services: Services, client: LanguageClient): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document, token) {
      if (!codeLensEnabled()) return [];
      const top = new vscode.Range(0, 0, 0, 0);
      const lenses: vscode.CodeLens[] = [];
      const schema = await client.sendRequest(SchemaInfoRequest.type, { uri: document.uri.toString() }, token).catch(() => null);
      if (schema) {
        const source = schema.sourceDate ? ` · API ${schema.sourceDate}` : schema.sourceDocument ? ` · ${schema.sourceDocument}` : '';
        lenses.push(new vscode.CodeLens(top, { title: `${schema.vendor} ${schema.noun} schema${source}`, command: '' }));
      }
      const state = await fileSyncState(services, document);
      if (!vscode.workspace.isTrusted) {
        lenses.push(new vscode.CodeLens(top, { title: `$(shield) Sync is off in Restricted Mode`, command: 'workbench.trust.manage' }));
        return lenses;
      }
      const args = [document.uri];
      if (state.env) {
        lenses.push(
          new vscode.CodeLens(top, { title: `$(cloud-upload) Push to ${state.env.name}`, command: 'assistantConfig.push', arguments: args }),
          new vscode.CodeLens(top, { title: '$(cloud-download) Pull', command: 'assistantConfig.pull', arguments: args }),
          new vscode.CodeLens(top, { title: '$(diff) Diff With Live', command: 'assistantConfig.diffWithLive', arguments: args }),
        );
      }
      lenses.push(new vscode.CodeLens(top, { title: `${state.icon} ${state.label}`, command: 'assistantConfig.selectEnvironment' }));
      return lenses;
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', language: languageId }, provider),
    services.environments.onDidChange(() => changed.fire()),
    services.syncStateChanged.event(() => changed.fire()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
    vscode.workspace.onDidSaveTextDocument((document) => document.languageId === languageId && changed.fire()),
  );
}
