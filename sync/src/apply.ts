// Carrying a plan out, one resource at a time in the plan's order. Each resource is recorded in the state
// file as soon as it succeeds (a create records a pending marker before it is sent), so a run interrupted at
// any point (a dropped connection, Ctrl+C, kill -9) resumes with the next run and never creates twice.
// Conflicts are settled before anything is sent: stopped, overwritten (ours) or pulled into the file (theirs).
import { SyncError, cancelledError } from './errors';
import { planSync, type InternalPlan, type PlannedStep } from './plan';
import { pull } from './pull';
import { linkMap, resolveBody, withoutReferences } from './resolve';
import { sendResource } from './send';
import { openSession } from './session';
import { unlink } from './state';
import type { ApplyOptions, ApplyResult, ConflictResolution, PlanRequest, PlanStep, StepOutcome, StepResult, SyncContext } from './types';

function counts(results: StepResult[]): ApplyResult['counts'] {
  const tally = { created: 0, updated: 0, pulled: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const { outcome } of results) {
    if (outcome.status === 'created' || outcome.status === 'adopted') tally.created++;
    else if (outcome.status === 'updated') tally.updated++;
    else if (outcome.status === 'pulled') tally.pulled++;
    else if (outcome.status === 'unchanged') tally.unchanged++;
    else if (outcome.status === 'skipped') tally.skipped++;
    else if (outcome.status === 'invalid' || outcome.status === 'conflict') tally.failed++;
  }
  return tally;
}

/** Files that cannot be synced stop the run before anything is sent: each says why. */
function refuseProblems(internal: InternalPlan): void {
  const { problems } = internal.plan.status;
  if (!problems.length) return;
  throw new SyncError('config', `${problems.length} file(s) cannot be synced as they are; nothing was sent:\n${problems.map((problem) => `  ${problem.key}: ${problem.message}`).join('\n')}`);
}

/**
 * The body a step sends, resolved against the links as they are now (the files it refers to were just created);
 * a file that refers to no other resource file is sent as it was planned.
 */
async function bodyOf(ctx: SyncContext, planned: PlannedStep) {
  const { node } = planned;
  const resolved = node.resolved.references.length ? await resolveBody(ctx, node.path, node.kind, node.value, await linkMap(ctx)) : node.resolved;
  const left = resolved.unresolved.filter((reference) => planned.leaveOut?.has(reference.key));
  const missing = resolved.unresolved.filter((reference) => !planned.leaveOut?.has(reference.key));
  if (missing.length) {
    throw new SyncError('config', `${node.key}: ${missing[0].site.value} has no ${missing[0].site.target} in environment '${ctx.env.name}' yet; push it first.`);
  }
  return left.length ? withoutReferences(resolved.body, left) : resolved.body;
}

async function carryOut(ctx: SyncContext, planned: PlannedStep, decision: ConflictResolution | 'skip' | undefined, reuseLive: boolean): Promise<StepOutcome> {
  const { step, node } = planned;
  const file = { path: node.path, text: node.text };
  const session = openSession(ctx, node.kind);
  switch (step.action) {
    case 'skip':
      return { status: 'skipped', reason: step.reason ?? 'left as it is' };
    case 'invalid':
      return { status: 'invalid', diagnostics: step.diagnostics ?? [] };
    case 'create':
    case 'update':
      return sendResource(session, node.kind, file, node.key, await bodyOf(ctx, planned), { liveNorm: reuseLive && !step.completes ? planned.liveNorm : undefined });
    case 'conflict': {
      if (decision === 'skip' || decision === undefined || decision === 'fail') return { status: 'skipped', reason: 'conflict left as it is' };
      if (decision === 'theirs') {
        if (step.file.state === 'live-deleted') return { status: 'skipped', reason: `deleted in '${ctx.env.name}'; the file was left as it is` };
        const pulled = await pull(ctx, { id: step.file.id!, path: node.path, overwrite: true });
        return { status: 'pulled', id: pulled.id };
      }
      // ours: the file wins; a deleted resource is created again.
      if (step.file.state === 'live-deleted') await unlink(ctx, node.path);
      return sendResource(session, node.kind, file, node.key, await bodyOf(ctx, planned), { overwrite: true, liveNorm: reuseLive ? planned.liveNorm : undefined });
    }
  }
}

/**
 * Carries out a plan made by planSync. `reuseLive`: the plan's live copies were read just now (a single push),
 * so they are not read again before each write. Conflicts are settled first (`options.resolve`, else
 * `options.onConflict` per conflict, else 'fail'); a 'fail' stops before anything is sent. A schema error stops
 * before anything is sent too; an API refusal stops the run at that resource (what was done stays recorded).
 */
export async function applyPlanned(ctx: SyncContext, internal: InternalPlan, options: ApplyOptions = {}, reuseLive = false): Promise<ApplyResult> {
  const { plan, planned } = internal;
  refuseProblems(internal);
  const result = (status: ApplyResult['status'], results: StepResult[], conflicts: PlanStep[] = []): ApplyResult => ({ status, plan, results, conflicts, counts: counts(results) });

  const invalid = planned.filter((entry) => entry.step.action === 'invalid');
  if (invalid.length) return result('invalid', invalid.map(({ step }) => ({ step, outcome: { status: 'invalid', diagnostics: step.diagnostics ?? [] } })));

  const decisions = new Map<PlannedStep, ConflictResolution | 'skip'>();
  const unresolved: PlanStep[] = [];
  for (const entry of planned) {
    if (entry.step.action !== 'conflict') continue;
    const decision = options.resolve ?? (options.onConflict ? await options.onConflict(entry.step) : 'fail');
    decisions.set(entry, decision);
    if (decision === 'fail') unresolved.push(entry.step);
  }
  if (unresolved.length) return result('conflicts', [], unresolved);

  const results: StepResult[] = [];
  for (const [index, entry] of planned.entries()) {
    if (ctx.signal?.aborted) throw cancelledError();
    options.onStep?.({ step: entry.step, index, total: planned.length, phase: 'start' });
    const outcome = await carryOut(ctx, entry, decisions.get(entry), reuseLive);
    results.push({ step: entry.step, outcome });
    options.onStep?.({ step: entry.step, index, total: planned.length, phase: 'done', outcome });
    // The live copy changed between the plan and the write (someone is editing it now), or the API refused the body.
    if (outcome.status === 'conflict') return result('conflicts', results, [{ ...entry.step, action: 'conflict' }]);
    if (outcome.status === 'invalid') return result('invalid', results);
  }
  return result('done', results);
}

/** Plans (one list request per kind) and carries out the plan; see applyPlanned. */
export async function apply(ctx: SyncContext, request: PlanRequest & ApplyOptions = {}): Promise<ApplyResult> {
  const internal = await planSync(ctx, { ...request, live: 'list' });
  return applyPlanned(ctx, internal, request);
}
