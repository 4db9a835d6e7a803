// Completion inside a Liquid tag: after `{{` (or in a `{% %}` tag's expression) the variables known there
// (Vapi's built-ins with their meaning, the place's and the file's own, the setting's, the template's own
// assigns); after `|` the filters; a tag's name after `{%`; in `date`'s arguments its formats and time zones.
// What the cursor is in is read from the text before it: the tag being typed is not parseable yet.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { assignedNames, blockEnds, dateExample, dateFormats, describeSource, filterDocs, filterNames, tagDocs, tagNames, timeZones, type KnownVariable } from '../../core/src/templates';
import type { TemplateTarget } from './templateTargets';

/** Characters after which the editor asks for completion inside a template. */
export const templateTriggerCharacters = ['{', '%', '|', '.', ' '];

type Context =
  | { kind: 'variable'; partial: string }
  | { kind: 'filter'; partial: string }
  | { kind: 'tag'; partial: string; before: string }
  | { kind: 'date-format' | 'time-zone'; partial: string; quote: string };

/**
 * Completion at template index `at`, or undefined when the cursor is not inside a `{{ }}` or `{% %}` (text
 * around tags is the user's prose).
 */
export function templateCompletion(target: TemplateTarget, document: TextDocument, at: number): CompletionList | undefined {
  const before = target.template.slice(0, at);
  const context = contextAt(before);
  if (!context) return undefined;
  const start = at - context.partial.length;
  const range = { start: document.positionAt(target.toDocument(start)), end: document.positionAt(target.toDocument(at)) };
  const item = (label: string, kind: CompletionItemKind, detail: string, documentation?: string, insert = label): CompletionItem => ({
    label,
    kind,
    detail,
    documentation: documentation ? { kind: MarkupKind.Markdown, value: documentation } : undefined,
    textEdit: { range, newText: target.spell(insert) },
    filterText: label,
  });

  switch (context.kind) {
    case 'variable':
      return { isIncomplete: false, items: variableItems(target, before, context.partial).map((variable, index) => ({ ...item(variable.name, CompletionItemKind.Variable, variable.detail, variable.documentation), sortText: String(index).padStart(4, '0') })) };
    case 'filter':
      return {
        isIncomplete: false,
        items: filterNames.map((name) => {
          const filter = item(name, CompletionItemKind.Function, 'Liquid filter', filterDocs[name]);
          // `date` comes with its format argument, the cursor in it.
          if (name === 'date') return { ...filter, insertTextFormat: InsertTextFormat.Snippet, textEdit: { range, newText: target.spell('date: "${1:%A, %B %d, %Y}"') } };
          return filter;
        }),
      };
    case 'tag': {
      const names = [...tagNames, 'else', 'elsif', 'when', ...openBlocks(context.before).map((name) => blockEnds[name])];
      return { isIncomplete: false, items: [...new Set(names)].map((name) => item(name, CompletionItemKind.Keyword, 'Liquid tag', tagDocs[name])) };
    }
    case 'date-format':
      return { isIncomplete: false, items: dateFormats.map((format) => item(format, CompletionItemKind.Value, dateExample(format), 'For Tuesday 18 August 2026, 09:30 UTC.')) };
    case 'time-zone':
      return { isIncomplete: false, items: timeZones().map((zone) => item(zone, CompletionItemKind.Value, 'Time zone')) };
  }
}

/** What the text before the cursor is in; undefined outside any tag or in a string `date` does not read. */
function contextAt(before: string): Context | undefined {
  const open = Math.max(before.lastIndexOf('{{'), before.lastIndexOf('{%'));
  if (open < 0) return undefined;
  const isTag = before[open + 1] === '%';
  if (before.includes(isTag ? '%}' : '}}', open + 2)) return undefined;
  const inside = before.slice(open + 2).replace(/^-/, '');

  const quote = openQuote(inside);
  if (quote !== undefined) {
    const format = /\|\s*date\s*:\s*(["'])([^"']*)$/.exec(inside);
    if (format) return { kind: 'date-format', partial: format[2], quote: format[1] };
    const zone = /\|\s*date\s*:\s*(["'])[^"']*\1\s*,\s*(["'])([^"']*)$/.exec(inside);
    if (zone) return { kind: 'time-zone', partial: zone[3], quote: zone[2] };
    return undefined;
  }
  const filter = /\|\s*([\w-]*)$/.exec(inside);
  if (filter) return { kind: 'filter', partial: filter[1] };
  if (isTag) {
    const name = /^\s*(\w*)$/.exec(inside);
    if (name) return { kind: 'tag', partial: name[1], before: before.slice(0, open) };
  }
  const word = /[\w$.-]*$/.exec(inside)![0];
  // A number (`plus: 1`) is not the start of a variable.
  if (/^\d/.test(word)) return undefined;
  return { kind: 'variable', partial: word };
}

/** The quote that the text leaves open, if any. */
function openQuote(text: string): string | undefined {
  let quote: string | undefined;
  for (const character of text) {
    if (quote === undefined && (character === '"' || character === "'")) quote = character;
    else if (character === quote) quote = undefined;
  }
  return quote;
}

/** Blocks opened before the cursor and not yet closed, innermost last. */
function openBlocks(before: string): string[] {
  const stack: string[] = [];
  for (const match of before.matchAll(/\{%-?\s*(\w+)/g)) {
    const name = match[1];
    if (blockEnds[name]) stack.push(name);
    else if (name.startsWith('end') && stack[stack.length - 1] === name.slice(3)) stack.pop();
  }
  return stack.reverse();
}

interface VariableItem {
  name: string;
  detail: string;
  documentation?: string;
}

/**
 * The variables to offer for `partial` (`customer.nu` offers what is under `customer.`): the template's own
 * first, then the place's and the file's, the setting's, and Vapi's built-ins.
 */
function variableItems(target: TemplateTarget, before: string, partial: string): VariableItem[] {
  const items: VariableItem[] = assignedNames(before).map((name) => ({ name, detail: 'Set in this template' }));
  const describe = (variable: KnownVariable): VariableItem => ({
    name: variable.name,
    detail: describeSource(variable.source).replace(/`/g, ''),
    documentation: variable.meaning ? `${variable.meaning}\n\n${describeSource(variable.source)}` : describeSource(variable.source),
  });
  items.push(...target.known.all().map(describe));
  const dot = partial.lastIndexOf('.');
  const prefix = dot < 0 ? '' : partial.slice(0, dot + 1);
  const seen = new Set<string>();
  return items.filter((item) => item.name.startsWith(prefix) && !seen.has(item.name) && seen.add(item.name));
}
