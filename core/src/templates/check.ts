// The checks of one template, on its value: liquidjs parses it (a syntax error or an unknown filter or tag
// is an error, on the broken tag), then its static analysis lists the variables it reads from outside,
// and each one no source knows is reported for information, with the names that are known.
import { LiquidError, type Variable } from 'liquidjs';
import { closest } from '../validation/suggest';
import { filterNames, liquid, tagNames, topLevelTokens } from './liquid';
import type { KnownVariables } from './variables';

export interface TemplateProblem {
  /** Range in the template's value. */
  start: number;
  end: number;
  severity: 'error' | 'information';
  code: 'template-syntax' | 'template-filter' | 'template-tag' | 'template-variable';
  message: string;
  /** A did-you-mean replacement of the range. */
  replacement?: string;
}

/** Known names listed in a message, nearest first; the rest are counted. */
const maxListedNames = 12;

/** Does the text hold Liquid markup at all? Most strings do not, and are not parsed. */
export function hasMarkup(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

export function checkTemplate(template: string, known: KnownVariables): TemplateProblem[] {
  if (!hasMarkup(template)) return [];
  const parsed = parsedTemplate(known.get('$') ? dollarAsIdentifier(template) : template, template);
  if ('problem' in parsed) return [parsed.problem];
  if (known.open) return [];
  const problems: TemplateProblem[] = [];
  const lineStarts = lineStartsOf(template);
  for (const reference of parsed.references) {
    const problem = variableProblem(template, lineStarts, reference, known);
    if (problem) problems.push(problem);
  }
  return problems.sort((a, b) => a.start - b.start);
}

type ParsedTemplate = { problem: TemplateProblem } | { references: Variable[] };

/**
 * What liquidjs makes of a template depends on its text alone, and a file is checked again on every
 * keystroke while almost all of its templates stay as they were (a large file's tools often share one
 * message): the parse and the variables it reads are kept per text, the most recent first.
 */
const parsedTemplates = new Map<string, ParsedTemplate>();
const maxParsedTemplates = 5000;

function parsedTemplate(source: string, template: string): ParsedTemplate {
  const cached = parsedTemplates.get(source);
  if (cached) {
    parsedTemplates.delete(source);
    parsedTemplates.set(source, cached);
    return cached;
  }
  let parsed: ParsedTemplate;
  try {
    const globals = liquid.analyzeSync(liquid.parse(source), { partials: false }).globals;
    parsed = { references: Object.values(globals).flat() };
  } catch (error) {
    // liquidjs's own failures that are no LiquidError say nothing about the template: no problem is shown.
    parsed = error instanceof LiquidError ? { problem: parseProblem(template, error) } : { references: [] };
  }
  if (parsedTemplates.size >= maxParsedTemplates) parsedTemplates.delete(parsedTemplates.keys().next().value!);
  parsedTemplates.set(source, parsed);
  return parsed;
}

/**
 * Where Vapi gives `$` (a tool's response body: `{{ $[0].name }}`), which liquidjs cannot read as a name,
 * it is parsed as `_` (same length, so every offset stays).
 */
function dollarAsIdentifier(template: string): string {
  return template.replace(/(?<![\w"'$])\$(?=[[.\s}|]|$)/g, '_');
}

function variableProblem(template: string, lineStarts: number[], reference: Variable, known: KnownVariables): TemplateProblem | undefined {
  const segments: string[] = [];
  for (const segment of reference.segments) {
    if (typeof segment !== 'string') break;
    segments.push(segment);
  }
  if (!segments.length) return undefined;
  const found = known.lookup(segments);
  if (found.known) return undefined;
  const start = (lineStarts[reference.location.row - 1] ?? 0) + reference.location.col - 1;
  const spelled = /^[\w$-]+(?:\s*\.\s*[\w$-]+)*/.exec(template.slice(start))?.[0] ?? segments[0];
  const name = segments.join('.');
  const didYouMean = found.suggestion ? ` Did you mean "${found.suggestion}"?` : '';
  return {
    start,
    end: start + spelled.length,
    severity: 'information',
    code: 'template-variable',
    message: `"${name}" is not a variable Vapi provides or this file declares.${didYouMean} Known: ${listNames(known, name)}. Add names to the setting assistantConfig.templateVariables.`,
    replacement: found.suggestion && spelled === name ? found.suggestion : undefined,
  };
}

/** The known names, those nearest the misspelt one first. */
function listNames(known: KnownVariables, near: string): string {
  const root = near.split('.')[0];
  const names = known.all().map((variable) => variable.name);
  const related = names.filter((name) => name.split('.')[0] === root);
  const ordered = [...related, ...names.filter((name) => !related.includes(name))];
  const shown = ordered.slice(0, maxListedNames).join(', ');
  return ordered.length > maxListedNames ? `${shown} and ${ordered.length - maxListedNames} more` : shown;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

/** liquidjs's first error, on the broken tag, in words that say what to do. */
function parseProblem(template: string, error: LiquidError): TemplateProblem {
  const token = (error as LiquidError & { token?: { begin: number; end: number } }).token;
  const begin = Math.max(0, Math.min(token?.begin ?? 0, template.length));
  const end = Math.max(begin, Math.min(token?.end ?? template.length, template.length));
  const reason = error.message.replace(/, line:\d+, col:\d+$/, '');

  const filter = /^undefined filter: (.+)$/.exec(reason)?.[1];
  if (filter) {
    const at = new RegExp(`\\|\\s*(${escapeRegExp(filter)})\\b`).exec(template.slice(begin, end));
    const start = at ? begin + at.index + at[0].length - filter.length : begin;
    const suggestion = closest(filter, filterNames);
    const didYouMean = suggestion ? ` Did you mean "${suggestion}"?` : '';
    return { start, end: at ? start + filter.length : end, severity: 'error', code: 'template-filter', message: `Unknown Liquid filter "${filter}".${didYouMean}`, replacement: at ? suggestion : undefined };
  }
  const tag = /^tag "(.+)" not found$/.exec(reason)?.[1];
  if (tag) {
    const at = template.slice(begin, end).indexOf(tag);
    const [start, stop] = at >= 0 ? [begin + at, begin + at + tag.length] : [begin, end];
    if (/^end/.test(tag)) return { start, end: stop, severity: 'error', code: 'template-tag', message: `"{% ${tag} %}" closes a block that is not open here.` };
    const suggestion = closest(tag, tagNames);
    const didYouMean = suggestion ? ` Did you mean "${suggestion}"?` : '';
    return { start, end: stop, severity: 'error', code: 'template-tag', message: `Unknown Liquid tag "${tag}".${didYouMean}`, replacement: at >= 0 ? suggestion : undefined };
  }

  const broken = brokenTag(template, begin);
  if (broken) {
    const text = template.slice(broken.start, broken.end);
    const closing = text.startsWith('{{') ? '}}' : '%}';
    return { ...broken, severity: 'error', code: 'template-syntax', message: `Liquid ${closing === '}}' ? 'output' : 'tag'} ${quoteShort(text)} is not closed: "${closing}" expected.` };
  }
  const block = /^tag (\{%.*%\}) not closed$/s.exec(reason)?.[1];
  if (block) return { start: begin, end, severity: 'error', code: 'template-syntax', message: `Liquid block ${quoteShort(block)} is not closed: its end tag is missing.` };
  // An error at one point (an empty expression) is shown on the tag around it.
  const around = begin === end ? enclosingToken(template, begin) : undefined;
  return { start: around?.begin ?? begin, end: around?.end ?? end, severity: 'error', code: 'template-syntax', message: `Liquid syntax error: ${reason}.` };
}

function enclosingToken(template: string, offset: number): { begin: number; end: number } | undefined {
  try {
    return topLevelTokens(template).find((token) => token.begin <= offset && offset < token.end);
  } catch {
    return undefined;
  }
}

/**
 * The opening at or before `offset` that runs on without its closing delimiter: `{{ a }` followed by text
 * (liquidjs reads on to the next `}}`, swallowing what lies between) or by the end of the template. The
 * broken tag is its first line, up to any later opening.
 */
function brokenTag(template: string, offset: number): { start: number; end: number } | undefined {
  let opening: { begin: number; end: number } | undefined;
  try {
    opening = topLevelTokens(template).find((token) => token.begin <= offset && offset < token.end);
  } catch (error) {
    // Tokenizing failed where an opening is never closed: the error is at that opening.
    const token = (error as { token?: { begin: number; end: number } }).token;
    if (token && /^\{[{%]/.test(template.slice(token.begin))) opening = token;
  }
  if (!opening || !/^\{[{%]/.test(template.slice(opening.begin))) return undefined;
  const text = template.slice(opening.begin, opening.end);
  const closing = text.startsWith('{{') ? '}}' : '%}';
  const nested = text.slice(2).search(/\{[{%]/);
  const closed = text.endsWith(closing) && nested < 0;
  if (closed) return undefined;
  let length = nested < 0 ? text.length : nested + 2;
  const newline = text.indexOf('\n');
  if (newline >= 0) length = Math.min(length, newline);
  while (length > 2 && /\s/.test(text[length - 1])) length--;
  return { start: opening.begin, end: opening.begin + length };
}

function quoteShort(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return `"${line.length > 40 ? `${line.slice(0, 39)}…` : line}"`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
