// Code lenses on the first line of an assistant file: the schema in use (live or bundled; clicking it updates
// the Vapi schema), then Push, Pull, Diff With Live and
// the environment with the file's sync state (or a note that sync is off in Restricted Mode). The lenses are
// answered from what is known (the state SyncStates has, the schema the server last named), and asked
// again when either changes: VS Code waits before it asks again after an edit about as long as the
// provider took lately (up to a minute), so a provider that waited for the server or the disk lagged behind
// the status bar.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { SchemaInfoRequest, SchemasReloadedNotification, type SchemaInfo } from '../../shared/src/protocol';
import { vendorNames } from '../../core/src/kinds';
import { languageId, type Services } from './services';
import { codeLensEnabled } from './settings';

export function registerCodeLenses(services: Services, client: LanguageClient): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  /** The schema the server named for each document, and the version it was asked for. */
  const schemas = new Map<string, { version: number; info: SchemaInfo | null }>();
  const askSchema = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    const { version } = document;
    void client.sendRequest(SchemaInfoRequest.type, { uri: key }).then(
      (info) => {
        const previous = schemas.get(key);
        if (previous && previous.version > version) return;
        schemas.set(key, { version, info });
        if (JSON.stringify(previous?.info) !== JSON.stringify(info)) changed.fire();
      },
      () => undefined,
    );
  };
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    async provideCodeLenses(document) {
      if (!codeLensEnabled()) return [];
      const top = new vscode.Range(0, 0, 0, 0);
      const lenses: vscode.CodeLens[] = [];
      const known = schemas.get(document.uri.toString());
      if (known?.version !== document.version) askSchema(document);
      const schema = known?.info;
      if (schema) {
        const source = schema.sourceDate ? ` · API ${schema.sourceDate}` : schema.sourceDocument ? ` · ${schema.sourceDocument}` : '';
        const title = `${schema.vendor} ${schema.noun} schema${source} (${schema.origin})`;
        // Only Vapi publishes a live document: its lens checks it.
        lenses.push(
          new vscode.CodeLens(
            top,
            schema.vendor === vendorNames.vapi
              ? { title, command: 'assistantConfig.updateSchemas', tooltip: `Checked against the ${schema.origin} schema${schema.sourceDocument ? ` (${schema.sourceDocument})` : ''}. Click to update it from the live API.` }
              : { title, command: '' },
          ),
        );
      }
      // Only the file's first state is waited for (the state file, read from disk); later ones are announced.
      const state = services.syncStates.last(document) ?? (await services.syncStates.of(document));
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
    services.syncStates.onDidChange(() => changed.fire()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => changed.fire()),
    vscode.workspace.onDidCloseTextDocument((document) => schemas.delete(document.uri.toString())),
    // The server loaded other schemas: every file's lens asks again.
    client.onNotification(SchemasReloadedNotification.type, () => {
      schemas.clear();
      changed.fire();
    }),
  );
}
