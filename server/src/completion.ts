import type { CompletionList, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';

/**
 * Keys (with value snippets), enum values and defaultSnippets from vscode-json-languageservice. The
 * provider-aware editing schema makes it offer the provider first, then exactly that provider's keys.
 */
export function complete(parsed: ParsedDocument, document: TextDocument, position: Position): PromiseLike<CompletionList | null> {
  return parsed.service.doComplete(document, position, parsed.jsonDocument);
}
