// What the commands, the status bar and the code lenses share; built once in extension.ts.
import type * as vscode from 'vscode';
import type { FileValidator } from '../../sync/src/index';
import type { ApiDiagnostics } from './apiDiagnostics';
import type { Environments } from './environments';
import type { LiveDocuments } from './liveDocuments';
import type { SyncStates } from './syncState';

export interface Services {
  environments: Environments;
  log: vscode.LogOutputChannel;
  liveDocuments: LiveDocuments;
  apiDiagnostics: ApiDiagnostics;
  /** Fired after every sync operation, so views showing a file's sync state refresh. */
  syncStateChanged: vscode.EventEmitter<void>;
  /** Each open file's sync state: what the status bar and the code lens show. */
  syncStates: SyncStates;
  /** The schema check before a push, made by the language server: the extension carries no validator of its own. */
  validate: FileValidator;
}

export const languageId = 'assistant-json';
