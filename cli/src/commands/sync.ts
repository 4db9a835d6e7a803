// push, pull, diff and list: the sync engine with the CLI's environment, output and exit codes.
import * as path from 'node:path';
import { detectKind, isResourceFileName } from '../../../core/src/kindOfFile';
import { capitalised, kindOf, resourceKinds, withArticle, type ResourceKind, type ResourceType } from '../../../core/src/kinds';
import { validateFile } from '../../../core/src/validation';
import { diff, fetchLiveText, kindToWrite, list, pull, push, readLink, SyncError, type Environment, type SyncContext, type Vendor } from '../../../sync/src/index';
import { findWorkspaceRoot, resolveEnvironment, type EnvironmentFlags } from '../environment';
import { checkOutputFile, readInputFile } from '../inputFiles';
import type { Io } from '../io';
import { byPosition, displayPath, formatChanges, formatDiagnostic, lineDiff } from '../output';
import { outcomeText, stepText } from '../planOutput';
import { exitCodes } from '../usage';

export interface SyncFlags extends EnvironmentFlags {
  yes: boolean;
  dryRun: boolean;
  withDeps: boolean;
  promptFileLines?: number;
  output?: string;
  /** list, and pull without a file: which resource (assistant, tool, squad, structured-output). */
  kind?: string;
  workspace?: string;
  timeoutSeconds?: number;
  verbose: boolean;
}

/** The context of a command about the workspace as a whole: its root from --workspace, else found from `anchor` (default: the current folder). */
export function workspaceContext(flags: SyncFlags, io: Io, signal: AbortSignal, anchor = process.cwd()): SyncContext {
  return context(flags, io, signal, anchor);
}

function context(flags: SyncFlags, io: Io, signal: AbortSignal, anchor: string, fileVendor?: Vendor): SyncContext {
  const { env, apiKey } = resolveEnvironment(flags, fileVendor);
  const log = (level: string) => (message: string) => {
    if (flags.verbose) io.err(`[${level}] ${message}`);
  };
  io.err(`Environment '${env.name}' (${env.vendor}, ${env.baseUrl})`);
  return {
    env,
    apiKey,
    workspaceRoot: path.resolve(flags.workspace ?? findWorkspaceRoot(anchor)),
    logger: { info: log('info'), warn: log('warn'), error: log('error') },
    signal,
    // The CLI checks files itself, with the same validator as `validate`.
    validate: validateFile,
    onWarning: (message) => io.err(`Warning: ${message}`),
    timeoutMs: flags.timeoutSeconds === undefined ? undefined : flags.timeoutSeconds * 1000,
  };
}

async function readLocal(file: string): Promise<{ path: string; text: string; kind: ResourceKind }> {
  const absolute = path.resolve(file);
  const text = await readInputFile(file);
  return { path: absolute, text, kind: detectKind(path.basename(absolute), text) };
}

export async function pushCommand(file: string, flags: SyncFlags, io: Io, signal: AbortSignal): Promise<number> {
  const local = await readLocal(file);
  const ctx = context(flags, io, signal, path.dirname(local.path), local.kind.vendor);
  const where = `environment '${ctx.env.name}'`;
  const { noun } = local.kind;
  const result = await push(ctx, local, { overwrite: flags.yes, dryRun: flags.dryRun, withDependencies: flags.withDeps });
  // What was done to the files it refers to comes first, as it happened first.
  for (const done of result.dependencies ?? []) io.out(`${capitalised(outcomeText(done, ctx.env.name))}.`);
  for (const step of result.skipped ?? []) io.err(`Not pushed: ${step.file.key} (${step.reason}).`);
  const shown = result.status !== 'dry-run' && 'path' in result && result.path ? displayPath(result.path) : file;
  switch (result.status) {
    case 'invalid':
      for (const diagnostic of byPosition(result.diagnostics)) io.out(formatDiagnostic(shown, diagnostic));
      if (result.diagnostics.some((diagnostic) => diagnostic.source === 'assistant-config')) {
        io.err(`Push refused: ${result.diagnostics.length} schema error(s) in ${shown}; nothing was sent to ${where}.`);
      } else {
        io.err(`The API rejected ${shown} (${result.diagnostics.length} problem(s)); nothing ${result.dependencies?.length ? 'more ' : ''}was changed in ${where}.`);
      }
      return exitCodes.failed;
    case 'conflict':
      io.out(`${capitalised(result.path ? detectKind(path.basename(result.path), '').noun : noun)} ${result.id}${result.path ? ` (${shown})` : ''} changed in ${where} since the last sync; nothing was sent.`);
      io.out(`Differences (+ only in the file, - only live, ~ changed):\n${formatChanges(result.diff.changes)}`);
      io.err(`See them with 'assistant-config diff ${shown}', take the live version with 'pull', or push again with --yes to overwrite it.`);
      return exitCodes.refused;
    case 'dry-run': {
      if (result.steps.length > 1) {
        io.out(`Dry run: would make these ${result.steps.length} changes in ${where}, in this order:`);
        result.steps.forEach((step, index) => io.out(`  ${String(index + 1).padStart(2)}. ${stepText(step)}`));
      }
      const target = result.plan.action === 'create' ? `create a new ${noun} in ${where}` : `update ${noun} ${result.id} in ${where}`;
      io.out(`${result.steps.length > 1 ? 'Then' : 'Dry run'}: would ${target}${result.steps.length > 1 ? ` (ids of the files created before it filled in)` : ''}.`);
      if (result.plan.clearedKeys.length) io.out(`Would clear (absent from the file): ${result.plan.clearedKeys.join(', ')}`);
      io.out(JSON.stringify(result.plan.body, null, 2));
      return exitCodes.ok;
    }
    case 'unchanged':
      io.out(`Nothing to push: ${displayPath(file)} is in sync with ${noun} ${result.id} in ${where}.`);
      return exitCodes.ok;
    case 'created':
    case 'updated':
    case 'adopted': {
      if (result.status === 'created') io.out(`Created ${noun} ${result.id} in ${where}; ${displayPath(file)} is linked to it.`);
      if (result.status === 'adopted') {
        io.out(`An earlier create went through as ${noun} ${result.id} in ${where}; linked it instead of creating another.`);
      }
      if (result.plan && result.plan.action === 'update') {
        const cleared = result.plan.clearedKeys.length ? `; cleared ${result.plan.clearedKeys.join(', ')}` : '';
        io.out(`Updated ${noun} ${result.id} in ${where}: ${result.plan.changedKeys.join(', ') || 'no keys changed'}${cleared}.`);
      }
      if (result.notKept.length) {
        io.out(`Warning: the API did not keep these as sent (the live copy differs there):\n${formatChanges(result.notKept)}`);
      }
      return exitCodes.ok;
    }
  }
}

const resourceTypes = [...new Set(resourceKinds.map((kind) => kind.resource))];

/** The environment's kind for `--kind` (default: assistants). */
function kindFlag(flags: SyncFlags, env: Environment): ResourceKind {
  const resource = (flags.kind ?? 'assistant') as ResourceType;
  if (!resourceTypes.includes(resource)) throw new SyncError('config', `--kind must be one of ${resourceTypes.join(', ')}.`);
  const kind = kindOf(env.vendor, resource);
  if (!kind) throw new SyncError('config', `Environment '${env.name}' (${env.vendor}) has no ${resource} resources.`);
  return kind;
}

export async function pullCommand(idOrFile: string, given: SyncFlags, io: Io, signal: AbortSignal): Promise<number> {
  // A linked file instead of an id (as VS Code's Pull works on the open file): its resource, into it.
  const fromFile = !given.output && isResourceFileName(path.basename(idOrFile));
  const flags = fromFile ? { ...given, output: idOrFile } : given;
  const target = flags.output ? path.resolve(flags.output) : undefined;
  if (flags.output) await checkOutputFile(flags.output);
  const local = fromFile ? await readLocal(idOrFile) : undefined;
  const ctx = context(flags, io, signal, target ? path.dirname(target) : process.cwd(), local?.kind.vendor);
  let id = idOrFile;
  if (local) {
    const link = await readLink(ctx, local.path);
    if (!link?.id) throw new SyncError('config', `${idOrFile} is not linked to ${withArticle(local.kind.noun)} in environment '${ctx.env.name}': push it first, or pull an id into it with pull <id> -o ${idOrFile}.`);
    id = link.id;
  }
  if (!target) {
    // No file: print the resource without linking anything.
    io.out((await fetchLiveText(ctx, kindFlag(flags, ctx.env), id)).trimEnd());
    return exitCodes.ok;
  }
  // With a file, its name says the kind (x.tool.json); a --kind that says otherwise is a mistake.
  const { noun, resource } = kindToWrite(target, ctx.env);
  if (flags.kind !== undefined && flags.kind !== resource) {
    throw new SyncError('config', `${flags.output} names a ${noun} file (${resource}), but --kind is ${flags.kind}.`);
  }
  const result = await pull(ctx, { id, path: target, overwrite: flags.yes, withDependencies: flags.withDeps, promptFileLines: flags.promptFileLines });
  for (const dependency of result.dependencies ?? []) {
    const shown = displayPath(dependency.path);
    io.out(dependency.status === 'written' ? `Wrote ${shown} from ${dependency.id}.` : `${shown} already matches ${dependency.id}.`);
  }
  for (const prompt of result.prompts ?? []) io.out(`Wrote the prompt ${displayPath(prompt)}.`);
  if (result.notInWorkspace?.length) {
    const ids = result.notInWorkspace.map((reference) => `${reference.field} (${reference.target} ${reference.id})`);
    io.err(`Refers to ${ids.length} resource(s) no workspace file holds: ${ids.join(', ')}. Pull them too with --with-deps.`);
  }
  if (result.status === 'local-changes') {
    io.out(`${flags.output} has changes not synced with environment '${ctx.env.name}'; nothing was written.`);
    io.out(`Differences (+ only in the file, - only live, ~ changed):\n${formatChanges(result.diff.changes)}`);
    io.err('Push them first, or pull again with --yes to replace the file.');
    return exitCodes.refused;
  }
  io.out(
    result.status === 'written'
      ? `Wrote ${flags.output} from ${noun} ${id} in environment '${ctx.env.name}'.`
      : `${flags.output} already matches ${noun} ${id} in environment '${ctx.env.name}'; not rewritten.`,
  );
  return exitCodes.ok;
}

export async function diffCommand(file: string, flags: SyncFlags, io: Io, signal: AbortSignal): Promise<number> {
  const local = await readLocal(file);
  const ctx = context(flags, io, signal, path.dirname(local.path), local.kind.vendor);
  const { noun } = local.kind;
  const result = await diff(ctx, local);
  if (result.equal) {
    io.out(`No differences: ${file} matches ${noun} ${result.id} in environment '${ctx.env.name}'.`);
    return exitCodes.ok;
  }
  io.out(`${result.changes.length} difference(s) between ${file} and ${noun} ${result.id} in environment '${ctx.env.name}':`);
  io.out(formatChanges(result.changes));
  io.out(lineDiff(`live ${ctx.env.name}/${result.id}`, result.liveText, file, result.localText));
  return exitCodes.failed;
}

export async function listCommand(flags: SyncFlags, io: Io, signal: AbortSignal): Promise<number> {
  const ctx = context(flags, io, signal, process.cwd());
  const kind = kindFlag(flags, ctx.env);
  const found = await list(ctx, kind.resource);
  for (const resource of found) io.out(`${resource.id}  ${resource.updatedAt ?? ''}  ${resource.name ?? '(no name)'}`);
  io.err(`${found.length} ${kind.noun}(s) in environment '${ctx.env.name}'.`);
  return exitCodes.ok;
}
