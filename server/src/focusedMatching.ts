// Schema matching for one position. vscode-json-languageservice follows only the path to the position
// until it meets the first allOf/anyOf/oneOf/if; below that it validates everything (in an assistant,
// `model` is such a union, so a position in `model` validated every tool, and on files with hundreds of
// tools the collected matches overflowed the stack). Completion and hover only need the path, so while
// the library matches, every array is cut down to the item that holds the position.
import type { ASTNode, JSONDocument, JSONSchema } from 'vscode-json-languageservice';

export interface SchemaMatch {
  node: ASTNode;
  schema: JSONSchema;
  /** Set for schemas under `not`. */
  inverted?: boolean;
}

/** What the library's parsed documents offer beyond the exported JSONDocument type (its hover and completion use it). */
interface MatchingDocument {
  getMatchingSchemas(schema: JSONSchema, focusOffset?: number, exclude?: ASTNode): SchemaMatch[];
}

type ParsedJson = JSONDocument & MatchingDocument;

/**
 * The schemas matching along the path to `focusOffset`. Array items elsewhere cannot change which
 * schemas apply there: the bundled schemas' `if` conditions test only one-value properties and types,
 * never array contents or lengths, and no schema uses tuple `items` or `contains`.
 */
export function matchingSchemas(jsonDocument: JSONDocument, schema: JSONSchema, focusOffset: number, exclude?: ASTNode): SchemaMatch[] {
  const parsed = jsonDocument as ParsedJson;
  const cut: [{ items: ASTNode[] }, ASTNode[]][] = [];
  const pending: ASTNode[] = parsed.root ? [parsed.root] : [];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.type === 'array') {
      const kept = node.items.filter((item) => item.offset <= focusOffset && focusOffset <= item.offset + item.length);
      const array = node as { items: ASTNode[] };
      cut.push([array, array.items]);
      array.items = kept;
      pending.push(...kept);
    } else if (node.type === 'object') {
      for (const property of node.properties) if (property.valueNode) pending.push(property.valueNode);
    }
  }
  try {
    return parsed.getMatchingSchemas(schema, focusOffset, exclude);
  } finally {
    for (const [array, items] of cut) array.items = items;
  }
}

/**
 * The parsed document as completion should see it: the same, except that matching is focused. `matched`
 * hears each focused matching's result, for work after completion that needs the same schemas.
 */
export function focusedForCompletion(jsonDocument: JSONDocument, matched?: (focusOffset: number, matches: SchemaMatch[]) => void): JSONDocument {
  const focused: MatchingDocument = Object.create(jsonDocument);
  focused.getMatchingSchemas = (schema, focusOffset = -1, exclude) => {
    if (focusOffset < 0) return (jsonDocument as ParsedJson).getMatchingSchemas(schema, focusOffset, exclude);
    const matches = matchingSchemas(jsonDocument, schema, focusOffset, exclude);
    if (!exclude) matched?.(focusOffset, matches);
    return matches;
  };
  return focused as ParsedJson;
}
