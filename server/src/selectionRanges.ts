import type { Position, SelectionRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';

/** Expand selection: value, property, object, and so on up to the whole document. */
export function selectionRanges(parsed: ParsedDocument, document: TextDocument, positions: Position[]): SelectionRange[] {
  return parsed.service.getSelectionRanges(document, positions, parsed.jsonDocument);
}
