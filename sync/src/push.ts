// Push: one file, and the files it refers to that have no resource in the environment yet (created first,
// in dependency order), or that changed locally when asked (`withDependencies`). Validates everything it
// would send first, and never overwrites a remote change unasked.
import * as path from 'node:path';
import { applyPlanned } from './apply';
import { SyncError } from './errors';
import { diffResult } from './jsonDiff';
import { fileKind, knownText, readText, requireObject, validateForPush } from './localFile';
import { hashOf } from './normalise';
import { planSync, type PlannedStep } from './plan';
import { createPlan, updatePlan } from './send';
import { openSession } from './session';
import { writeLink } from './state';
import type { LocalFile, PlanStep, PushOptions, PushResult, ResourcePushResult, StepResult, SyncContext } from './types';
import { workspaceFile } from './workspacePath';

/** `dependencies` and `skipped` only when there are any, so a plain push's result stays what it was. */
function withExtras(result: ResourcePushResult, dependencies: StepResult[], skipped: PlanStep[]): PushResult {
  return { ...result, ...(dependencies.length ? { dependencies } : {}), ...(skipped.length ? { skipped } : {}) };
}

/**
 * Validates `file` (and every file it refers to that would be sent), then creates or updates the remote
 * resources: referenced files never pushed to this environment first, then the file. Update: stops with
 * 'conflict' if the live copy changed since the last sync unless `overwrite`; sends nothing when neither side
 * changed since the last sync or both already match. A create records a create-pending marker first, so a
 * retry after a lost response links the resource that was made instead of making another.
 * Throws SyncError for transport, auth and configuration failures; API rejections come back as 'invalid'.
 */
export async function push(ctx: SyncContext, file: LocalFile, options: PushOptions = {}): Promise<PushResult> {
  const { env, workspaceRoot } = ctx;
  const kind = fileKind(file.path, file.text, env);
  openSession(ctx, kind); // environment and key checked before anything else
  const { key } = await workspaceFile(workspaceRoot, file.path);
  const label = `${key} → ${env.name}`;
  const log = openSession(ctx, kind).log;
  ctx.onProgress?.('Validating…');
  const read = readText(file.text); // once, for the check and the push
  const diagnostics = await validateForPush(ctx, file, kind, knownText(read));
  if (diagnostics.length) {
    log.warn(`push ${label}: ${diagnostics.length} validation error(s); nothing sent`);
    return { status: 'invalid', diagnostics };
  }
  const value = await requireObject(ctx, file, kind, read);

  const absolute = path.resolve(file.path);
  const internal = await planSync(ctx, { paths: [file.path], live: 'get', withDependencies: options.withDependencies, held: new Map([[absolute, { text: file.text, value }]]), checked: new Set([absolute]) });
  const problem = internal.plan.status.problems[0];
  if (problem) throw new SyncError('config', problem.key === key ? `${key}: ${problem.message}` : `${problem.key} (referred to by ${key}): ${problem.message}`);
  const isRoot = (entry: PlannedStep) => entry.node.key === key;
  const others = internal.planned.filter((entry) => !isRoot(entry));
  const skipped = others.filter((entry) => entry.step.action === 'skip').map((entry) => entry.step);
  const rootStep = internal.planned.find(isRoot);
  const root = internal.nodes.get(key)!;

  const invalid = internal.planned.find((entry) => entry.step.action === 'invalid');
  if (invalid) {
    log.warn(`push ${label}: ${invalid.step.diagnostics?.length ?? 0} validation error(s) in ${invalid.node.key}; nothing sent`);
    return { status: 'invalid', diagnostics: invalid.step.diagnostics ?? [], ...(isRoot(invalid) ? {} : { path: invalid.node.path }) };
  }
  for (const entry of internal.planned) {
    if (entry.step.action !== 'conflict') continue;
    const id = entry.step.file.id!;
    if (entry.step.file.state === 'live-deleted') {
      throw new SyncError(
        'not-found',
        `The ${entry.node.kind.noun} ${id} linked to ${isRoot(entry) ? 'this file' : entry.node.key} no longer exists in environment '${env.name}'. Unlink the file to create a new one there, or pull another ${entry.node.kind.noun} into it.`,
        { status: 404 },
      );
    }
    if (!options.overwrite) {
      log.warn(`push ${label}: ${entry.node.key} changed remotely since the last sync; nothing sent`);
      return { status: 'conflict', id, diff: diffResult(id, entry.node.text, entry.node.resolved.body, entry.liveNorm ?? {}, true), ...(isRoot(entry) ? {} : { path: entry.node.path }) };
    }
  }

  const toSend = internal.planned.filter((entry) => entry.step.action !== 'skip');
  if (!rootStep && (!toSend.length || options.dryRun)) {
    // In sync: nothing to send; the link's hashes are refreshed.
    const id = root.link!.id!;
    const liveNorm = internal.lives.get(key) ?? {};
    if (!options.dryRun) await writeLink(ctx, root.path, { id, localHash: root.localHash, remoteHash: hashOf(liveNorm) });
    log.info(`push ${label}: ${id} in sync; nothing sent`);
    return options.dryRun && toSend.length
      ? withExtras({ status: 'dry-run', id, plan: updatePlan(kind, root.resolved.body, liveNorm), steps: internal.planned.map((entry) => entry.step) }, [], skipped)
      : withExtras({ status: 'unchanged', id }, [], skipped);
  }

  if (options.dryRun && rootStep) {
    const steps = internal.planned.map((entry) => entry.step);
    const rootPlan =
      rootStep.step.action === 'create' ? createPlan(root.resolved.body) : updatePlan(kind, root.resolved.body, rootStep.liveNorm ?? {});
    return withExtras({ status: 'dry-run', ...(root.link?.id ? { id: root.link.id } : {}), plan: rootPlan, steps }, [], skipped);
  }

  const applied = await applyPlanned(ctx, internal, { resolve: options.overwrite ? 'ours' : 'fail' }, true);
  const rootResults = applied.results.filter((entry) => entry.step.file.key === key);
  const dependencies = applied.results.filter((entry) => entry.step.file.key !== key || entry !== rootResults[0]);
  const failed = applied.results.find((entry) => entry.outcome.status === 'invalid' || entry.outcome.status === 'conflict');
  if (failed && (failed.outcome.status === 'invalid' || failed.outcome.status === 'conflict')) {
    const aboutRoot = failed.step.file.key === key;
    return withExtras({ ...failed.outcome, ...(aboutRoot ? {} : { path: failed.step.file.path }) }, dependencies.filter((entry) => entry !== failed), skipped);
  }
  const sent = dependencies.filter((entry) => entry.outcome.status !== 'skipped');
  const outcome = rootResults[0]?.outcome;
  if (!outcome) {
    // The file itself was in sync; only what it refers to was sent.
    const id = root.link!.id!;
    await writeLink(ctx, root.path, { id, localHash: root.localHash, remoteHash: hashOf(internal.lives.get(key) ?? {}) });
    return withExtras({ status: 'unchanged', id }, sent, skipped);
  }
  if (outcome.status === 'skipped' || outcome.status === 'pulled' || outcome.status === 'dry-run') throw new Error(`push ${label}: unexpected ${outcome.status} for the file`);
  return withExtras(outcome, sent, skipped);
}
