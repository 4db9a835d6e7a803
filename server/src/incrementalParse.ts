// Most edits of an assistant file happen inside one string value (the prompt, a message, a description).
// Such an edit leaves the tree as it was: only that string's value and the offsets after it change, so
// the previous version's parse can be shifted instead of parsing the whole file again (the parse of a
// 20,000-line file is most of the first completion or hover after each edit).
import type { ASTNode, JSONDocument } from 'vscode-json-languageservice';

/** What vscode-json-languageservice's parsed documents hold beyond the exported JSONDocument type. */
interface ParsedJson extends JSONDocument {
  syntaxErrors: unknown[];
  comments: unknown[];
}

type Shiftable = { offset: number; length: number; colonOffset?: number; value?: unknown };

/**
 * `previous` (the parse of `previousText`) updated in place to `text`, when the two texts differ only
 * inside one string value of a file without syntax errors; undefined otherwise (parse `text` afresh).
 */
export function reparsedAfterStringEdit(previous: JSONDocument, previousText: string, text: string): JSONDocument | undefined {
  const parsed = previous as ParsedJson;
  if (!parsed.root || parsed.syntaxErrors.length || parsed.comments.length) return undefined;
  let start = 0;
  const shorter = Math.min(previousText.length, text.length);
  while (start < shorter && previousText.charCodeAt(start) === text.charCodeAt(start)) start++;
  let previousEnd = previousText.length;
  let end = text.length;
  while (previousEnd > start && end > start && previousText.charCodeAt(previousEnd - 1) === text.charCodeAt(end - 1)) {
    previousEnd--;
    end--;
  }
  if (start === previousText.length && end === text.length) return previous;

  // The edit must lie between the quotes of one string that is a value (a key could become a duplicate).
  const edited = parsed.getNodeFromOffset(start);
  if (edited?.type !== 'string' || (edited.parent?.type === 'property' && edited.parent.keyNode === edited)) return undefined;
  if (start <= edited.offset || previousEnd >= edited.offset + edited.length) return undefined;
  const delta = end - previousEnd;
  const token = text.slice(edited.offset, edited.offset + edited.length + delta);
  let value: unknown;
  try {
    value = JSON.parse(token);
  } catch {
    return undefined; // the edit made the string end elsewhere or broke an escape
  }
  if (typeof value !== 'string') return undefined;

  (edited as Shiftable).value = value;
  const pending: ASTNode[] = [parsed.root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const shiftable = node as Shiftable;
    if (node.offset + node.length <= start) continue; // wholly before the edit: unchanged
    if (node.offset >= previousEnd) shiftable.offset += delta;
    else shiftable.length += delta; // contains the edit
    if (shiftable.colonOffset !== undefined && shiftable.colonOffset >= previousEnd) shiftable.colonOffset += delta;
    if (node.children) pending.push(...node.children);
  }
  return previous;
}
