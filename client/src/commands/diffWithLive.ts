// Assistant Config: Diff With Live — the file itself (editable, on the right) against its live resource laid
// out as the file is (on the left), in VS Code's diff editor, with a summary of the changed paths. A file that
// matches says so in a dialog, which stays until it is read.
import * as path from 'node:path';
import vscode = require('vscode');
import type { PathChange } from '../../../sync/src/index';
import type { Services } from '../services';
import { syncEngine } from '../syncEngine';
import { localFile, resolveTarget, runSync } from '../syncSession';

const kindLabels: Record<PathChange['kind'], string> = { added: 'only in file', removed: 'only live', changed: 'changed' };

export function registerDiffWithLive(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('assistantConfig.diffWithLive', async (uri?: unknown) => {
    const target = await resolveTarget(uri);
    if (!target) return undefined;
    const name = path.basename(target.uri.fsPath);
    const outcome = await runSync(services, `Comparing ${name} with live`, target.folder, target.uri, async (ctx) => ({
      env: ctx.env,
      result: await syncEngine().diff(ctx, localFile(target)),
    }));
    if (!outcome) return undefined;
    const { env, result } = outcome;
    if (result.equal) {
      services.log.info(`${name} matches the live ${target.kind.noun} ${result.id} in ${env.name}`);
      // Not awaited: the command returns its result while the dialog waits to be read (VS Code refuses dialogs in tests).
      vscode.window
        .showInformationMessage(`${name} matches the live ${target.kind.noun} in '${env.name}'.`, {
          modal: true,
          detail: `Nothing differs between the file and ${target.kind.noun} ${result.id}, apart from fields the server manages and $schema, which push never sends.`,
        })
        .then(undefined, () => undefined);
      return result;
    }
    await services.liveDocuments.showDiff(target.uri, env, result);
    const summary = result.changes.map((change) => `${change.path} (${kindLabels[change.kind]})`);
    services.log.info(`${name} differs from ${result.id} in ${env.name}: ${summary.join(', ')}`);
    void vscode.window.showInformationMessage(
      `${result.changes.length} difference(s) with '${env.name}': ${summary.slice(0, 4).join(', ')}${summary.length > 4 ? ', …' : ''}`,
    );
    return result;
  });
}
