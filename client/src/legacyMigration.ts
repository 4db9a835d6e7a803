// Before a push: legacy fields the current API rejects ("property hipaaEnabled should not exist") are known
// before anything is sent. Push names them and offers Migrate and Push — the language server's Fix All
// (`source.fixAll`: every certain move to the field's current place), saved, then the push — or Cancel.
import * as path from 'node:path';
import vscode = require('vscode');
import { detectKind } from '../../core/src/kindOfFile';
import type { FileDiagnostic } from '../../sync/src/index';
import type { Services } from './services';
import type { FileTarget } from './syncSession';

/** What to do about legacy fields: ask (default, modal), migrate without asking, or stop. */
export type LegacyPolicy = 'ask' | 'migrate' | 'cancel';

export const migrateAndPush = 'Migrate and Push';

/** The legacy fields and values in the file, as the language server reports them. */
async function legacyProblems(services: Services, target: FileTarget): Promise<{ key: string; move?: string }[]> {
  const { document } = target;
  const kind = detectKind(path.basename(document.uri.fsPath), document.getText());
  const diagnostics: FileDiagnostic[] = await services.validate(document.getText(), kind);
  return diagnostics
    .filter((diagnostic) => diagnostic.code === 'legacy-field' || diagnostic.code === 'legacy-value')
    .map((diagnostic) => {
      const { start, end } = diagnostic.range;
      const key = document.getText(new vscode.Range(start.line, start.character, end.line, end.character));
      // The validator's fixes (core/src/validation/fixes.ts); a migration is a certain move to the current place.
      const fixes = (diagnostic.data as { fixes?: { title: string; migration?: boolean }[] } | undefined)?.fixes ?? [];
      return { key, move: fixes.find((fix) => fix.migration)?.title.replace(/^Move /, '') };
    });
}

/**
 * Asks about (or applies) the migration of the file's legacy fields. True when the push may go on: there
 * were none, or the certain ones were migrated and the file saved.
 */
export async function migrateBeforePush(services: Services, target: FileTarget, envName: string, policy: LegacyPolicy): Promise<boolean> {
  const problems = await legacyProblems(services, target);
  if (!problems.length) return true;
  const name = path.basename(target.uri.fsPath);
  const movable = problems.filter((problem) => problem.move);
  const stuck = problems.filter((problem) => !problem.move);
  const keys = problems.map((problem) => problem.key).join(', ');
  services.log.info(`${name} has legacy fields '${envName}' rejects: ${keys}`);
  if (policy === 'cancel') return false;
  if (policy === 'ask') {
    const moves = movable.length ? `${migrateAndPush} moves ${movable.map((problem) => problem.move).join(', ')}, saves the file and pushes it.` : '';
    const rest = stuck.length
      ? ` ${stuck.map((problem) => problem.key).join(', ')} ${stuck.length > 1 ? 'have' : 'has'} no certain place in the current API: remove ${stuck.length > 1 ? 'them' : 'it'} (a quick fix does), or the API rejects the push.`
      : '';
    const choice = await vscode.window.showWarningMessage(
      `'${envName}' will reject ${problems.length} legacy field${problems.length > 1 ? 's' : ''} in ${name}: ${keys}.`,
      { modal: true, detail: `${moves}${rest}`.trim() },
      ...(movable.length ? [migrateAndPush] : []),
    );
    if (choice !== migrateAndPush) {
      services.log.info(`Push of ${name} cancelled: legacy fields`);
      return false;
    }
  }
  if (!movable.length) return false;
  return applyFixAll(services, target);
}

/** The server's Fix All for the file, applied and saved. */
async function applyFixAll(services: Services, target: FileTarget): Promise<boolean> {
  const { document } = target;
  const whole = new vscode.Range(0, 0, document.lineCount, 0);
  const actions =
    (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, vscode.CodeActionKind.SourceFixAll.value)) ?? [];
  const fixAll = actions.find((action) => action.edit && action.kind && vscode.CodeActionKind.SourceFixAll.contains(action.kind) && action.title.startsWith('Migrate'));
  if (!fixAll?.edit || !(await vscode.workspace.applyEdit(fixAll.edit))) {
    void vscode.window.showErrorMessage(`Could not migrate the legacy fields of ${path.basename(document.uri.fsPath)}; nothing was pushed.`);
    return false;
  }
  await document.save();
  services.log.info(`${fixAll.title} (${path.basename(document.uri.fsPath)})`);
  return true;
}
