// Liquid templates in resource files and in Markdown prompts: their problems as diagnostics on the file's
// own ranges. The schema check calls templateDiagnostics for the strings its walk found; a prompt kept as
// a Markdown file (or opened as one) is checked whole with promptDiagnostics.
import type { PositionedText } from '../validation/textLines';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { QuickFix } from '../validation/fixes';
import { checkTemplate, hasMarkup, type TemplateProblem } from './check';
import { decodeString } from './jsonString';
import { KnownVariables, type DeclaredVariable, type TemplatePlace } from './variables';

export { hasMarkup } from './check';
export { dateExample, dateFormats, filterDocs, filterNames, tagDocs, tagNames, blockEnds, timeZones } from './liquid';
export { assignedNames, templateTokens, type TemplateToken, type TemplateTokenKind } from './tokens';
export { decodeString, encodeStringContent, type DecodedString } from './jsonString';
export { describeSource, KnownVariables, type DeclaredVariable, type KnownVariable, type TemplatePlace, type VariableSource } from './variables';

const SOURCE = 'assistant-config';

export interface TemplateOptions {
  /** Names the user says exist at call time (the setting `assistantConfig.templateVariables`). */
  templateVariables?: readonly string[];
}

/** A template string of the file: its literal's offset and length in the text, and its place. */
export interface TemplateLiteral {
  offset: number;
  length: number;
  value: string;
  place: TemplatePlace;
}

/** The problems of the file's template strings (those without markup cost two substring searches each). */
export function templateDiagnostics(document: PositionedText, literals: readonly TemplateLiteral[], declared: readonly DeclaredVariable[], options: TemplateOptions = {}): Diagnostic[] {
  const text = document.getText();
  const diagnostics: Diagnostic[] = [];
  for (const literal of literals) {
    if (!hasMarkup(literal.value)) continue;
    const { value, offsets } = decodeString(text, literal.offset, literal.length);
    const known = KnownVariables.forPlace(literal.place, declared, options.templateVariables ?? []);
    for (const problem of checkTemplate(value, known)) diagnostics.push(toDiagnostic(document, problem, offsets[problem.start], offsets[problem.end]));
  }
  return diagnostics;
}

/**
 * The templates among `templates` that have a problem, found on their values alone: only those need a
 * place in the file, so a file of many sound templates is not parsed for their ranges.
 */
export function templatesWithProblems<T extends { value: string; place: TemplatePlace }>(templates: readonly T[], declared: readonly DeclaredVariable[], options: TemplateOptions = {}): T[] {
  return templates.filter(({ value, place }) => hasMarkup(value) && checkTemplate(value, KnownVariables.forPlace(place, declared, options.templateVariables ?? [])).length > 0);
}

/**
 * The problems of a prompt that is a whole document (a Markdown prompt), at `place` in a file that declares
 * `declared` when the prompt belongs to one.
 */
export function promptDiagnostics(document: PositionedText, place: TemplatePlace = {}, declared: readonly DeclaredVariable[] = [], options: TemplateOptions = {}): Diagnostic[] {
  const known = KnownVariables.forPlace(place, declared, options.templateVariables ?? []);
  return checkTemplate(document.getText(), known).map((problem) => toDiagnostic(document, problem, problem.start, problem.end));
}

function toDiagnostic(document: PositionedText, problem: TemplateProblem, start: number, end: number): Diagnostic {
  const range = { start: document.positionAt(start), end: document.positionAt(end) };
  const severity = problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Information;
  const diagnostic: Diagnostic = { range, severity, code: problem.code, source: SOURCE, message: problem.message };
  if (problem.replacement) {
    const fix: QuickFix = { title: `Change to "${problem.replacement}"`, edits: [{ range, newText: problem.replacement }], isPreferred: true };
    diagnostic.data = { fixes: [fix] };
  }
  return diagnostic;
}
