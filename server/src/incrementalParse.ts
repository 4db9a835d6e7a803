// Most edits of an assistant file happen inside one string value (the prompt, a message, a description).
// Such an edit leaves the tree as it was: only that string's value and the offsets after it change, so
// the previous version's parse can be shifted instead of parsing the whole file again (the parse of a
// 20,000-line file is most of the first completion or hover after each edit).
//
// The shift itself is lazy. Writing a new offset into each of the 40,000 nodes after the edit costs 2 to
// 7 ms in the server (the nodes are spread over the heap, and the validation that ran just before has
// pushed them out of the CPU's caches). So the nodes of a parse made by parseForShifting keep the offset
// they were parsed at, and their `offset` getter adds the shifts recorded for the strings before them:
// an edit updates the edited string and the lengths of the nodes holding it, and records one shift.
import type { ASTNode, JSONDocument, LanguageService } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** What vscode-json-languageservice's parsed documents hold beyond the exported JSONDocument type. */
interface ParsedJson extends JSONDocument {
  syntaxErrors: { range: LineRange }[];
  comments: LineRange[];
}

interface LineRange {
  start: { line: number };
  end: { line: number };
}

/**
 * The shifts of one parse: for each string edited since the parse, its offset as parsed (`anchors`, in
 * order) and how much longer it is now (`deltas`). A node or colon parsed after an anchor has moved by
 * that anchor's delta.
 */
class Shifts {
  readonly anchors: number[] = [];
  readonly deltas: number[] = [];

  at(parsedOffset: number): number {
    let offset = parsedOffset;
    for (let i = 0; i < this.anchors.length && this.anchors[i] < parsedOffset; i++) offset += this.deltas[i];
    return offset;
  }

  add(anchor: number, delta: number): void {
    let i = 0;
    while (i < this.anchors.length && this.anchors[i] < anchor) i++;
    if (this.anchors[i] === anchor) this.deltas[i] += delta;
    else {
      this.anchors.splice(i, 0, anchor);
      this.deltas.splice(i, 0, delta);
    }
  }
}

/** Strings edited since the last whole parse beyond which the next edit parses afresh (the getter walks them all). */
const maxShiftedStrings = 16;

/** A node of a parse made by parseForShifting: its offsets as parsed, and its parse's shifts. */
interface ShiftableNode {
  parsedOffset: number;
  parsedColonOffset?: number;
  shifts: Shifts | undefined;
  length: number;
  value?: unknown;
}

/** The shifts that the nodes being constructed belong to (parsing is synchronous). */
let parsing: Shifts | undefined;
let accessorsInstalled = false;

/**
 * Gives the library's node classes an `offset` (and a property's `colonOffset`) that adds the shifts of
 * the node's parse; the constructors' assignments go through the setters. The classes are found on a
 * parse, so they are the ones the service really uses.
 */
function installAccessors(service: LanguageService): void {
  if (accessorsInstalled) return;
  accessorsInstalled = true;
  const probe = service.parseJSONDocument(TextDocument.create('untitled:probe', 'json', 0, '{"a":0}')).root as ASTNode & { type: 'object' };
  const base = Object.getPrototypeOf(Object.getPrototypeOf(probe)) as object;
  const property = Object.getPrototypeOf(probe.properties[0]) as object;
  Object.defineProperty(base, 'offset', {
    configurable: true,
    get(this: ShiftableNode) {
      const shifts = this.shifts;
      return shifts === undefined || shifts.anchors.length === 0 ? this.parsedOffset : shifts.at(this.parsedOffset);
    },
    set(this: ShiftableNode, offset: number) {
      this.parsedOffset = offset;
      this.shifts = parsing;
    },
  });
  Object.defineProperty(property, 'colonOffset', {
    configurable: true,
    get(this: ShiftableNode) {
      const colon = this.parsedColonOffset!;
      const shifts = this.shifts;
      return colon < 0 || shifts === undefined || shifts.anchors.length === 0 ? colon : shifts.at(colon);
    },
    set(this: ShiftableNode, offset: number) {
      this.parsedColonOffset = offset;
    },
  });
}

/** The document's parse, whose nodes reparsedAfterStringEdit can shift to a later version. */
export function parseForShifting(service: LanguageService, document: TextDocument): JSONDocument {
  installAccessors(service);
  parsing = new Shifts();
  try {
    return service.parseJSONDocument(document);
  } finally {
    parsing = undefined;
  }
}

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

  const { shifts, parsedOffset } = edited as unknown as ShiftableNode;
  // Not made by parseForShifting, or so many strings shifted that reading an offset would cost more than a parse.
  if (!shifts || (shifts.anchors.length >= maxShiftedStrings && !shifts.anchors.includes(parsedOffset))) return undefined;
  (edited as unknown as ShiftableNode).value = value;
  for (let node: ASTNode | undefined = edited; node; node = node.parent) (node as unknown as ShiftableNode).length += delta;
  shifts.add(parsedOffset, delta);
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
