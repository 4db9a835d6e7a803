// Starts the language server (dist/server.js, a Node process over IPC) for assistant files. Language
// features work in Restricted Mode too: the server only reads the open documents and the bundled schemas.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { settingsSection } from '../../shared/src/protocol';
import { languageId } from './services';

export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: languageId },
      { scheme: 'untitled', language: languageId },
    ],
    synchronize: { configurationSection: settingsSection },
  };
  const client = new LanguageClient('assistantConfig', 'Assistant Config Language Server', serverOptions, clientOptions);
  await client.start();
  return client;
}
