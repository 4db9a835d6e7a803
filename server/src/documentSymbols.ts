import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';

/** The outline: hierarchical when the client can show it, flat otherwise; at most `limit` symbols. */
export function documentSymbols(
  parsed: ParsedDocument,
  document: TextDocument,
  hierarchical: boolean,
  limit: number,
  onLimitExceeded: (uri: string) => void,
): DocumentSymbol[] | SymbolInformation[] {
  const context = { resultLimit: limit, onResultLimitExceeded: onLimitExceeded };
  return hierarchical
    ? parsed.service.findDocumentSymbols2(document, parsed.jsonDocument, context)
    : parsed.service.findDocumentSymbols(document, parsed.jsonDocument, context);
}
