// The parts of a template, as liquidjs's tokenizer reads them: delimiters, tag names, variables (with their
// path), filters, literals and operators. Highlighting colours them and hover finds the one under the
// cursor. Reading stops quietly where the template is broken (the checks report that).
import { Tokenizer, TokenKind, TypeGuards, type TopLevelToken } from 'liquidjs';
import { liquid, topLevelTokens } from './liquid';

export type TemplateTokenKind = 'delimiter' | 'tag' | 'variable' | 'filter' | 'keyword' | 'string' | 'number' | 'operator';

export interface TemplateToken {
  kind: TemplateTokenKind;
  /** Range in the template. */
  start: number;
  end: number;
  /** A variable's name segments: `customer.number` -> ['customer', 'number']. */
  path?: string[];
  /** A tag's or filter's name. */
  name?: string;
}

/** Words inside tags that are part of the tag, not variables. */
const tagWords = new Set(['in', 'limit', 'offset', 'reversed', 'with', 'as', 'for', 'cols', 'by']);

interface Positioned {
  begin: number;
  end: number;
}
interface PropertyAccess extends Positioned {
  props: Positioned[];
  variable?: Positioned;
}
interface Filter extends Positioned {
  name: string;
  args: unknown[];
}

/** The template's tokens in order; for a broken template, those before the break. */
export function templateTokens(template: string): TemplateToken[] {
  let topLevel: TopLevelToken[];
  try {
    topLevel = topLevelTokens(template);
  } catch {
    return [];
  }
  const tokens: TemplateToken[] = [];
  let inComment = false;
  for (const token of topLevel) {
    if (token.kind !== TokenKind.Output && token.kind !== TokenKind.Tag) continue;
    const name = token.kind === TokenKind.Tag ? (token as unknown as { name: string }).name : undefined;
    // A comment's body is not Liquid: only its own tags are.
    if (inComment && name !== 'endcomment') continue;
    inComment = name === 'comment';
    const [contentBegin, contentEnd] = (token as unknown as { contentRange: [number, number] }).contentRange;
    const openEnd = token.begin + (template[token.begin + 2] === '-' ? 3 : 2);
    const closeStart = token.end - (template[token.end - 3] === '-' ? 3 : 2);
    tokens.push({ kind: 'delimiter', start: token.begin, end: openEnd });
    try {
      if (name === undefined) readFilteredValue(template, contentBegin, contentEnd, tokens);
      else readTag(template, name, contentBegin, contentEnd, tokens);
    } catch {
      // A tag liquidjs cannot read further: the checks report it.
    }
    tokens.push({ kind: 'delimiter', start: closeStart, end: token.end });
  }
  return tokens;
}

function tokenizer(template: string, begin: number, end: number): Tokenizer {
  return new Tokenizer(template, liquid.options.operators, undefined, [begin, end]);
}

function readFilteredValue(template: string, begin: number, end: number, tokens: TemplateToken[]): void {
  const value = tokenizer(template, begin, end).readFilteredValue() as unknown as { initial: { postfix: Positioned[] }; filters: Filter[] };
  for (const part of value.initial.postfix) pushValue(template, part, tokens);
  for (const filter of value.filters) pushFilter(template, filter, tokens);
}

function readTag(template: string, name: string, begin: number, end: number, tokens: TemplateToken[]): void {
  const nameStart = template.indexOf(name, begin);
  if (nameStart < 0 || nameStart >= end) return;
  tokens.push({ kind: 'tag', start: nameStart, end: nameStart + name.length, name });
  if (name === 'comment' || name === 'raw') return;
  const reader = tokenizer(template, nameStart + name.length, end);
  for (reader.skipBlank(); !reader.end(); reader.skipBlank()) {
    const at = reader.p;
    if (reader.peek() === '|') {
      const filter = reader.readFilter() as unknown as Filter | null;
      if (filter) pushFilter(template, filter, tokens);
    } else if (reader.peek() === '=' && reader.peek(1) !== '=') {
      tokens.push({ kind: 'operator', start: at, end: at + 1 });
      reader.advance();
    } else {
      const operator = reader.readOperator() as unknown as Positioned | undefined;
      if (operator) tokens.push({ kind: 'operator', start: operator.begin, end: operator.end });
      else {
        const value = reader.readValue();
        if (value) pushValue(template, value, tokens);
        else reader.advance(); // `,` `:` and the like
      }
    }
    if (reader.p === at) reader.advance();
  }
}

function pushFilter(template: string, filter: Filter, tokens: TemplateToken[]): void {
  const start = template.indexOf(filter.name, filter.begin);
  if (start >= 0) tokens.push({ kind: 'filter', start, end: start + filter.name.length, name: filter.name });
  for (const arg of filter.args) {
    // Keyword arguments come as [name, value].
    pushValue(template, Array.isArray(arg) ? arg[1] : arg, tokens);
  }
}

function pushValue(template: string, value: unknown, tokens: TemplateToken[]): void {
  // Told apart by liquidjs's own guards (token kinds): class names do not survive minifying.
  if (TypeGuards.isPropertyAccessToken(value)) {
    const access = value as unknown as PropertyAccess;
    if (access.variable) return pushValue(template, access.variable, tokens);
    // The leading names: `a[0].b` is the variable `a`.
    const path: string[] = [];
    for (const prop of access.props) {
      const text = template.slice(prop.begin, prop.end);
      if (!/^[A-Za-z_$][\w$-]*$/.test(text)) break;
      path.push(text);
    }
    const text = template.slice(access.begin, access.end);
    if (path.length === 1 && tagWords.has(text)) tokens.push({ kind: 'keyword', start: access.begin, end: access.end });
    else tokens.push({ kind: 'variable', start: access.begin, end: access.end, path });
  } else if (TypeGuards.isQuotedToken(value)) tokens.push({ kind: 'string', start: value.begin, end: value.end });
  else if (TypeGuards.isNumberToken(value)) tokens.push({ kind: 'number', start: value.begin, end: value.end });
  else if (TypeGuards.isLiteralToken(value)) tokens.push({ kind: 'keyword', start: value.begin, end: value.end });
  else if (TypeGuards.isOperatorToken(value)) tokens.push({ kind: 'operator', start: value.begin, end: value.end });
  else if (TypeGuards.isRangeToken(value)) {
    pushValue(template, value.lhs, tokens);
    pushValue(template, value.rhs, tokens);
  }
}

/**
 * Names a template sets for itself (`assign`, `capture`, `increment`, `decrement`, a `for` loop's item), read
 * from its text so that a template still being typed (and so not parseable) offers them too.
 */
export function assignedNames(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(/\{%-?\s*(?:(?:assign|capture|increment|decrement)\s+([\w-]+)|for\s+([\w-]+)\s+in\b)/g)) names.add(match[1] ?? match[2]);
  return [...names];
}
