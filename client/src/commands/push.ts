// Assistant Config: Push to Live — creates or updates the live resource from the file. Legacy fields the API
// rejects are named first, with Migrate and Push offered (legacyMigration.ts). A remote change made since
// the last sync stops the push and opens the diff; overwriting it is an explicit, modal choice.
import * as path from 'node:path';
import vscode = require('vscode');
import { kindById } from '../../../core/src/kinds';
import { mayHoldFileReference } from '../../../core/src/references';
import type { Environment, PlanStep, PushResult, StepResult } from '../../../sync/src/index';
import { migrateBeforePush, type LegacyPolicy } from '../legacyMigration';
import type { Services } from '../services';
import { syncEngine } from '../syncEngine';
import { confirmOverwrite, isCommandOptions, localFile, notify, resolveTarget, runSync, type FileTarget } from '../syncSession';

export interface PushCommandOptions {
  /** What to do when the live copy changed since the last sync: ask (default, modal), overwrite, or stop. */
  onConflict?: 'ask' | 'overwrite' | 'cancel';
  /** What to do about legacy fields the API rejects: ask (default, modal), migrate them, or stop. */
  onLegacy?: LegacyPolicy;
  /** What to do with referenced files changed locally since their last sync: ask (default, modal), push them too, or leave them. */
  onChangedDependencies?: 'ask' | 'push' | 'skip';
}

/** Asks whether the referenced files that changed locally go too; undefined when the user cancels. */
async function includeChangedDependencies(policy: 'ask' | 'push' | 'skip', name: string, env: Environment, changed: PlanStep[]): Promise<boolean | undefined> {
  if (!changed.length || policy === 'skip') return false;
  if (policy === 'push') return true;
  const files = changed.map((step) => step.file.key);
  const choice = await vscode.window.showWarningMessage(
    `${files.length} file(s) that ${name} refers to changed since they were last pushed to '${env.name}': ${files.slice(0, 4).join(', ')}${files.length > 4 ? ', …' : ''}.`,
    { modal: true, detail: "Push All sends them too, before this file. Only This File leaves them as they are live (this file still refers to them by their ids there)." },
    'Push All',
    'Only This File',
  );
  return choice === undefined ? undefined : choice === 'Push All';
}

export function registerPush(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('assistantConfig.push', async (uri?: unknown, options?: unknown) => {
    const target = await resolveTarget(uri);
    if (!target) return undefined;
    const opts: PushCommandOptions = isCommandOptions<PushCommandOptions>(options) ? options : {};
    const onConflict = opts.onConflict || 'ask';
    const onLegacy = opts.onLegacy || 'ask';
    const env = services.environments.selected();
    // Without an environment or trust, runSync says what is missing; the file's fields matter only after.
    if (env && vscode.workspace.isTrusted && !(await migrateBeforePush(services, target, env.name, onLegacy))) {
      return { status: 'not-pushed', reason: 'legacy-fields' };
    }
    // Referenced files changed locally are sent only when the user says so: a dry run finds them first.
    let withDependencies = false;
    if (mayHoldFileReference(target.document.getText())) {
      const name = path.basename(target.uri.fsPath);
      const dry = await runSync(services, `Planning the push of ${name}`, target.folder, target.uri, async (ctx) => ({ env: ctx.env, result: await syncEngine().push(ctx, localFile(target), { dryRun: true }) }));
      if (!dry) return undefined;
      const include = await includeChangedDependencies(opts.onChangedDependencies ?? 'ask', name, dry.env, dry.result.skipped ?? []);
      if (include === undefined) return undefined;
      withDependencies = include;
    }
    const first = await pushOnce(services, target, false, withDependencies);
    if (first?.result.status !== 'conflict') return first?.result;

    await services.liveDocuments.showDiff(target.uri, first.env, first.result.diff);
    const name = path.basename(target.uri.fsPath);
    const overwrite = await confirmOverwrite(
      onConflict,
      `The live ${target.kind.noun} in '${first.env.name}' changed since ${name} was last synced.`,
      `Overwrite replaces the live version with your file, losing the changes made there (shown in the diff editor). Cancel leaves both as they are; you can Pull to merge first.`,
    );
    if (!overwrite) {
      services.log.info(`Push of ${name} stopped: the live copy changed since the last sync`);
      return first.result;
    }
    return (await pushOnce(services, target, true, withDependencies))?.result;
  });
}

async function pushOnce(services: Services, target: FileTarget, overwrite: boolean, withDependencies: boolean): Promise<{ env: Environment; result: PushResult } | undefined> {
  const name = path.basename(target.uri.fsPath);
  const outcome = await runSync(services, overwrite ? `Overwriting live copy with ${name}` : `Pushing ${name}`, target.folder, target.uri, async (ctx) => ({
    env: ctx.env,
    result: await syncEngine().push(ctx, localFile(target), { overwrite, withDependencies }),
  }));
  if (outcome) report(services, target, outcome.env, outcome.result);
  return outcome;
}

/** "tool tools/lookup.tool.json created (id …)": one line per resource, in the order it was sent. */
function dependencyLine(entry: StepResult): string {
  const noun = kindById(entry.step.file.kind).noun;
  const { outcome } = entry;
  if (outcome.status === 'created' || outcome.status === 'adopted') return `created ${noun} ${entry.step.file.key} (id ${outcome.id})`;
  if (outcome.status === 'updated') return `updated ${noun} ${entry.step.file.key}${entry.step.completes ? ' (its references)' : ''}`;
  return `${outcome.status} ${noun} ${entry.step.file.key}`;
}

function report(services: Services, target: FileTarget, env: Environment, result: PushResult): void {
  const name = path.basename(target.uri.fsPath);
  if (result.status !== 'invalid' && result.status !== 'conflict') services.apiDiagnostics.clear(target.uri);
  const dependencies = result.dependencies ?? [];
  dependencies.forEach((entry, index) => services.log.info(`Push of ${name} to '${env.name}', step ${index + 1}: ${dependencyLine(entry)}`));
  for (const step of result.skipped ?? []) services.log.info(`Push of ${name}: left ${step.file.key} as it is live (${step.reason})`);
  const before = dependencies.length ? ` First ${dependencies.map(dependencyLine).join('; ')}.` : '';
  // With what it refers to, the message is long: the log has one line per resource, in order.
  const tell = (message: string) => {
    if (!dependencies.length) return notify(services, message);
    services.log.info(message);
    void vscode.window.showInformationMessage(message, 'Show Log').then((choice) => choice && services.log.show());
  };
  switch (result.status) {
    case 'created':
      tell(`Created ${name} in '${env.name}' (id ${result.id}).${before}`);
      break;
    case 'updated':
      tell(`Pushed ${name} to '${env.name}': ${describeKeys(result.plan.changedKeys, result.plan.clearedKeys)}.${before}`);
      break;
    case 'adopted':
      notify(services, `Linked ${name} to the ${target.kind.noun} an earlier, interrupted push created in '${env.name}' (id ${result.id}); no duplicate was made.`);
      break;
    case 'unchanged':
      tell(dependencies.length ? `${name} is up to date in '${env.name}'.${before}` : `${name} is already up to date in '${env.name}'.`);
      break;
    case 'invalid': {
      // Schema errors are already in Problems (the language server's); the API's rejections are added there.
      const fromApi = result.diagnostics.filter((diagnostic) => diagnostic.source !== 'assistant-config');
      const message = fromApi.length
        ? `'${env.name}' rejected ${name}: ${fromApi.map((diagnostic) => messageText(diagnostic.message)).slice(0, 3).join('; ')}${fromApi.length > 3 ? '; …' : ''}`
        : `Not pushed: ${result.path ? `${vscode.workspace.asRelativePath(result.path)}, which ${name} refers to,` : name} has ${result.diagnostics.length} schema error(s). Fix them first.`;
      // A refusal of a file it refers to is placed on that file.
      if (fromApi.length) services.apiDiagnostics.set(result.path ? vscode.Uri.file(result.path) : target.uri, fromApi);
      services.log.warn(message);
      void vscode.window
        .showErrorMessage(message, 'Show Problems')
        .then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return;
    }
    case 'conflict':
    case 'dry-run':
      return;
  }
  if ('notKept' in result && result.notKept.length > 0) {
    const paths = result.notKept.map((change) => change.path);
    services.log.warn(`'${env.name}' did not keep: ${paths.join(', ')}`);
    void vscode.window
      .showWarningMessage(`'${env.name}' did not keep ${paths.length} field(s) as pushed: ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', …' : ''}`, 'Show Diff')
      .then((choice) => choice && vscode.commands.executeCommand('assistantConfig.diffWithLive', target.uri));
  }
}

function describeKeys(changed: string[], cleared: string[]): string {
  const parts = [];
  if (changed.length) parts.push(`updated ${changed.join(', ')}`);
  if (cleared.length) parts.push(`cleared ${cleared.join(', ')}`);
  return parts.join('; ') || 'no field changed';
}

function messageText(message: string | { value: string }): string {
  return typeof message === 'string' ? message : message.value;
}
