// status, plan, apply and pull --all: the workspace as one against an environment, with the engine the
// extension uses (sync/src: status, plan, apply, pullAll).
import * as path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { kindById } from '../../../core/src/kinds';
import { apply, changeList, plan, planMarkdown, pullAll, stateWords, status, SyncError, type ApplyResult, type ConflictResolution, type PlanStep, type SyncPlan, type WorkspaceStatus } from '../../../sync/src/index';
import { UsageError } from '../inputFiles';
import type { Io } from '../io';
import { displayPath } from '../output';
import { nounOf, outcomeText, stepText } from '../planOutput';
import { exitCodes } from '../usage';
import { workspaceContext, type SyncFlags } from './sync';

export interface WorkspaceFlags extends SyncFlags {
  format?: string;
  resolve?: string;
  all: boolean;
}

function formatFlag(flags: WorkspaceFlags, allowed: readonly string[]): string {
  const format = flags.format ?? 'text';
  if (!allowed.includes(format)) throw new UsageError(`--format must be one of ${allowed.join(', ')}.`);
  return format;
}

function absolute(paths: string[]): string[] {
  return paths.map((given) => path.resolve(given));
}

/** `assistants/desk.assistant.json` as the user sees it from the current folder. */
function shown(workspaceRoot: string, key: string): string {
  return displayPath(path.join(workspaceRoot, ...key.split('/')));
}

function statusLines(result: WorkspaceStatus, root: string): string[] {
  const lines = result.files.map((file) => {
    const detail = file.changes?.length ? ` (${changeList(file.changes, 4)})` : file.createPending ? ' (a create was sent and never confirmed: the next apply checks for it)' : file.needs?.length ? ` (refers to ${file.needs.length} file(s) not pushed yet)` : '';
    return `${stateWords[file.state].padEnd(24)} ${nounOf(file.kind).padEnd(17)} ${shown(root, file.key)}${detail}`;
  });
  for (const orphan of result.orphans) lines.push(`${'orphan (no file)'.padEnd(24)} ${nounOf(orphan.kind).padEnd(17)} ${orphan.id}${orphan.name ? `  ${orphan.name}` : ''}`);
  for (const problem of result.problems) lines.push(`${'cannot sync'.padEnd(24)} ${''.padEnd(17)} ${shown(root, problem.key)}: ${problem.message}`);
  return lines;
}

function tally<T extends string>(values: readonly T[], words: (value: T) => string): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(words(value), (counts.get(words(value)) ?? 0) + 1);
  return [...counts].map(([word, count]) => `${count} ${word}`).join(', ');
}

export async function statusCommand(paths: string[], flags: WorkspaceFlags, io: Io, signal: AbortSignal): Promise<number> {
  const format = formatFlag(flags, ['text', 'json']);
  const ctx = workspaceContext(flags, io, signal);
  const started = Date.now();
  const result = await status(ctx, { paths: absolute(paths) });
  const allInSync = result.files.every((file) => file.state === 'in-sync') && !result.orphans.length && !result.problems.length;
  if (format === 'json') io.out(JSON.stringify(result, null, 2));
  else {
    for (const line of statusLines(result, ctx.workspaceRoot)) io.out(line);
    const summary = tally(result.files.map((file) => file.state), (state) => stateWords[state]) || 'no resource files';
    io.err(`${result.files.length} file(s) against '${ctx.env.name}': ${summary}${result.orphans.length ? `; ${result.orphans.length} live resource(s) no file holds` : ''}${result.problems.length ? `; ${result.problems.length} file(s) that cannot be synced` : ''} (${Date.now() - started} ms).`);
  }
  return allInSync ? exitCodes.ok : exitCodes.failed;
}

function planText(result: SyncPlan, root: string): string[] {
  const lines = result.steps.map((step, index) => `${String(index + 1).padStart(3)}. ${stepText({ ...step, file: { ...step.file, key: shown(root, step.file.key) } })}`);
  const inSync = result.status.files.filter((file) => file.state === 'in-sync').length;
  const summary = tally(result.steps.map((step) => step.action), (action) => ({ create: 'to create', update: 'to update', conflict: 'conflict(s)', skip: 'left alone', invalid: 'invalid' })[action]);
  lines.push(result.steps.length ? `Plan for '${result.env}': ${summary}; ${inSync} in sync.` : `Nothing to do: ${inSync} file(s) in sync with '${result.env}'.`);
  for (const orphan of result.status.orphans) lines.push(`Not in the workspace (left alone): ${nounOf(orphan.kind)} ${orphan.id}${orphan.name ? ` (${orphan.name})` : ''}.`);
  for (const problem of result.status.problems) lines.push(`Cannot be synced: ${shown(root, problem.key)}: ${problem.message}`);
  return lines;
}

export async function planCommand(paths: string[], flags: WorkspaceFlags, io: Io, signal: AbortSignal): Promise<number> {
  const format = formatFlag(flags, ['text', 'json', 'markdown']);
  const ctx = workspaceContext(flags, io, signal);
  const started = Date.now();
  const result = await plan(ctx, { paths: absolute(paths), withDependencies: flags.withDeps });
  if (format === 'json') io.out(JSON.stringify(result, null, 2));
  else if (format === 'markdown') io.out(planMarkdown(result));
  else {
    for (const line of planText(result, ctx.workspaceRoot)) io.out(line);
    io.err(`Planned in ${Date.now() - started} ms; nothing was sent.`);
  }
  const blocked = result.steps.some((step) => step.action === 'invalid') || result.status.problems.length > 0;
  return blocked ? exitCodes.failed : exitCodes.ok;
}

const resolutions = ['fail', 'ours', 'theirs'] as const;

/** Asks in the terminal what to do with one conflict. */
async function askConflict(step: PlanStep, root: string): Promise<ConflictResolution | 'skip'> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const what = `${nounOf(step.file.kind)} ${shown(root, step.file.key)}: ${stateWords[step.file.state]}${step.changes.length ? ` (${changeList(step.changes, 4)})` : ''}`;
    for (;;) {
      const answer = (await prompt.question(`${what}.\n  [o]verwrite live with the file, [t]ake live into the file, [s]kip it, or [a]bort? `)).trim().toLowerCase();
      if (answer === 'o' || answer === 'ours') return 'ours';
      if (answer === 't' || answer === 'theirs') return 'theirs';
      if (answer === 's' || answer === 'skip') return 'skip';
      if (answer === 'a' || answer === 'abort' || answer === '') return 'fail';
    }
  } finally {
    prompt.close();
  }
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

export async function applyCommand(paths: string[], flags: WorkspaceFlags, io: Io, signal: AbortSignal, interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY)): Promise<number> {
  if (flags.resolve !== undefined && !resolutions.includes(flags.resolve as ConflictResolution)) throw new UsageError(`--resolve must be one of ${resolutions.join(', ')}.`);
  const ctx = workspaceContext(flags, io, signal);
  const root = ctx.workspaceRoot;
  if (!flags.yes) {
    // The plan first: with nothing to do there is nothing to confirm, in a terminal or not.
    const preview = await plan(ctx, { paths: absolute(paths), withDependencies: flags.withDeps });
    for (const line of planText(preview, root)) io.out(line);
    if (!preview.steps.length) return exitCodes.ok;
    if (!interactive) throw new UsageError('apply changes the environment: run it in a terminal to confirm, or pass --yes (as CI does).');
    if (!(await confirm(`Apply these ${preview.steps.length} step(s) to '${ctx.env.name}'?`))) {
      io.err('Nothing was sent.');
      return exitCodes.refused;
    }
  }
  const result: ApplyResult = await apply(ctx, {
    paths: absolute(paths),
    withDependencies: flags.withDeps,
    resolve: flags.resolve as ConflictResolution | undefined,
    onConflict: interactive && flags.resolve === undefined ? (step) => askConflict(step, root) : undefined,
    onStep: (event) => {
      if (event.phase === 'done' && event.outcome) io.out(`${String(event.index + 1).padStart(3)}/${event.total} ${outcomeText({ step: event.step, outcome: event.outcome }, ctx.env.name)}`);
    },
  });
  const { counts } = result;
  const summary = `${counts.created} created, ${counts.updated} updated, ${counts.pulled} pulled into files, ${counts.skipped} left alone`;
  switch (result.status) {
    case 'conflicts':
      for (const step of result.conflicts) io.out(`conflict ${nounOf(step.file.kind)} ${shown(root, step.file.key)}: ${stateWords[step.file.state]}${step.changes.length ? ` (${changeList(step.changes, 4)})` : ''}`);
      io.err(`Stopped: ${result.conflicts.length} conflict(s)${result.results.length ? ` after ${summary}` : '; nothing was sent'}. Choose with --resolve ours (overwrite live) or --resolve theirs (take live into the files).`);
      return exitCodes.refused;
    case 'invalid': {
      for (const { step, outcome } of result.results) {
        if (outcome.status !== 'invalid') continue;
        for (const diagnostic of outcome.diagnostics) io.out(`${shown(root, step.file.key)}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} error ${diagnostic.message}`);
      }
      io.err(`Stopped: a file was refused${counts.created + counts.updated ? ` after ${summary}` : '; nothing was sent'}.`);
      return exitCodes.failed;
    }
    case 'done':
      io.err(result.results.length ? `Applied to '${ctx.env.name}': ${summary}.` : `Nothing to do: everything is in sync with '${ctx.env.name}'.`);
      return exitCodes.ok;
  }
}

export async function pullAllCommand(flags: WorkspaceFlags, io: Io, signal: AbortSignal): Promise<number> {
  const folder = path.resolve(flags.output ?? '.');
  const ctx = workspaceContext(flags, io, signal, folder);
  const result = await pullAll(ctx, { folder, overwrite: flags.yes, promptFileLines: flags.promptFileLines });
  for (const file of result.files) {
    const where = displayPath(file.path);
    const noun = kindById(file.kind).noun;
    if (file.status === 'written') io.out(`wrote ${where} (${noun} ${file.id})${file.prompts?.length ? ` and ${file.prompts.map(displayPath).join(', ')}` : ''}`);
    else if (file.status === 'local-changes') io.out(`kept ${where}: it has changes not synced with '${ctx.env.name}' (--yes replaces them)`);
  }
  const { written, unchanged, localChanges } = result.counts;
  const total = result.files.length;
  io.err(
    written === 0 && localChanges === 0
      ? `Nothing changed: all ${total} resource(s) of '${ctx.env.name}' already match their files.`
      : `${total} resource(s) of '${ctx.env.name}': ${written} written, ${unchanged} unchanged${localChanges ? `, ${localChanges} kept (local changes)` : ''}.`,
  );
  if (localChanges) throw new SyncError('conflict', `${localChanges} file(s) have changes not synced with '${ctx.env.name}'; they were left as they are. Push them, or pull again with --yes to replace them.`);
  return exitCodes.ok;
}
