// Most edits of an assistant file happen inside one string value (the prompt, a message, a description).
// Such an edit leaves the tree as it was: only that string's value and the offsets after it change, so
// the previous version's parse can be shifted instead of parsing the whole file again (the parse of a
// 20,000-line file is most of the first completion or hover after each edit).
import type { ASTNode, JSONDocument } from 'vscode-json-languageservice';

/** What vscode-json-languageservice's parsed documents hold beyond the exported JSONDocument type. */
interface ParsedJson extends JSONDocument {
  syntaxErrors: { range: LineRange }[];
  comments: LineRange[];
}

interface LineRange {
  start: { line: number };
  end: { line: number };
}

type Shiftable = { offset: number; length: number; colonOffset?: number; value?: unknown };

/**
 * `previous` (the parse of `previousText`) updated in place to `text`, when the two texts differ only
 * inside one string value; undefined otherwise (parse `text` afresh). A file with syntax errors (a file
 * being edited often has one) qualifies when the edit keeps every line where it was and the errors'
 * lines alone: the parse keeps errors as line/character ranges, and the tree the parser recovered
 * around them depends on the tokens only, which such an edit leaves as they were.
 */
export function reparsedAfterStringEdit(previous: JSONDocument, previousText: string, text: string): JSONDocument | undefined {
  const parsed = previous as ParsedJson;
  if (!parsed.root) return undefined;
  const { start, previousEnd, end } = changedSpan(previousText, text);
  if (start === previousText.length && end === text.length) return previous;
  if ((parsed.syntaxErrors.length || parsed.comments.length) && !leavesErrorsAlone(parsed, previousText, start, previousText.slice(start, previousEnd), text.slice(start, end))) {
    return undefined;
  }

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
  shiftNodes(parsed.root, start, previousEnd, delta);
  return previous;
}

/** The edit adds and removes no line break, and no syntax error or comment is on its line. */
function leavesErrorsAlone(parsed: ParsedJson, previousText: string, start: number, removed: string, inserted: string): boolean {
  // Lines counted by \n alone: a file with \r line breaks is parsed afresh.
  if (/[\r\n]/.test(removed) || /[\r\n]/.test(inserted) || previousText.includes('\r')) return false;
  let line = 0;
  for (let at = previousText.indexOf('\n'); at !== -1 && at < start; at = previousText.indexOf('\n', at + 1)) line++;
  const onLine = (range: LineRange) => range.start.line <= line && line <= range.end.line;
  return !parsed.syntaxErrors.some((error) => onLine(error.range)) && !parsed.comments.some(onLine);
}

/**
 * Moves the nodes after the edit by `delta` and stretches those holding it; nodes wholly before it stay.
 * Children are read from the node's own fields (the `children` getter makes an array per property).
 */
function shiftNodes(node: ASTNode, start: number, previousEnd: number, delta: number): void {
  if (node.offset + node.length <= start) return; // wholly before the edit: unchanged
  if (node.offset >= previousEnd) return shiftAll(node, delta);
  (node as Shiftable).length += delta; // holds the edit
  if (node.type === 'object') for (const property of node.properties) shiftNodes(property, start, previousEnd, delta);
  else if (node.type === 'array') for (const item of node.items) shiftNodes(item, start, previousEnd, delta);
  else if (node.type === 'property') {
    if (node.colonOffset !== undefined && node.colonOffset >= previousEnd) (node as Shiftable).colonOffset! += delta;
    shiftNodes(node.keyNode, start, previousEnd, delta);
    if (node.valueNode) shiftNodes(node.valueNode, start, previousEnd, delta);
  }
}

function shiftAll(node: ASTNode, delta: number): void {
  (node as Shiftable).offset += delta;
  if (node.type === 'object') for (const property of node.properties) shiftAll(property, delta);
  else if (node.type === 'array') for (const item of node.items) shiftAll(item, delta);
  else if (node.type === 'property') {
    if (node.colonOffset !== undefined && node.colonOffset >= 0) (node as Shiftable).colonOffset! += delta;
    shiftAll(node.keyNode, delta);
    if (node.valueNode) shiftAll(node.valueNode, delta);
  }
}

/** Block sizes for comparing texts: native string equality on ever smaller slices, down to one character. */
const blocks = [65536, 4096, 256, 16, 1];

/**
 * Where two texts differ: `start` is the length of their common prefix; `previousEnd` and `end` are where
 * their common suffix (not overlapping the prefix) starts in each. Compared a block at a time: a loop over
 * 600,000 characters costs milliseconds, the same comparison by slices a fraction of one.
 */
export function changedSpan(previousText: string, text: string): { start: number; previousEnd: number; end: number } {
  const shorter = Math.min(previousText.length, text.length);
  let start = 0;
  for (const block of blocks) {
    while (start + block <= shorter && previousText.slice(start, start + block) === text.slice(start, start + block)) start += block;
  }
  let previousEnd = previousText.length;
  let end = text.length;
  for (const block of blocks) {
    while (
      previousEnd - block >= start &&
      end - block >= start &&
      previousText.slice(previousEnd - block, previousEnd) === text.slice(end - block, end)
    ) {
      previousEnd -= block;
      end -= block;
    }
  }
  return { start, previousEnd, end };
}
