// A quick pick over every resource of one type (assistants, tools, …) in the selected environment (the engine
// pages through all of them).
import vscode = require('vscode');
import { capitalised, type ResourceType } from '../../core/src/kinds';
import type { RemoteSummary } from '../../sync/src/index';
import type { Services } from './services';
import { syncEngine } from './syncEngine';
import { runSync } from './syncSession';

export async function pickRemote(services: Services, folder: vscode.WorkspaceFolder, resource: ResourceType, noun: string): Promise<RemoteSummary | undefined> {
  const found = await runSync(services, `Listing ${noun}s`, folder, undefined, async (ctx) => ({ env: ctx.env, items: await syncEngine().list(ctx, resource) }));
  if (!found) return undefined;
  if (found.items.length === 0) {
    void vscode.window.showInformationMessage(`There are no ${noun}s in '${found.env.name}' yet.`);
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    found.items.map((item) => ({
      label: item.name ?? '(no name)',
      description: item.id,
      detail: item.updatedAt ? `updated ${item.updatedAt}` : undefined,
      item,
    })),
    { placeHolder: `${capitalised(noun)} to pull from '${found.env.name}' (${found.items.length})`, matchOnDescription: true },
  );
  return choice?.item;
}
