// File references: a field that holds another resource's id (`model.toolIds[]`, `members[].assistantId`)
// may hold the path of that resource's file instead, relative to the referring file:
// `"toolIds": ["./tools/lookup-order.tool.json"]`. A raw id keeps working. Which fields these are is read
// from the kind's schema (`x-reference`, written by the generator from the OpenAPI document). A string the
// vendor renders as a template (`x-template`) may likewise name a Markdown file that holds the prompt:
// `"content": "./prompts/front-desk.md"`. Shared by the language server (navigation, checks) and the sync
// engine (resolving references per environment, prompts by their text).
import * as path from 'node:path';
import { escapePointer, walkPlans, type Json, type SchemaSet } from './validation/annotations';
import { loadSchema, type JSONSchema } from './validation/schemas';
import { kindOf, type ResourceKind, type ResourceType } from './kinds';

/** What a reference may name: a resource of the file's vendor (by its file), or a prompt kept as a Markdown file. */
export type ReferenceTarget = ResourceType | 'prompt';

/** The file suffix of a prompt kept in its own file. */
export const promptFileSuffix = '.md';

/** Whether the target is a resource (its file stands for an id) rather than a prompt (its file stands for text). */
export function isResourceTarget(target: ReferenceTarget): target is ResourceType {
  return target !== 'prompt';
}

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
export interface ReferenceMark {
  target: ReferenceTarget;
  idFormat?: string;
}

/** Whether a value is written as a file reference: a relative path, `./x` or `../x`. */
export function isFileReference(value: string): boolean {
  return value.startsWith('./') || value.startsWith('../');
}

/**
 * Whether a file's text may hold a file reference at all, told without parsing it: most files hold none, and
 * then nothing that looks for references need run.
 */
export function mayHoldFileReference(text: string): boolean {
  return text.includes('"./') || text.includes('"../');
}

/**
 * Whether a template string is a reference to a prompt file rather than a prompt: a relative path to a
 * `.md` file on one line (`./prompts/front-desk.md`). Any other text is the template itself.
 */
export function isPromptReference(value: string): boolean {
  return isFileReference(value) && value.toLowerCase().endsWith(promptFileSuffix) && value.length > promptFileSuffix.length + 2 && !/[\r\n]/.test(value);
}

/** The resource kind of the files a reference from a file of `from` may name (same vendor); none for a prompt. */
export function targetKind(from: ResourceKind, target: ReferenceTarget): ResourceKind | undefined {
  return isResourceTarget(target) ? kindOf(from.vendor, target) : undefined;
}

/** The file suffix a reference to `target` must end in. */
export function referenceSuffix(from: ResourceKind, target: ReferenceTarget): string | undefined {
  return isResourceTarget(target) ? targetKind(from, target)?.fileSuffix : promptFileSuffix;
}

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * What is wrong with a file reference's text (not with the file it names), or undefined: it must end in
 * the target kind's suffix. `value` must be a file reference.
 */
export function referenceTextProblem(from: ResourceKind, target: ReferenceTarget, value: string): string | undefined {
  const suffix = referenceSuffix(from, target);
  if (!suffix) return `References to ${target} resources are not supported for ${from.vendor} files.`;
  // Half of a UTF-16 pair names no file: no path or URI can be made of it (encodeURIComponent throws).
  if (loneSurrogate.test(value)) return 'A reference must be a file name; this one holds half of a character (an unpaired UTF-16 surrogate).';
  const name = value.split('/').pop() ?? '';
  const noun = isResourceTarget(target) ? targetKind(from, target)!.noun : 'prompt';
  if (!name.toLowerCase().endsWith(suffix) || name.length === suffix.length) return `A reference to a ${noun} must name a *${suffix} file.`;
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

/** The reference mark of a field's schema: what the field's id (or file reference) names. */
export function referenceMark(schema: JSONSchema): ReferenceMark | undefined {
  const mark = schema['x-reference'] as ReferenceMark | undefined;
  return mark && typeof mark.target === 'string' ? mark : undefined;
}

/**
 * Every place in a document's value that refers to another resource, by file reference or raw id, and every
 * template string that names a prompt file (`isPromptReference`), in document order. Follows the schema as
 * validation does (a tool's `type` picks its branch), so references inside inline tools, squad members'
 * inline assistants and handoff destinations are found too; subtrees whose schemas hold neither a reference
 * field nor a template are skipped.
 */
export function referenceSites(kind: ResourceKind, value: unknown): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  walkStrings(kind, value, isPromptReference, (at, text, mark, template) => {
    if (mark) sites.push({ path: at, pointer: pointerOf(at), value: text, target: mark.target, ...(mark.idFormat ? { idFormat: mark.idFormat } : {}) });
    else if (template && isPromptReference(text)) sites.push({ path: at, pointer: pointerOf(at), value: text, target: 'prompt' });
  });
  return sites;
}

/** A string the vendor renders as a template: where a prompt may be kept in its own file. */
export interface PromptPlace {
  path: (string | number)[];
  pointer: string;
  value: string;
}

/** Every string of the document that the vendor renders as a template (prompts, messages), in document order. */
export function promptPlaces(kind: ResourceKind, value: unknown): PromptPlace[] {
  const places: PromptPlace[] = [];
  walkStrings(kind, value, () => true, (at, text, mark, template) => {
    if (template && !mark) places.push({ path: at, pointer: pointerOf(at), value: text });
  });
  return places;
}

function pointerOf(at: (string | number)[]): string {
  return at.map((segment) => `/${escapePointer(String(segment))}`).join('');
}

/**
 * Walks the strings of a value alongside the kind's schema, telling each string's reference mark and whether
 * it is a template. Subtrees whose schemas hold neither are skipped, and so are template strings for which
 * `wantTemplate` says no.
 */
function walkStrings(
  kind: ResourceKind,
  value: unknown,
  wantTemplate: (text: string) => boolean,
  visit: (at: (string | number)[], text: string, mark: ReferenceMark | undefined, template: boolean) => void,
): void {
  const plans = walkPlans(loadSchema(kind));
  const mayHold = (node: Json): boolean => (typeof node === 'string' ? wantTemplate(node) : node !== null && typeof node === 'object');
  const walk = (node: Json, schemas: SchemaSet, at: (string | number)[]): void => {
    if (!schemas.mayReference && !(schemas.mayTemplate && mayHold(node))) return;
    const here = plans.applicable(schemas, node);
    if (typeof node === 'string') {
      const mark = here.schemas.map(referenceMark).find((found) => found !== undefined);
      if (mark || here.templates) visit(at, node, mark, here.templates);
    } else if (Array.isArray(node)) {
      const items = plans.items(here);
      node.forEach((item, index) => walk(item, items, [...at, index]));
    } else if (node !== null && typeof node === 'object') {
      const plan = plans.object(here);
      for (const key in node) walk(node[key], plans.property(plan, key).schemas, [...at, key]);
    }
  };
  walk(value as Json, plans.root, []);
}
