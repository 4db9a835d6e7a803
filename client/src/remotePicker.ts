// A quick pick over every assistant in the selected environment (the engine pages through all of them).
import * as vscode from 'vscode';
import { list, type RemoteSummary } from '../../sync/src/index';
import type { Services } from './services';
import { runSync } from './syncSession';

export async function pickRemoteAssistant(services: Services, folder: vscode.WorkspaceFolder): Promise<RemoteSummary | undefined> {
  const found = await runSync(services, 'Listing assistants', folder, undefined, async (ctx) => ({ env: ctx.env, assistants: await list(ctx) }));
  if (!found) return undefined;
  if (found.assistants.length === 0) {
    void vscode.window.showInformationMessage(`There are no assistants in '${found.env.name}' yet.`);
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    found.assistants.map((assistant) => ({
      label: assistant.name ?? '(no name)',
      description: assistant.id,
      detail: assistant.updatedAt ? `updated ${assistant.updatedAt}` : undefined,
      assistant,
    })),
    { placeHolder: `Assistant to pull from '${found.env.name}' (${found.assistants.length})`, matchOnDescription: true },
  );
  return choice?.assistant;
}
