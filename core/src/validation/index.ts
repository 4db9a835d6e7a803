// Validation of resource files: syntax, the kind's schema in use (the bundled one, via ajv code compiled at
// build time, or a live one with the validator compiled for it; see schemas.ts), legacy and server-managed
// fields, and the Liquid templates in the strings the vendor renders. Shared by the language server, the CLI
// and the sync engine, so it must not import vscode or vscode-languageserver.
import type { ErrorObject } from 'ajv';
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { collectFacts, pathTrie, pointerPath, type Annotation, type SchemaFacts } from './annotations';
import { annotationDiagnostic, errorDiagnostic, essentialErrors, nodeAtPointer, SOURCE, type Context } from './diagnostics';
import { moveBase } from './messages';
import { partialTree } from './partialTree';
import { capitalised, withArticle, type KindId, type ResourceKind } from '../kinds';
import { hasMarkup, templateDiagnostics, templatesWithProblems, type DeclaredVariable, type TemplateLiteral, type TemplateOptions } from '../templates';
import { maxNestingDepth, nestsDeeperThan, tooDeepAt } from '../nesting';
import { referenceSites, type ReferenceSite } from '../references';
import { compiledValidators, type Validator } from './compiled';
import { loadSchema, schemaInUse, type JSONSchema, type SchemaInUse } from './schemas';
import { positionedText, type PositionedText } from './textLines';

export type { QuickFix } from './fixes';
export type { LegacyInfo } from './messages';
export {
  bundledSchema, createOnlyKeys, liveSchemas, loadSchema, pushableKeys, schemaInUse, schemaPath, serverManagedKeys, useLiveSchemas, variantKey,
  type JSONSchema, type LiveSchemaSet, type SchemaInUse,
} from './schemas';

export interface ValidationOptions extends TemplateOptions {
  /** Today, for the age of the bundled schema (tests pass a fixed day). */
  now?: Date;
  /**
   * The text as JSON.parse reads it, when the caller has parsed it already (the sync engine, which needs the
   * value too): not parsed again. Never changed here.
   */
  value?: unknown;
  /** With `value`: the caller found the text within maxNestingDepth (tooDeepAt), so it is not measured again. */
  withinDepth?: boolean;
}

/** A bundled schema older than this is likely to miss models, voices and providers the vendor added since. */
const staleAfterDays = 60;

/** The bundled schema's date when it is older than staleAfterDays; a live schema is never stale. */
function staleBundledDate(inUse: SchemaInUse, now: Date): string | undefined {
  if (inUse.origin !== 'bundled' || !inUse.date) return undefined;
  return now.getTime() - Date.parse(`${inUse.date}T00:00:00Z`) > staleAfterDays * 24 * 60 * 60 * 1000 ? inUse.date : undefined;
}

/** A kind's compiled bundled validator, loaded when first needed: most sessions only ever see one or two kinds. */
const validators = new Map<KindId, Validator>();
function bundledValidator(kind: ResourceKind): Validator {
  let validate = validators.get(kind.id);
  if (!validate) {
    validate = compiledValidators[kind.id]();
    validators.set(kind.id, validate);
  }
  return validate;
}

const SYNTAX_MESSAGES: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace expected',
  CloseBracketExpected: 'Closing bracket expected',
  EndOfFileExpected: 'End of file expected',
  UnexpectedEndOfComment: 'Unexpected end of comment',
  UnexpectedEndOfString: 'Unexpected end of string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode sequence',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character',
};

/**
 * The file's problems against its kind's schema, sorted by position. The language server passes its open
 * document, whose line offsets it keeps up to date as the user types; the CLI and the sync engine pass text.
 */
export function validateFile(file: string | TextDocument, kind: ResourceKind, options: ValidationOptions = {}): Diagnostic[] {
  // One document for every range below: an open document's line offsets are kept up to date as it is
  // edited; a text's lines are found as far as the ranges reach.
  const document = typeof file === 'string' ? positionedText(file) : file;
  const text = document.getText();
  const value = options.value !== undefined ? options.value : parseStrict(text);
  // The parsers recurse per level: a file nested deeper than any real one is reported, not walked. A value
  // JSON.parse read is measured by its objects (a walk of the text costs about ten times more).
  const measured = options.value !== undefined && options.withinDepth === true;
  const tooDeep = !measured && (value === undefined || nestsDeeperThan(value)) ? tooDeepAt(text) : undefined;
  if (tooDeep !== undefined) return [tooDeepDiagnostic(document, tooDeep, kind)];
  // One schema and its validator for the whole check, whatever is installed meanwhile.
  const inUse = schemaInUse(kind);
  const check: Check = { schema: inUse.schema, validate: inUse.validator ?? bundledValidator(kind), staleDate: staleBundledDate(inUse, options.now ?? new Date()) };
  if (value !== undefined) {
    // Valid JSON: validate the plain value; the syntax tree is built only along the paths that need a range.
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [notAnObject(document, kind)];
    // ajv (compiled code) finds the mistakes. The walk of the value alongside the schema finds the
    // annotations (legacy, server-managed, deprecated) in the parts whose schema has such fields, and the
    // facts that error messages need (branch labels, keys for did-you-mean) along the paths of the errors
    // only: a mistake costs its path, not a walk of the whole file.
    const problems = schemaProblems(check, value);
    const found = collectFacts(check.schema, value, pathTrie(problems.map((problem) => pointerPath(problem.instancePath))));
    // Sound templates give no diagnostic, so they need no range.
    const facts = { ...found, templates: templatesWithProblems(found.templates, found.declaredVariables, options) };
    const errors = essentialErrors(problems, facts);
    if (!errors.length && !facts.annotations.length && !facts.templates.length) return [];
    // Ranges are needed on the paths of errors, annotations (and the path a legacy field moves to) and templates with problems only.
    const paths = [
      ...errors.map((error) => pointerPath(error.instancePath)),
      ...facts.annotations.flatMap(annotationPaths),
      ...facts.templates.map((template) => pointerPath(template.pointer)),
    ];
    return located(document, partialTree(text, pathTrie(paths)), facts, errors, check, options);
  }
  const syntaxErrors: ParseError[] = [];
  const tree = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false });
  const diagnostics = syntaxDiagnostics(document, syntaxErrors, kind);
  if (!tree) return diagnostics;
  if (tree.type !== 'object') return [...diagnostics, notAnObject(document, kind)];
  // Also check what could be read, as an editor does while the user types.
  const partial = toValue(tree);
  const problems = schemaProblems(check, partial);
  const facts = collectFacts(check.schema, partial, pathTrie(problems.map((problem) => pointerPath(problem.instancePath))));
  return byPosition([...diagnostics, ...located(document, tree, facts, essentialErrors(problems, facts), check, options)]);
}

/** A template string of a file, located. */
export interface FileTemplate extends TemplateLiteral {
  /** JSON pointer of the string. */
  pointer: string;
}

/**
 * The strings of the file that the vendor renders as templates and that hold Liquid markup (or that
 * `wanted` picks), with their literal's offset and length, and the variables the file declares: what the
 * editor's template features work on. A file with syntax errors gives what could be read. The caller
 * checks the nesting first (tooDeepAt), as the server's document cache does.
 */
export function fileTemplates(file: string | TextDocument, kind: ResourceKind, wanted = hasMarkup): { templates: FileTemplate[]; declared: DeclaredVariable[] } {
  const text = typeof file === 'string' ? file : file.getText();
  let value = parseStrict(text);
  let tree: Node | undefined;
  if (value === undefined) {
    tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
    value = tree ? toValue(tree) : undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { templates: [], declared: [] };
  const facts = collectFacts(loadSchema(kind), value, undefined, wanted);
  tree ??= partialTree(text, pathTrie(facts.templates.map((template) => pointerPath(template.pointer))));
  const templates: FileTemplate[] = [];
  for (const { pointer, value: template, place } of facts.templates) {
    const node = nodeAtPointer(tree, pointer);
    if (node?.type === 'string') templates.push({ pointer, offset: node.offset, length: node.length, value: template, place });
  }
  return { templates, declared: facts.declaredVariables };
}

/** A reference site of a file, located: its string literal's offset and length, quotes included. */
export interface LocatedReferenceSite {
  site: ReferenceSite;
  offset: number;
  length: number;
}

/**
 * The file's value and its reference sites (see referenceSites), located: what the editor's reference features
 * work on. Valid JSON is parsed natively, its syntax tree built along the sites' paths only; a file with syntax
 * errors gives what could be read. The caller checks the nesting first (tooDeepAt).
 */
export function fileReferenceSites(text: string, kind: ResourceKind): { value?: Record<string, unknown>; references: LocatedReferenceSite[] } {
  let value = parseStrict(text);
  let tree: Node | undefined;
  if (value === undefined) {
    tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
    value = tree ? toValue(tree) : undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { references: [] };
  const sites = referenceSites(kind, value);
  const located = tree ?? partialTree(text, pathTrie(sites.map((site) => pointerPath(site.pointer))));
  const references = sites.flatMap((site) => {
    const node = nodeAtPointer(located, site.pointer);
    return node?.type === 'string' ? [{ site, offset: node.offset, length: node.length }] : [];
  });
  return { value: value as Record<string, unknown>, references };
}

function parseStrict(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function tooDeepDiagnostic(document: PositionedText, offset: number, kind: ResourceKind): Diagnostic {
  return {
    range: { start: document.positionAt(offset), end: document.positionAt(offset + 1) },
    severity: DiagnosticSeverity.Error,
    code: 'depth',
    source: SOURCE,
    message: `Nested more than ${maxNestingDepth} levels deep here, so the file is not checked (${withArticle(kind.noun)} file nests about 20 levels).`,
  };
}

function notAnObject(document: PositionedText, kind: ResourceKind): Diagnostic {
  const text = document.getText();
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  return { range: { start: document.positionAt(start), end: document.positionAt(end) }, severity: DiagnosticSeverity.Error, code: 'type', source: SOURCE, message: `${capitalised(withArticle(kind.noun))} file must hold one JSON object.` };
}

function located(document: PositionedText, tree: Node, facts: SchemaFacts, errors: ErrorObject[], check: Check, options: TemplateOptions): Diagnostic[] {
  const context: Context = { document, tree, facts, staleDate: check.staleDate };
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    const found = errorDiagnostic(context, error);
    if (found) diagnostics.push(found);
  }
  for (const annotation of facts.annotations) {
    const found = annotationDiagnostic(context, annotation);
    if (found) diagnostics.push(found);
  }
  const literals = facts.templates.flatMap(({ pointer, value, place }) => {
    const node = nodeAtPointer(tree, pointer);
    return node?.type === 'string' ? [{ offset: node.offset, length: node.length, value, place }] : [];
  });
  diagnostics.push(...templateDiagnostics(document, literals, facts.declaredVariables, options));
  return byPosition(diagnostics);
}

/** Diagnostics sorted by where they start, as the editor lists them. */
export function byPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function annotationPaths(annotation: Annotation): string[][] {
  const path = pointerPath(annotation.pointer);
  const info = annotation.info;
  return info?.movedTo ? [path, [...moveBase(path, info), ...info.movedTo.split('.')]] : [path];
}

/** What one check of a file uses. */
interface Check {
  schema: JSONSchema;
  validate: Validator;
  /** The bundled schema's date when it is old enough that unknown fast-moving values are only warnings. */
  staleDate?: string;
}

/** ajv's errors for the value, cascade included (essentialErrors picks the ones to report). */
function schemaProblems(check: Check, value: unknown): ErrorObject[] {
  return check.validate(value) ? [] : (check.validate.errors ?? []);
}

/** The tree's value; unlike jsonc-parser's getNodeValue, the last of duplicate keys wins as in JSON.parse. */
function toValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const object: Record<string, unknown> = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        if (key && value) object[key.value] = toValue(value);
      }
      return object;
    }
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

/**
 * The offset of the comma that only whitespace separates from `offset`, or -1. Walks back from the error
 * rather than matching the text before it: a file with thousands of syntax errors costs each its gap only.
 */
function commaBefore(text: string, offset: number): number {
  let at = offset - 1;
  while (at >= 0 && /\s/.test(text[at])) at--;
  return at >= 0 && text[at] === ',' ? at : -1;
}

/** One diagnostic per place: jsonc-parser may report several codes at one offset (e.g. after a trailing comma). */
function syntaxDiagnostics(document: PositionedText, errors: ParseError[], kind: ResourceKind): Diagnostic[] {
  const text = document.getText();
  const seen = new Set<number>();
  const diagnostics: Diagnostic[] = [];
  for (const error of errors) {
    if (seen.has(error.offset)) continue;
    seen.add(error.offset);
    let { offset, length } = error;
    const name = printParseErrorCode(error.error);
    let message = name === 'InvalidCommentToken' ? `Comments are not allowed in ${withArticle(kind.noun)} file.` : `${SYNTAX_MESSAGES[name] ?? name}.`;
    const comma = (name === 'PropertyNameExpected' || name === 'ValueExpected') && (text[offset] === '}' || text[offset] === ']') ? commaBefore(text, offset) : -1;
    if (comma >= 0) [offset, length, message] = [comma, 1, 'Trailing comma is not allowed in JSON.'];
    diagnostics.push({
      range: { start: document.positionAt(offset), end: document.positionAt(offset + length) },
      severity: DiagnosticSeverity.Error,
      code: 'syntax',
      source: SOURCE,
      message,
    });
  }
  return diagnostics;
}
