import type { FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';

/** Objects, arrays and multi-line strings fold; at most `limit` ranges. */
export function foldingRanges(
  parsed: ParsedDocument,
  document: TextDocument,
  limit: number,
  onLimitExceeded: (uri: string) => void,
): FoldingRange[] {
  return parsed.service.getFoldingRanges(document, { rangeLimit: limit, onRangeLimitExceeded: onLimitExceeded });
}
