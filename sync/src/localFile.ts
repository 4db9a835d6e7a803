// Reading a resource file: its kind, its object, and the checks every command makes before touching the network.
import * as path from 'node:path';
import { detectKind } from '../../core/src/kindOfFile';
import { kindOf, kindTitle, resourceKinds, vendorNames, type ResourceKind } from '../../core/src/kinds';
import { maxNestingDepth, tooDeepAt } from '../../core/src/nesting';
import { SyncError } from './errors';
import type { JsonObject } from './normalise';
import { isJsonObject } from './normalise';
import type { Environment, FileDiagnostic, KnownText, LocalFile, SyncContext } from './types';

/** The top-level object of a resource file, or undefined if the text is not a JSON object without syntax errors. */
export function parseObjectText(text: string): JsonObject | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isJsonObject(value) ? value : undefined;
}

/** The file's kind; refuses a file of another vendor than the environment's (a Vapi file to Insighto, …). */
export function fileKind(filePath: string, text: string, env: Environment): ResourceKind {
  const kind = detectKind(path.basename(filePath), text);
  if (kind.vendor !== env.vendor) {
    throw new SyncError('config', `${path.basename(filePath)} is a ${kindTitle(kind)} file but environment '${env.name}' is ${vendorNames[env.vendor]}.`);
  }
  return kind;
}

/**
 * The kind a file about to be written from the environment will have: the resource its name says (an
 * `.assistant.json` name is an assistant of whichever vendor the environment is).
 */
export function kindToWrite(filePath: string, env: Environment): ResourceKind {
  const name = path.basename(filePath).toLowerCase();
  const resource = resourceKinds.find((kind) => name.endsWith(kind.fileSuffix))?.resource ?? 'assistant';
  const kind = kindOf(env.vendor, resource);
  if (!kind) throw new SyncError('config', `${path.basename(filePath)}: ${vendorNames[env.vendor]} environments have no ${resource} resources.`);
  return kind;
}

/** A file's text read once, for both its check and its sync: a 55 MB file takes seconds to parse. */
export interface ReadText {
  /** It nests deeper than any feature handles (then it is not parsed). */
  tooDeep: boolean;
  /** What JSON.parse reads; undefined for a text that is not JSON. */
  json?: unknown;
}

export function readText(text: string): ReadText {
  if (tooDeepAt(text) !== undefined) return { tooDeep: true };
  try {
    return { tooDeep: false, json: JSON.parse(text) };
  } catch {
    return { tooDeep: false };
  }
}

/**
 * Error-level schema diagnostics that block a push (empty when the file may be pushed), from the context's
 * validator; `known` is what the caller read of the text already (its value, maybe its depth).
 */
export async function validateForPush(ctx: SyncContext, file: LocalFile, kind: ResourceKind, known?: KnownText): Promise<FileDiagnostic[]> {
  const diagnostics = known === undefined ? await ctx.validate(file.text, kind) : await ctx.validate(file.text, kind, known);
  return diagnostics.filter((diagnostic) => diagnostic.severity === 1);
}

/** What a validator may take from a text read by readText: its value, and that its depth was measured. */
export function knownText(read: ReadText): KnownText | undefined {
  return read.json === undefined ? undefined : { value: read.json, withinDepth: !read.tooDeep };
}

/** The file's object, or a 'validation' SyncError carrying its syntax errors; `read` is the text read already. */
export async function requireObject(ctx: SyncContext, file: LocalFile, kind: ResourceKind, read: ReadText = readText(file.text)): Promise<JsonObject> {
  if (read.tooDeep) {
    throw new SyncError('validation', `${path.basename(file.path)} nests more than ${maxNestingDepth} levels deep; no ${kind.noun} does.`, {
      diagnostics: await validateForPush(ctx, file, kind),
    });
  }
  if (isJsonObject(read.json)) return read.json;
  throw new SyncError('validation', `${path.basename(file.path)} is not a valid JSON object; fix its syntax first.`, {
    diagnostics: await validateForPush(ctx, file, kind, knownText(read)),
  });
}

/** What a user calls a resource: its `name`, or a tool's function name (tools have no name of their own). */
export function resourceName(value: JsonObject): string | undefined {
  if (typeof value.name === 'string' && value.name.trim()) return value.name;
  const fn = value.function;
  return isJsonObject(fn) && typeof fn.name === 'string' && fn.name.trim() ? fn.name : undefined;
}
