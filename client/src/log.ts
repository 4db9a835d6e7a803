// The extension's log: a LogOutputChannel (level set by the user via "Developer: Set Log Level").
// Nothing written here carries a key: the engine strips keys and query strings from its lines, and the client
// logs only environment names, base URLs, ids and file names.
import vscode = require('vscode');
import type { SyncLogger } from '../../sync/src/index';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Assistant Config', { log: true });
}

export function syncLogger(log: vscode.LogOutputChannel): SyncLogger {
  return {
    info: (message) => log.info(message),
    warn: (message) => log.warn(message),
    error: (message) => log.error(message),
  };
}
