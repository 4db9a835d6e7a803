// How the CLI prints plans, states and what each step did: one line per resource, the same words in push,
// plan, apply and status.
import { kindById } from '../../core/src/kinds';
import { changeList, stateWords, type FileStatus, type PlanStep, type StepResult } from '../../sync/src/index';

/** A kind as a column: "assistant", "structured output". */
export function nounOf(kind: FileStatus['kind']): string {
  return kindById(kind).noun;
}

/** `create  tool  tools/x.tool.json`, with what an update changes or why a step is skipped. */
export function stepText(step: PlanStep): string {
  const head = `${step.action.padEnd(8)} ${nounOf(step.file.kind).padEnd(17)} ${step.file.key}`;
  switch (step.action) {
    case 'create':
      return step.leftOut ? `${head} (without ${step.leftOut.join(', ')}: created after it)` : head;
    case 'update':
      if (step.completes) return `${head}: sets ${changeList(step.changes)} (left out before)`;
      return `${head}: ${changeList(step.changes) || 'no field'}${step.leftOut ? ` (without ${step.leftOut.join(', ')}: created after it)` : ''}`;
    case 'conflict':
      return `${head}: ${stateWords[step.file.state]}${step.changes.length ? ` (${changeList(step.changes)})` : ''}`;
    case 'skip':
    case 'invalid':
      return `${head}: ${step.reason ?? ''}`;
  }
}

/** What a carried-out step did, for the line after the step. */
export function outcomeText(result: StepResult, env: string): string {
  const { step, outcome } = result;
  const noun = nounOf(step.file.kind);
  switch (outcome.status) {
    case 'created':
      return `created ${noun} ${outcome.id} for ${step.file.key}`;
    case 'adopted':
      return `linked ${step.file.key} to ${noun} ${outcome.id}, which an interrupted earlier run created`;
    case 'updated':
      return `updated ${noun} ${outcome.id} from ${step.file.key}: ${[...outcome.plan.changedKeys, ...outcome.plan.clearedKeys.map((key) => `${key} (cleared)`)].join(', ')}`;
    case 'unchanged':
      return `${step.file.key} was already in sync with ${noun} ${outcome.id}`;
    case 'pulled':
      return `pulled ${noun} ${outcome.id} from '${env}' into ${step.file.key}`;
    case 'skipped':
      return `left ${step.file.key} alone: ${outcome.reason}`;
    case 'conflict':
      return `stopped at ${step.file.key}: ${noun} ${outcome.id} changed in '${env}' while this ran`;
    case 'invalid':
      return `${step.file.key} was refused (${outcome.diagnostics.length} problem(s))`;
    case 'dry-run':
      return `would ${outcome.plan.action} ${step.file.key}`;
  }
}
