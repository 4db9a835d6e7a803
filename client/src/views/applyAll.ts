// Apply All Changed (the sync view's title action): plans the workspace against the environment, asks once
// with what will happen, then carries the plan out resource by resource under a cancellable progress
// notification that names each one. Files new or changed locally are created or updated; a file changed
// only live takes the live copy (nothing is lost); a file changed on both sides, or deleted live, is left as
// it is for Diff With Live. Each resource is recorded as it succeeds, so a cancel keeps what was done.
import vscode = require('vscode');
import { kindById } from '../../../core/src/kinds';
import type { ApplyResult, PlanStep } from '../../../sync/src/index';
import { syncEngine } from '../syncEngine';
import type { Services } from '../services';
import { folderToSync, isCommandOptions, notify, runSync } from '../syncSession';

export interface ApplyAllOptions {
  /** Apply without the confirmation dialog (tests, scripts). */
  confirmed?: boolean;
}

/** Changed only live: the file takes the live copy. Changed on both sides or deleted live: left for the user. */
function takesLive(step: PlanStep): boolean {
  return step.action === 'conflict' && step.file.state === 'live-changed';
}

function listed(steps: PlanStep[]): string {
  const keys = steps.map((step) => step.file.key);
  return keys.length > 5 ? `${keys.slice(0, 5).join(', ')}, … (${keys.length})` : keys.join(', ');
}

/** The dialog's lines: how many of each, and which files. */
function summary(steps: PlanStep[]): string[] {
  const of = (test: (step: PlanStep) => boolean) => steps.filter(test);
  const groups: [string, PlanStep[]][] = [
    ['Create', of((step) => step.action === 'create')],
    ['Update', of((step) => step.action === 'update')],
    ['Take the live copy into', of(takesLive)],
    ['Leave as they are (changed on both sides or deleted live; use Diff With Live)', of((step) => step.action === 'conflict' && !takesLive(step))],
    ['Leave as they are', of((step) => step.action === 'skip')],
  ];
  return groups.filter(([, group]) => group.length).map(([words, group]) => `${words}: ${listed(group)}`);
}

function stepWords(step: PlanStep): string {
  const noun = kindById(step.file.kind).noun;
  if (step.action === 'conflict') return takesLive(step) ? `pulling ${noun} ${step.file.key}` : `leaving ${step.file.key}`;
  return `${step.action === 'skip' ? 'leaving' : step.action === 'create' ? 'creating' : 'updating'} ${noun} ${step.file.key}`;
}

export function registerApplyAll(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('assistantConfig.applyAll', async (options?: unknown): Promise<ApplyResult | undefined> => {
    const opts: ApplyAllOptions = isCommandOptions<ApplyAllOptions>(options) ? options : {};
    const folder = await folderToSync();
    if (!folder) return undefined;
    const preview = await runSync(services, 'Planning', folder, undefined, (ctx) => syncEngine().plan(ctx));
    if (!preview) return undefined;
    const invalid = preview.steps.filter((step) => step.action === 'invalid');
    if (invalid.length || preview.status.problems.length) {
      const files = [...invalid.map((step) => step.file.key), ...preview.status.problems.map((problem) => problem.key)];
      void vscode.window
        .showErrorMessage(`Nothing was applied: ${files.length} file(s) cannot be sent as they are: ${files.slice(0, 4).join(', ')}${files.length > 4 ? ', …' : ''}.`, 'Show Problems')
        .then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'));
      return undefined;
    }
    const acting = preview.steps.filter((step) => step.action === 'create' || step.action === 'update' || takesLive(step));
    if (!acting.length) {
      notify(services, preview.steps.length ? `Nothing to apply to '${preview.env}': ${summary(preview.steps).join('. ')}.` : `Nothing to apply: every file is in sync with '${preview.env}'.`);
      return undefined;
    }
    if (!opts.confirmed) {
      const choice = await vscode.window.showWarningMessage(`Apply ${acting.length} change(s) to '${preview.env}'?`, { modal: true, detail: summary(preview.steps).join('\n') }, 'Apply');
      if (choice !== 'Apply') return undefined;
    }
    const result = await runSync(services, `Applying to '${preview.env}'`, folder, undefined, (ctx) =>
      syncEngine().apply(ctx, {
        // Planned afresh: a conflict that appeared since the dialog is left alone, never overwritten.
        onConflict: async (step) => (takesLive(step) ? 'theirs' : 'skip'),
        onStep: (event) => {
          if (event.phase === 'start') ctx.onProgress?.(`${event.index + 1}/${event.total}: ${stepWords(event.step)}`);
          else services.log.info(`Apply to '${ctx.env.name}', ${event.index + 1}/${event.total}: ${event.outcome?.status} ${event.step.file.key}`);
        },
      }),
    );
    if (!result) return undefined;
    const { counts } = result;
    const done = `${counts.created} created, ${counts.updated} updated, ${counts.pulled} taken from live, ${counts.skipped} left as they are`;
    if (result.status === 'done') notify(services, `Applied to '${result.plan.env}': ${done}.`);
    else if (result.status === 'conflicts') {
      void vscode.window.showWarningMessage(`Stopped: ${listed(result.conflicts)} changed live while this ran (${done}). Refresh, then Diff With Live.`);
    } else {
      void vscode.window
        .showErrorMessage(`Stopped: '${result.plan.env}' refused a file (${done}).`, 'Show Log')
        .then((choice) => choice && services.log.show());
    }
    return result;
  });
}
