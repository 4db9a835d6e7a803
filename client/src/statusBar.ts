// A status bar item for the active assistant file: the selected environment and the file's sync state.
// Clicking it selects another environment.
import * as vscode from 'vscode';
import { languageId, type Services } from './services';
import { fileSyncState } from './syncState';

export function createStatusBar(services: Services): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('assistantConfig.syncState', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Assistant Config: Sync State';
  item.command = 'assistantConfig.selectEnvironment';
  let generation = 0;
  let timer: NodeJS.Timeout | undefined;

  const refresh = async () => {
    const document = vscode.window.activeTextEditor?.document;
    const current = ++generation;
    if (!document || document.languageId !== languageId) {
      item.hide();
      return;
    }
    const state = await fileSyncState(services, document);
    if (current !== generation) return; // a newer refresh started while this one read the state file
    item.text = `${state.icon} ${state.label}`;
    item.tooltip = state.env
      ? `Assistant Config: ${state.label}\nEnvironment '${state.env.name}': ${state.env.vendor}, ${state.env.baseUrl}\nClick to select another environment.`
      : 'Assistant Config: add an environment under "assistantConfig.environments" in your user settings.';
    item.show();
  };
  const refreshSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 250);
  };
  void refresh();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    vscode.workspace.onDidChangeTextDocument((event) => event.document === vscode.window.activeTextEditor?.document && refreshSoon()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void refresh()),
    services.environments.onDidChange(() => void refresh()),
    services.syncStateChanged.event(() => void refresh()),
    { dispose: () => clearTimeout(timer) },
  );
}
