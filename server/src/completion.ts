import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver';
import type { ASTNode, JSONSchema } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';
import { focusedForCompletion, matchingSchemas, type SchemaMatch } from './focusedMatching';
import { valueToInsert } from './valueToInsert';

/**
 * Keys (with value snippets), enum values and defaultSnippets from vscode-json-languageservice. The
 * provider-aware editing schema makes it offer the provider first, then exactly that provider's keys;
 * focused matching keeps it fast in files with hundreds of tools. A key is inserted with a value its own
 * schema accepts (valueToInsert). Whole-file snippets (the root schema's defaultSnippets) are offered where a
 * file is new: in an empty file, where the library proposes the root's values.
 */
export async function complete(parsed: ParsedDocument, document: TextDocument, position: Position): Promise<CompletionList | null> {
  // The schemas the library matched for the object whose keys it completes: the keys' schemas are in them.
  const matched = new Map<number, SchemaMatch[]>();
  const list = await parsed.service.doComplete(document, position, focusedForCompletion(parsed.jsonDocument, (offset, matches) => matched.set(offset, matches)));
  if (!list) return list;
  const offset = document.offsetAt(position);
  const object = objectAt(parsed, offset);
  if (object) {
    const matches = matched.get(object.offset) ?? matchingSchemas(parsed.jsonDocument, await parsed.resolvedSchema, object.offset);
    const properties = propertySchemas(object, matches);
    for (const item of list.items) {
      const property = item.kind === CompletionItemKind.Property ? properties.get(item.label) : undefined;
      if (property) withValue(item, valueToInsert(property, item.label));
    }
  }
  wholeFileSnippets(list, await parsed.resolvedSchema);
  return list;
}

/** The root's snippets (whole files), offered by the library in an empty file: named by their label there. */
function wholeFileSnippets(list: CompletionList, schema: JSONSchema): void {
  const labels = new Set((schema.defaultSnippets ?? []).map((snippet) => snippet.label));
  // The library filters them by their body's text (a user types the name) and shows them as values.
  for (const item of list.items) {
    if (item.kind === CompletionItemKind.Property || !labels.has(item.label)) continue;
    item.filterText = item.label;
    item.kind = CompletionItemKind.Snippet;
  }
}

/** The object whose keys are being completed at `offset`, as the library finds it. */
function objectAt(parsed: ParsedDocument, offset: number): ASTNode | undefined {
  let node = parsed.jsonDocument.getNodeFromOffset(offset, true);
  if (node && offset === node.offset + node.length && node.type === 'object') node = node.parent; // just after `}`
  if (node?.type === 'string' && node.parent?.type === 'property' && node.parent.keyNode === node) node = node.parent.parent;
  return node?.type === 'object' ? node : undefined;
}

/** Each key's schema in the schemas that match the object (the first one that names it). */
function propertySchemas(object: ASTNode, matches: SchemaMatch[]): Map<string, JSONSchema> {
  const properties = new Map<string, JSONSchema>();
  for (const match of matches) {
    if (match.node !== object || match.inverted) continue;
    for (const [key, property] of Object.entries(match.schema.properties ?? {})) {
      if (typeof property === 'object' && !properties.has(key)) properties.set(key, property);
    }
  }
  return properties;
}

/** Replaces the value part of a key's insert text (`"key": <value><separator>`). */
function withValue(item: CompletionItem, value: string | undefined): void {
  const text = item.textEdit?.newText ?? item.insertText;
  if (value === undefined || text === undefined) return;
  const match = /^("(?:[^"\\]|\\.)*": )(.*?)(,?)$/s.exec(text);
  if (!match) return;
  const replaced = `${match[1]}${value}${match[3]}`;
  if (item.textEdit) item.textEdit.newText = replaced;
  else item.insertText = replaced;
  // The library asks for value suggestions after a bare `$1`; a placeholder or a choice needs none.
  if (item.command?.command === 'editor.action.triggerSuggest') item.command = undefined;
}
