// ajv errors -> one diagnostic per mistake, on the exact range, in words that name the field and branch.
import type { ErrorObject } from 'ajv';
import type { Node } from 'jsonc-parser';
import type { PositionedText } from './textLines';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { escapePointer, pointerKey, pointerPath, unescapePointer, type Annotation, type SchemaFacts } from './annotations';
import { moveFix, removePropertyFix, replaceFix, type QuickFix } from './fixes';
import { legacyFieldMessage, legacyValueMessage, moveBase } from './messages';
import { closest } from './suggest';

export const SOURCE = 'assistant-config';
const MAX_LISTED_VALUES = 25;

export interface Context {
  document: PositionedText;
  tree: Node;
  facts: SchemaFacts;
  /** Set when the schema is the bundled one and older than 60 days: the date it was made from. */
  staleDate?: string;
}

/**
 * Whether the enum at a path is one of the lists Vapi extends every few weeks: providers, model names (of
 * `model`, `transcriber`, `voice` and their fallbacks) and voice ids. A value an old schema does not know
 * there is more likely new than wrong. Matched on the last key and its parent's, array indexes skipped.
 */
function isFastMoving(pointer: string): boolean {
  const keys = pointerPath(pointer).filter((segment) => !/^\d+$/.test(segment));
  const [parent, key] = keys.slice(-2);
  if (key === 'provider' || key === 'voiceId') return true;
  return key === 'model' && ['model', 'models', 'transcriber', 'transcribers', 'voice', 'voices'].includes(parent);
}

/** Drops ajv's cascade: failed `if` conditions and union summaries, keeping the branch the user meant. */
export function essentialErrors(errors: ErrorObject[], facts: SchemaFacts): ErrorObject[] {
  const kept: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const branch: ErrorObject[] = [];
      while (kept.length && within(kept[kept.length - 1].instancePath, error.instancePath)) branch.unshift(kept.pop()!);
      kept.push(...chooseBranch(error, branch, facts));
      continue;
    }
    kept.push(error);
  }
  // A value of the wrong type fails its other keywords too; the type is the one mistake.
  const wrongType = new Set(kept.filter((error) => error.keyword === 'type').map((error) => error.instancePath));
  const seen = new Set<string>();
  return mergeEnums(kept).filter((error) => {
    if (error.keyword !== 'type' && wrongType.has(error.instancePath) && error.keyword !== 'required' && error.keyword !== 'additionalProperties') return false;
    const key = `${error.instancePath}|${error.keyword}|${JSON.stringify(error.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Enum errors on one value (from branches that could not be told apart) become one, listing every allowed value. */
function mergeEnums(errors: ErrorObject[]): ErrorObject[] {
  const first = new Map<string, ErrorObject>();
  const merged: ErrorObject[] = [];
  for (const error of errors) {
    if (error.keyword !== 'enum') {
      merged.push(error);
      continue;
    }
    const earlier = first.get(error.instancePath);
    if (!earlier) {
      const copy = { ...error, params: { allowedValues: [...(error.params.allowedValues as unknown[])] } };
      first.set(error.instancePath, copy);
      merged.push(copy);
      continue;
    }
    const allowed = earlier.params.allowedValues as unknown[];
    for (const value of error.params.allowedValues as unknown[]) if (!allowed.includes(value)) allowed.push(value);
  }
  return merged;
}

function within(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

/**
 * The errors of a failed union. A branch that rejects a tag (a direct child's one allowed value such as
 * `"on": "call.ending"`, or the discriminator of a nested union) is not the branch the user meant, so
 * those rejections count last. Of the rest, errors below the union's own value come from the branch whose
 * shape matched; otherwise the branches' enums (or types) are merged into one.
 */
function chooseBranch(union: ErrorObject, all: ErrorObject[], facts: SchemaFacts): ErrorObject[] {
  const tagOf = (error: ErrorObject): 'own' | 'nested' | undefined => {
    if (error.keyword !== 'const' && error.keyword !== 'enum') return undefined;
    const parent = error.instancePath.slice(0, error.instancePath.lastIndexOf('/'));
    const oneValue = error.keyword === 'const' || (error.params.allowedValues as unknown[]).length === 1;
    if (oneValue && parent === union.instancePath) return 'own';
    return facts.unionTags.get(parent) === pointerKey(error.instancePath) ? 'nested' : undefined;
  };
  // Prefer real mistakes, then a wrong tag in a nested union, and only then this union's own tag.
  const meant = all.filter((error) => tagOf(error) === undefined);
  const nested = all.filter((error) => tagOf(error) === 'nested');
  const branch = meant.length ? meant : nested.length ? nested : all;
  const deeper = branch.filter((error) => error.instancePath !== union.instancePath);
  if (deeper.length) return deeper;
  // The value itself matched no branch. Unions left as anyOf have branches of one JSON type, so a type
  // error means every branch wanted another type; else an enum (e.g. current values beside a legacy-value
  // pattern) says most.
  const own = all.filter((error) => error.instancePath === union.instancePath);
  const types = own.filter((error) => error.keyword === 'type');
  if (types.length) {
    const type = [...new Set(types.flatMap((error) => String(error.params.type).split(',')))].join(',');
    return [{ ...types[0], params: { type } }];
  }
  const enums = own.filter((error) => error.keyword === 'enum');
  if (enums.length) {
    const allowedValues = [...new Set(enums.flatMap((error) => error.params.allowedValues as unknown[]))];
    return [{ ...enums[0], params: { allowedValues } }];
  }
  return own.length ? [own[0]] : [union];
}

function pointerOf(path: string[]): string {
  return path.map((segment) => `/${escapePointer(segment)}`).join('');
}

export function nodeAtPointer(tree: Node, pointer: string): Node | undefined {
  let node: Node | undefined = tree;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = unescapePointer(raw);
    if (!node) return undefined;
    if (node.type === 'object') node = node.children?.find((child) => child.children?.[0]?.value === segment)?.children?.[1];
    else if (node.type === 'array') node = node.children?.[Number(segment)];
    else return undefined;
  }
  return node;
}

function range(document: PositionedText, offset: number, length: number): Range {
  return { start: document.positionAt(offset), end: document.positionAt(offset + length) };
}

function nodeRange(document: PositionedText, node: Node): Range {
  return range(document, node.offset, node.length);
}

/** The key of the property holding `node`, or (for the root) its opening brace. */
function keyRange(document: PositionedText, node: Node): Range {
  const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
  return key ? nodeRange(document, key) : range(document, node.offset, 1);
}

function branchOf(facts: SchemaFacts, pointer: string): string {
  for (let path = pointer; ; path = path.slice(0, path.lastIndexOf('/'))) {
    const label = facts.branchLabels.get(path);
    if (label) return ` (${label})`;
    if (!path) return '';
  }
}

function listValues(values: unknown[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map((value) => JSON.stringify(value)).join(', ');
  return values.length > MAX_LISTED_VALUES ? `${shown}, … (${values.length - MAX_LISTED_VALUES} more)` : shown;
}

function diagnostic(range: Range, severity: DiagnosticSeverity, code: string, message: string, fixes?: QuickFix[], tags?: DiagnosticTag[]): Diagnostic {
  const result: Diagnostic = { range, severity, code, source: SOURCE, message };
  if (tags) result.tags = tags;
  if (fixes?.length) result.data = { fixes };
  return result;
}

export function errorDiagnostic(context: Context, error: ErrorObject): Diagnostic | undefined {
  const { document, tree, facts } = context;
  const node = nodeAtPointer(tree, error.instancePath);
  if (!node) return undefined;
  const key = pointerKey(error.instancePath);
  const branch = branchOf(facts, error.instancePath);
  const valueText = document.getText().slice(node.offset, node.offset + node.length);
  const Error = DiagnosticSeverity.Error;
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'type': {
      const expected = String(params.type).split(',').join(' or ');
      return diagnostic(nodeRange(document, node), Error, 'type', `Incorrect type for "${key}": expected ${expected}, got ${node.type}${branch}.`);
    }
    case 'maximum':
      return diagnostic(nodeRange(document, node), Error, 'range', `Value ${valueText} is above the maximum of ${params.limit} for "${key}"${branch}.`);
    case 'exclusiveMaximum':
      return diagnostic(nodeRange(document, node), Error, 'range', `Value ${valueText} must be below ${params.limit} for "${key}"${branch}.`);
    case 'minimum':
      return diagnostic(nodeRange(document, node), Error, 'range', `Value ${valueText} is below the minimum of ${params.limit} for "${key}"${branch}.`);
    case 'exclusiveMinimum':
      return diagnostic(nodeRange(document, node), Error, 'range', `Value ${valueText} must be above ${params.limit} for "${key}"${branch}.`);
    case 'maxLength':
      return diagnostic(nodeRange(document, node), Error, 'max-length', `"${key}" is ${[...String(node.value)].length} characters long; the maximum is ${params.limit}${branch}.`);
    case 'minLength':
      return diagnostic(nodeRange(document, node), Error, 'min-length', `"${key}" is ${[...String(node.value)].length} characters long; the minimum is ${params.limit}${branch}.`);
    case 'enum':
      return enumDiagnostic(context, node, key, branch, error.instancePath, params.allowedValues);
    case 'const':
      return diagnostic(nodeRange(document, node), Error, 'enum', `Value ${valueText} is not allowed for "${key}"${branch}: it must be ${JSON.stringify(params.allowedValue)}.`);
    case 'additionalProperties':
      return unknownPropertyDiagnostic(context, node, params.additionalProperty, branch, error.instancePath);
    case 'required': {
      const where = error.instancePath ? ` in "${key}"` : '';
      return diagnostic(keyRange(document, node), Error, 'required', `Missing required property "${params.missingProperty}"${where}${branch}.`);
    }
    case 'pattern':
      return diagnostic(nodeRange(document, node), Error, 'pattern', `Value ${valueText} of "${key}" does not match the pattern ${params.pattern}${branch}.`);
    case 'format':
      return diagnostic(nodeRange(document, node), Error, 'format', `Value ${valueText} of "${key}" is not a valid ${params.format}${branch}.`);
    case 'minItems':
    case 'maxItems': {
      const bound = error.keyword === 'minItems' ? 'at least' : 'at most';
      return diagnostic(nodeRange(document, node), Error, 'items', `"${key}" must have ${bound} ${params.limit} items${branch}.`);
    }
    case 'uniqueItems':
      return diagnostic(nodeRange(document, node), Error, 'items', `"${key}" has duplicate items (items ${params.j} and ${params.i})${branch}.`);
    default:
      return diagnostic(nodeRange(document, node), Error, error.keyword, `"${key}" ${error.message ?? 'is invalid'}${branch}.`);
  }
}

function enumDiagnostic(context: Context, node: Node, key: string, branch: string, pointer: string, allowed: unknown[]): Diagnostic {
  const { document, facts } = context;
  const legacy = facts.legacyValues.get(pointer);
  const current = allowed.filter((value) => typeof value !== 'string' || !legacy?.has(value));
  const strings = current.filter((value): value is string => typeof value === 'string');
  const suggestion = typeof node.value === 'string' ? closest(node.value, strings) : undefined;
  const valueText = document.getText().slice(node.offset, node.offset + node.length);
  const didYouMean = suggestion ? ` Did you mean "${suggestion}"?` : '';
  const fixes = suggestion ? [replaceFix(document, node, JSON.stringify(suggestion), `Change to "${suggestion}"`)] : [];
  if (context.staleDate && isFastMoving(pointer)) {
    const message =
      `Value ${valueText} is not among the bundled schema's values for "${key}"${branch}.${didYouMean} The schema (API ${context.staleDate}) is over 60 days old and ` +
      `may not know it yet: run "Assistant Config: Update Schemas from Live API" or \`assistant-config schemas update\`. Known values: ${listValues(current)}.`;
    return diagnostic(nodeRange(document, node), DiagnosticSeverity.Warning, 'outdated-enum', message, fixes);
  }
  const message = `Value ${valueText} is not allowed for "${key}"${branch}.${didYouMean} Allowed values: ${listValues(current)}.`;
  return diagnostic(nodeRange(document, node), DiagnosticSeverity.Error, 'enum', message, fixes);
}

function unknownPropertyDiagnostic(context: Context, object: Node, key: string, branch: string, pointer: string): Diagnostic | undefined {
  const { document, facts } = context;
  const property = object.children?.find((child) => child.children?.[0]?.value === key);
  const keyNode = property?.children?.[0];
  if (!property || !keyNode) return undefined;
  const present = new Set(object.children?.map((child) => child.children?.[0]?.value));
  const candidates = (facts.knownKeys.get(pointer) ?? []).filter((candidate) => !present.has(candidate));
  const suggestion = closest(key, candidates);
  const didYouMean = suggestion ? ` Did you mean "${suggestion}"?` : '';
  const fixes: QuickFix[] = [];
  if (suggestion) fixes.push(replaceFix(document, keyNode, JSON.stringify(suggestion), `Rename to "${suggestion}"`));
  fixes.push(removePropertyFix(document, property, key));
  return diagnostic(nodeRange(document, keyNode), DiagnosticSeverity.Error, 'unknown-property', `Property "${key}" is not allowed${branch}; the API rejects unknown properties.${didYouMean}`, fixes);
}

export function annotationDiagnostic(context: Context, annotation: Annotation): Diagnostic | undefined {
  const { document, tree, facts } = context;
  const valueNode = nodeAtPointer(tree, annotation.pointer);
  const property = valueNode?.parent;
  const keyNode = property?.type === 'property' ? property.children?.[0] : undefined;
  if (!valueNode || !property || !keyNode) return undefined;
  const branch = branchOf(facts, annotation.pointer.slice(0, annotation.pointer.lastIndexOf('/')));
  switch (annotation.kind) {
    case 'server-managed':
      return diagnostic(nodeRange(document, keyNode), DiagnosticSeverity.Information, 'server-managed', `"${annotation.key}" is managed by the server and ignored on push.`, [removePropertyFix(document, property, annotation.key)], [DiagnosticTag.Unnecessary]);
    case 'deprecated':
      return diagnostic(nodeRange(document, keyNode), DiagnosticSeverity.Warning, 'deprecated', `"${annotation.key}" is deprecated in the current Vapi API${branch}.`, undefined, [DiagnosticTag.Deprecated]);
    case 'legacy-value':
      return diagnostic(nodeRange(document, valueNode), DiagnosticSeverity.Warning, 'legacy-value', legacyValueMessage(annotation.value!, annotation.key, annotation.info!, branch), undefined, [DiagnosticTag.Deprecated]);
    case 'legacy-field': {
      const info = annotation.info!;
      const fixes: QuickFix[] = [];
      const base = info.movedTo && info.moveValue ? nodeAtPointer(tree, pointerOf(moveBase(pointerPath(annotation.pointer), info))) : undefined;
      const move = base ? moveFix(document, base, property, annotation.key, info.movedTo!) : undefined;
      if (move) fixes.push(move);
      fixes.push(removePropertyFix(document, property, annotation.key));
      return diagnostic(nodeRange(document, keyNode), DiagnosticSeverity.Warning, 'legacy-field', legacyFieldMessage(annotation.key, info, branch), fixes, [DiagnosticTag.Deprecated]);
    }
  }
}
