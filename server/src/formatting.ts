import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';

/** Formats the whole document, or only `range` when given. */
export function format(parsed: ParsedDocument, document: TextDocument, options: FormattingOptions, range?: Range): TextEdit[] {
  return parsed.service.format(document, range, options);
}
