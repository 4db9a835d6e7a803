// The template strings a client offers to edit as Markdown: those whose value has more than one line, or
// the one at a position (the command run from the palette with the cursor in a prompt).
import type { Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileTemplates } from '../../core/src/validation';
import type { TemplateString } from '../../shared/src/protocol';
import type { DocumentCache } from './documentCache';

export function templateStrings(document: TextDocument, cache: DocumentCache, position?: Position): TemplateString[] {
  const kind = cache.kind(document);
  if (!kind || cache.tooDeep(document)) return [];
  const offset = position && document.offsetAt(position);
  // At a position every template string counts (the walk goes through the whole file); else the walk skips
  // the parts without a string of several lines.
  const { templates } = fileTemplates(document, kind, offset === undefined ? (value) => value.includes('\n') : () => true);
  return templates
    .filter((literal) => offset === undefined || (literal.offset < offset && offset < literal.offset + literal.length))
    .map((literal) => ({
      pointer: literal.pointer,
      range: { start: document.positionAt(literal.offset), end: document.positionAt(literal.offset + literal.length) },
      lines: literal.value.split('\n').length,
    }));
}
