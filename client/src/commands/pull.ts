// Assistant Config: Pull from Live — replaces the file with the live resource it is linked to (or one picked
// from the environment's resources of the file's kind). The change is a WorkspaceEdit, so Undo brings the old text back; unsynced local edits
// are only replaced after an explicit, modal choice.
import * as path from 'node:path';
import vscode = require('vscode');
import type { Environment, PullResult } from '../../../sync/src/index';
import { pickRemote } from '../remotePicker';
import type { Services } from '../services';
import { promptFileLines } from '../settings';
import { syncEngine } from '../syncEngine';
import { confirmOverwrite, isCommandOptions, notify, resolveTarget, runSync, type FileTarget } from '../syncSession';

export interface PullCommandOptions {
  /** Pull this resource instead of the linked one (an unlinked file otherwise asks). */
  id?: string;
  /** What to do when the file has edits not synced with the environment: ask (default, modal), overwrite, or stop. */
  onLocalChanges?: 'ask' | 'overwrite' | 'cancel';
  /** What to do when it refers to resources no workspace file holds: ask (default), pull them too, or leave the ids. */
  onMissingDependencies?: 'ask' | 'pull' | 'skip';
}

export function registerPull(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('assistantConfig.pull', async (uri?: unknown, options?: unknown) => {
    const target = await resolveTarget(uri);
    if (!target) return undefined;
    const opts: PullCommandOptions = isCommandOptions<PullCommandOptions>(options) ? options : {};
    const env = services.environments.selected();
    const id =
      opts.id ??
      (env && (await syncEngine().readLink({ workspaceRoot: target.folder.uri.fsPath, env, onWarning: (message) => services.log.warn(message) }, target.uri.fsPath))?.id) ??
      (await pickRemote(services, target.folder, target.kind.resource, target.kind.noun))?.id;
    if (!id) return undefined;

    const first = await pullOnce(services, target, id, false);
    if (first?.result.status !== 'local-changes') return (first && (await offerDependencies(services, target, id, first.result, opts.onMissingDependencies ?? 'ask'))) ?? first?.result;
    await services.liveDocuments.showDiff(target.uri, first.env, first.result.diff);
    const name = path.basename(target.uri.fsPath);
    const overwrite = await confirmOverwrite(
      opts.onLocalChanges ?? 'ask',
      `${name} has changes not pushed to '${first.env.name}'.`,
      'Overwrite replaces them with the live copy (shown in the diff editor); Undo in the editor brings them back.',
    );
    if (!overwrite) return first.result;
    return (await pullOnce(services, target, id, true))?.result;
  });
}

/**
 * The file refers to resources that no workspace file holds (their ids stay in it): offers to pull them
 * into tools/, assistants/, … beside it, and to refer to those files instead.
 */
async function offerDependencies(services: Services, target: FileTarget, id: string, result: PullResult, policy: 'ask' | 'pull' | 'skip'): Promise<PullResult | undefined> {
  const missing = result.notInWorkspace ?? [];
  if (!missing.length || policy === 'skip') return undefined;
  const name = path.basename(target.uri.fsPath);
  if (policy === 'ask') {
    const listed = missing.map((reference) => `${reference.target} ${reference.id}`);
    const choice = await vscode.window.showInformationMessage(
      `${name} refers to ${missing.length} resource(s) that no file in the workspace holds: ${listed.slice(0, 3).join(', ')}${listed.length > 3 ? ', …' : ''}. Pull them too?`,
      'Pull Them',
      'Keep the Ids',
    );
    if (choice !== 'Pull Them') return undefined;
  }
  return (await pullOnce(services, target, id, false, true))?.result;
}

async function pullOnce(services: Services, target: FileTarget, id: string, overwrite: boolean, withDependencies = false): Promise<{ env: Environment; result: PullResult } | undefined> {
  const name = path.basename(target.uri.fsPath);
  const outcome = await runSync(services, `Pulling ${name}`, target.folder, target.uri, async (ctx) => ({
    env: ctx.env,
    result: await syncEngine().pull(ctx, {
      id,
      path: target.uri.fsPath,
      currentText: target.document.getText(),
      overwrite,
      withDependencies,
      promptFileLines: promptFileLines(target.uri),
      write: (text) => replaceThroughEditor(target.document, text),
    }),
  }));
  for (const dependency of outcome?.result.dependencies ?? []) services.log.info(`Pull of ${name}: ${dependency.status} ${vscode.workspace.asRelativePath(dependency.path)} (id ${dependency.id})`);
  for (const prompt of outcome?.result.prompts ?? []) services.log.info(`Pull of ${name}: wrote the prompt ${vscode.workspace.asRelativePath(prompt)}`);
  if (outcome?.result.status === 'written') {
    services.apiDiagnostics.clear(target.uri);
    const alongside = [...(outcome.result.dependencies ?? []).filter((entry) => entry.status === 'written').map((entry) => entry.path), ...(outcome.result.prompts ?? [])];
    const also = alongside.length ? ` Also wrote ${alongside.map((file) => vscode.workspace.asRelativePath(file)).join(', ')}.` : '';
    notify(services, `Pulled ${name} from '${outcome.env.name}' (id ${id}). Undo restores the previous text.${also}`);
  } else if (outcome?.result.status === 'unchanged') {
    notify(services, `${name} already matches the live ${target.kind.noun} in '${outcome.env.name}'.`);
  }
  return outcome;
}

/** Replaces the whole document with a WorkspaceEdit (undoable) and saves it, so disk and state file agree. */
async function replaceThroughEditor(document: vscode.TextDocument, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, document.validateRange(new vscode.Range(0, 0, Number.MAX_SAFE_INTEGER, 0)), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`VS Code did not apply the pulled text to ${path.basename(document.uri.fsPath)}.`);
  if (!(await document.save())) throw new Error(`Could not save ${path.basename(document.uri.fsPath)} after pulling.`);
}
