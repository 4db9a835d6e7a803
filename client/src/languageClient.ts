// The language client for resource files and prompts: the server (dist/server.js, a Node process over IPC) does all
// language work, including the check before a push. Language features work in Restricted Mode too: the
// server only reads the open documents, the bundled schemas and the live ones in the extension's global storage.
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { FileValidator } from '../../sync/src/index';
import { promptScheme, settingsSection, ValidateRequest, type InitializationOptions } from '../../shared/src/protocol';
import { liveSchemaDir } from './schemaUpdates';
import { languageId } from './services';

/** The client, not started: requests sent before the server is up wait for it. */
export function createLanguageClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: languageId },
      { scheme: 'untitled', language: languageId },
      // Prompts: edited in place as Markdown, or kept in a prompts/ folder.
      { scheme: promptScheme, language: 'markdown' },
      { scheme: 'file', language: 'markdown', pattern: '**/prompts/*.md' },
    ],
    synchronize: { configurationSection: settingsSection },
    // The live schemas the update command and the daily check write (schemaUpdates.ts).
    initializationOptions: { liveSchemaDir: liveSchemaDir(context) } satisfies InitializationOptions,
  };
  return new LanguageClient('assistantConfig', 'Assistant Config Language Server', serverOptions, clientOptions);
}

/** Push's schema check, made by the server (ValidateRequest), with the kind push will send the file as. */
export function serverValidator(client: LanguageClient): FileValidator {
  return (text, kind) => client.sendRequest(ValidateRequest.type, { text, kind: kind.id });
}
