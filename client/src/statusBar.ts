// A status bar item for the active assistant file: the selected environment and the file's sync state, as
// SyncStates has it (the code lens shows the same). For the live side of a diff, its file's state. Clicking
// it selects another environment.
import vscode = require('vscode');
import { languageId, type Services } from './services';
import { documentShown } from './syncState';

export function createStatusBar(services: Services): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('assistantConfig.syncState', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Assistant Config: Sync State';
  item.command = 'assistantConfig.selectEnvironment';
  let generation = 0;

  const refresh = async () => {
    const current = ++generation;
    const active = vscode.window.activeTextEditor?.document;
    const document = active && (await documentShown(active));
    if (current !== generation) return; // a newer refresh started meanwhile
    if (!document || document.languageId !== languageId) {
      item.hide();
      return;
    }
    const state = await services.syncStates.of(document);
    if (current !== generation) return;
    item.text = `${state.icon} ${state.label}`;
    item.tooltip = state.env
      ? `Assistant Config: ${state.label}\nEnvironment '${state.env.name}': ${state.env.vendor}, ${state.env.baseUrl}\nClick to select another environment.`
      : 'Assistant Config: add an environment under "assistantConfig.environments" in your user settings.';
    item.show();
  };
  void refresh();
  return vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(() => void refresh()),
    services.syncStates.onDidChange(() => void refresh()),
  );
}
