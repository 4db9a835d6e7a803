// File references: a field that holds another resource's id (`model.toolIds[]`, `members[].assistantId`)
// may hold the path of that resource's file instead, relative to the referring file:
// `"toolIds": ["./tools/lookup-order.tool.json"]`. A raw id keeps working. Which fields these are is read
// from the kind's schema (`x-reference`, written by the generator from the OpenAPI document). Shared by
// the language server (navigation, checks) and the sync engine (resolving references per environment).
import * as path from 'node:path';
import { escapePointer, walkPlans, type Json, type SchemaSet } from './validation/annotations';
import { loadSchema, type JSONSchema } from './validation/schemas';
import { kindOf, type ResourceKind, type ResourceType } from './kinds';

/**
 * What a reference may name. Today the resources of the file's vendor; another target (a prompt kept as
 * `./prompts/x.md`) is a new entry with its own file suffix.
 */
export type ReferenceTarget = ResourceType;

/** One place in a document that refers to another resource. */
export interface ReferenceSite {
  /** Keys and indexes from the root, e.g. `['model', 'toolIds', 0]`. */
  path: (string | number)[];
  /** JSON pointer of the value, e.g. `/model/toolIds/0`. */
  pointer: string;
  /** The value as written: a file reference or a raw id. */
  value: string;
  target: ReferenceTarget;
  /** The id format the API documents for the field (`uuid`), when it documents one. */
  idFormat?: string;
}

/** The schema mark the generator writes on each field that holds an id (on the items, for a list of ids). */
interface ReferenceMark {
  target: ReferenceTarget;
  idFormat?: string;
}

/** Whether a value is written as a file reference: a relative path, `./x` or `../x`. */
export function isFileReference(value: string): boolean {
  return value.startsWith('./') || value.startsWith('../');
}

/** The kind of the files a reference from a file of `from` may name (same vendor), if the product has it. */
export function targetKind(from: ResourceKind, target: ReferenceTarget): ResourceKind | undefined {
  return kindOf(from.vendor, target);
}

/** The file suffix a reference to `target` must end in. */
export function referenceSuffix(from: ResourceKind, target: ReferenceTarget): string | undefined {
  return targetKind(from, target)?.fileSuffix;
}

/**
 * What is wrong with a file reference's text (not with the file it names), or undefined: it must end in
 * the target kind's suffix. `value` must be a file reference.
 */
export function referenceTextProblem(from: ResourceKind, target: ReferenceTarget, value: string): string | undefined {
  const suffix = referenceSuffix(from, target);
  if (!suffix) return `References to ${target} resources are not supported for ${from.vendor} files.`;
  const name = value.split('/').pop() ?? '';
  if (!name.toLowerCase().endsWith(suffix) || name.length === suffix.length) return `A reference to a ${targetKind(from, target)!.noun} must name a *${suffix} file.`;
  return undefined;
}

/** The absolute path a reference names, from the absolute path of the file that holds it. */
export function resolveReference(referringFile: string, reference: string): string {
  return path.resolve(path.dirname(referringFile), ...reference.split('/'));
}

/** The reference text from one file to another: relative, starting with `./` or `../`, with forward slashes. */
export function referenceBetween(referringFile: string, targetFile: string): string {
  const relative = path.relative(path.dirname(referringFile), targetFile).split(path.sep).join('/');
  return relative.startsWith('../') ? relative : `./${relative}`;
}

function referenceMark(schema: JSONSchema): ReferenceMark | undefined {
  const mark = schema['x-reference'] as ReferenceMark | undefined;
  return mark && typeof mark.target === 'string' ? mark : undefined;
}

/**
 * Every place in a document's value that refers to another resource, by file reference or raw id, in
 * document order. Follows the schema as validation does (a tool's `type` picks its branch), so references
 * inside inline tools, squad members' inline assistants and handoff destinations are found too; subtrees
 * whose schemas hold no reference field are skipped.
 */
export function referenceSites(kind: ResourceKind, value: unknown): ReferenceSite[] {
  const root = loadSchema(kind);
  const plans = walkPlans(root);
  const sites: ReferenceSite[] = [];
  const walk = (node: Json, schemas: SchemaSet, at: (string | number)[]): void => {
    if (!schemas.mayReference) return;
    const here = plans.applicable(schemas, node);
    if (typeof node === 'string') {
      const mark = here.schemas.map(referenceMark).find((found) => found !== undefined);
      if (mark) sites.push({ path: at, pointer: at.map((segment) => `/${escapePointer(String(segment))}`).join(''), value: node, target: mark.target, ...(mark.idFormat ? { idFormat: mark.idFormat } : {}) });
    } else if (Array.isArray(node)) {
      const items = plans.items(here);
      node.forEach((item, index) => walk(item, items, [...at, index]));
    } else if (node !== null && typeof node === 'object') {
      const plan = plans.object(here);
      for (const key in node) walk(node[key], plans.property(plan, key).schemas, [...at, key]);
    }
  };
  walk(value as Json, plans.root, []);
  return sites;
}
