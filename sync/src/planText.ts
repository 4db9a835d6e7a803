// How states and plans read for people, the same words in the CLI and in VS Code's sync view: a state's
// words, a list of changed paths, and a plan as Markdown (a pull request comment, the view's Plan preview).
import { kindById } from '../../core/src/kinds';
import type { PathChange, PlanStep, SyncPlan, SyncState } from './types';

export const stateWords: Record<SyncState, string> = {
  'not-pushed': 'not pushed',
  'in-sync': 'in sync',
  'local-changes': 'local changes',
  'live-changed': 'live changed',
  conflict: 'both changed (conflict)',
  'live-deleted': 'live deleted',
};

/** At most `limit` changed paths, then "…". */
export function changeList(changes: readonly PathChange[], limit = 6): string {
  const paths = changes.map((change) => change.path);
  return paths.length > limit ? `${paths.slice(0, limit).join(', ')}, … (${paths.length} in all)` : paths.join(', ');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** What settles a conflict, in the words of the CLI (default) or of the editor showing the plan. */
const cliConflictAdvice = '`apply` stops unless `--resolve ours` (overwrite live) or `--resolve theirs` (take live into the file).';

/** A heading, a table of the steps, the conflicts called out with `conflictAdvice`. */
export function planMarkdown(result: SyncPlan, conflictAdvice = cliConflictAdvice): string {
  const actions: Record<PlanStep['action'], string> = { create: '➕ create', update: '✏️ update', conflict: '⚠️ conflict', skip: '⏭️ skip', invalid: '❌ invalid' };
  const lines = [`### Assistant Config plan for \`${result.env}\``, ''];
  if (!result.steps.length) lines.push(`No changes: ${result.status.files.length} file(s) in sync.`);
  else {
    lines.push('| # | Action | Kind | File | Changes |', '| ---: | --- | --- | --- | --- |');
    result.steps.forEach((step, index) => {
      const changes = step.action === 'create' ? (step.leftOut ? `without ${step.leftOut.join(', ')} (set after)` : 'new') : step.reason ?? changeList(step.changes);
      lines.push(`| ${index + 1} | ${actions[step.action]} | ${kindById(step.file.kind).noun} | \`${escapeCell(step.file.key)}\` | ${escapeCell(changes || '—')} |`);
    });
    const conflicts = result.steps.filter((step) => step.action === 'conflict');
    if (conflicts.length) lines.push('', `**${conflicts.length} conflict(s):** changed live since the last sync. ${conflictAdvice}`);
  }
  if (result.status.orphans.length) lines.push('', `${result.status.orphans.length} live resource(s) have no file (left alone).`);
  if (result.status.problems.length) lines.push('', ...result.status.problems.map((problem) => `- ❌ \`${escapeCell(problem.key)}\`: ${escapeCell(problem.message)}`));
  return lines.join('\n');
}
