import type { CompletionList, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';
import { focusedForCompletion } from './focusedMatching';

/**
 * Keys (with value snippets), enum values and defaultSnippets from vscode-json-languageservice. The
 * provider-aware editing schema makes it offer the provider first, then exactly that provider's keys;
 * focused matching keeps it fast in files with hundreds of tools.
 */
export function complete(parsed: ParsedDocument, document: TextDocument, position: Position): PromiseLike<CompletionList | null> {
  return parsed.service.doComplete(document, position, focusedForCompletion(parsed.jsonDocument));
}
