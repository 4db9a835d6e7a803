// Text edits for quick fixes, computed on the parsed tree (no re-parse per fix).
import type { Node } from 'jsonc-parser';
import type { PositionedText } from './textLines';
import type { TextEdit } from 'vscode-languageserver-types';

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
  /** A legacy field moved to its certain current place: what Fix All (`source.fixAll`) and Migrate and Push apply. */
  migration?: boolean;
}

interface OffsetEdit {
  offset: number;
  length: number;
  newText: string;
}

function toTextEdit(document: PositionedText, edit: OffsetEdit): TextEdit {
  return {
    range: { start: document.positionAt(edit.offset), end: document.positionAt(edit.offset + edit.length) },
    newText: edit.newText,
  };
}

/** Removes a whole property, with the comma that separates it from its neighbour. */
function removal(property: Node): OffsetEdit {
  const siblings = property.parent?.children ?? [property];
  const index = siblings.indexOf(property);
  const end = property.offset + property.length;
  if (index < siblings.length - 1) return { offset: property.offset, length: siblings[index + 1].offset - property.offset, newText: '' };
  if (index > 0) {
    const previousEnd = siblings[index - 1].offset + siblings[index - 1].length;
    return { offset: previousEnd, length: end - previousEnd, newText: '' };
  }
  return { offset: property.offset, length: property.length, newText: '' };
}

export function removePropertyFix(document: PositionedText, property: Node, key: string): QuickFix {
  return { title: `Remove property "${key}"`, edits: [toTextEdit(document, removal(property))] };
}

export function replaceFix(document: PositionedText, node: Node, replacement: string, title: string): QuickFix {
  return { title, edits: [toTextEdit(document, { offset: node.offset, length: node.length, newText: replacement })], isPreferred: true };
}

/**
 * Moves a property's value to a dotted path from `tree` (the document root, or the inline assistant the
 * field belongs to), creating the missing objects on the way.
 * No fix when the target already exists or a parent on the way is not an object.
 */
export function moveFix(document: PositionedText, tree: Node, property: Node, key: string, dottedPath: string): QuickFix | undefined {
  const valueNode = property.children?.[1];
  if (!valueNode || tree.type !== 'object') return undefined;
  const text = document.getText();
  const segments = dottedPath.split('.');
  let object = tree;
  let depth = 0;
  for (; depth < segments.length; depth++) {
    const existing = object.children?.find((child) => child.children?.[0]?.value === segments[depth]);
    if (!existing) break;
    const value = existing.children?.[1];
    if (depth === segments.length - 1 || value?.type !== 'object') return undefined;
    object = value;
  }
  const valueText = text.slice(valueNode.offset, valueNode.offset + valueNode.length);
  const nested = segments
    .slice(depth + 1)
    .reduceRight((inner, segment) => `{ ${JSON.stringify(segment)}: ${inner} }`, valueText);
  const entry = `${JSON.stringify(segments[depth])}: ${nested}`;
  const last = object.children?.[object.children.length - 1];
  const insertion: OffsetEdit = last
    ? { offset: last.offset + last.length, length: 0, newText: `,\n${indentOf(text, last.offset)}${entry}` }
    : { offset: object.offset + 1, length: 0, newText: entry };
  const edit = combine(text, [removal(property), insertion]);
  return { title: `Move "${key}" to "${dottedPath}"`, edits: [toTextEdit(document, edit)], isPreferred: true, migration: true };
}

function indentOf(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const leading = text.slice(lineStart, offset);
  return /^\s*$/.test(leading) ? leading : '  ';
}

/** Several edits on the same text as one replacement (LSP forbids overlapping edits; these may touch). */
function combine(text: string, edits: OffsetEdit[]): OffsetEdit {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length)) {
    result = result.slice(0, edit.offset) + edit.newText + result.slice(edit.offset + edit.length);
  }
  const start = Math.min(...edits.map((edit) => edit.offset));
  const end = Math.max(...edits.map((edit) => edit.offset + edit.length));
  const tail = text.length - end;
  return { offset: start, length: end - start, newText: result.slice(start, result.length - tail) };
}
