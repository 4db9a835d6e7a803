// Changed JSON paths between two values, dotted like the APIs' own messages (`model.tools.0.function.name`).
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type FormattingOptions, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import { skipSpace, stringEnd, valueEnd } from '../../core/src/validation/partialTree';
import type { DiffResult, PathChange } from './types';
import { formatResource, isJsonObject, isSorted, sameKeys, shapeOf, type JsonObject } from './normalise';

/** A pair of containers being compared: their keys (indexes for arrays) in order, and how far the walk got. */
interface DiffFrame {
  local: unknown[] | JsonObject;
  live: unknown[] | JsonObject;
  path: string;
  /** The union of both objects' keys, sorted; undefined for arrays. */
  keys?: readonly string[];
  /** Both objects' values in `keys` order, when both have exactly those keys (the usual case: no lookups by key). */
  values?: { local: readonly unknown[]; live: readonly unknown[] };
  length: number;
  index: number;
}

/**
 * Differences from `live` to `local`, depth-first in key order; a subtree that exists on one side only is one
 * entry. One pass over both values with an explicit stack of the containers being compared: no recursion, so any
 * depth is fine, and nothing is allocated for an equal scalar (a path is written only for a change), so time and
 * memory grow with the values' size and the number of changes.
 */
export function diffPaths(local: unknown, live: unknown, prefix = ''): PathChange[] {
  const changes: PathChange[] = [];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  const stack: DiffFrame[] = [];
  // `undefined` marks a side where the path is absent (JSON has no undefined). The path is the parent's and the
  // key, joined only when it is needed; no parent: the values compared first.
  const compare = (mine: unknown, theirs: unknown, parent: DiffFrame | undefined, key: string | number): void => {
    if (mine === theirs) return; // the same value, or the same subtree (normalising keeps sorted ones as they are)
    const path = () => (parent ? join(parent.path, key) : prefix);
    if (isJsonObject(mine) && isJsonObject(theirs)) {
      const ours = shapeOf(mine);
      const other = shapeOf(theirs);
      if (sameKeys(ours.keys, other.keys) && isSorted(ours.keys)) {
        stack.push({ local: mine, live: theirs, path: path(), keys: ours.keys, values: { local: ours.values, live: other.values }, length: ours.keys.length, index: 0 });
        return;
      }
      const keys = [...ours.keys];
      for (const other of Object.keys(theirs)) if (!Object.hasOwn(mine, other)) keys.push(other);
      keys.sort();
      stack.push({ local: mine, live: theirs, path: path(), keys, length: keys.length, index: 0 });
    } else if (Array.isArray(mine) && Array.isArray(theirs)) {
      stack.push({ local: mine, live: theirs, path: path(), length: Math.max(mine.length, theirs.length), index: 0 });
    } else if (theirs === undefined) {
      changes.push({ path: path(), kind: 'added' });
    } else if (mine === undefined) {
      changes.push({ path: path(), kind: 'removed' });
    } else {
      changes.push({ path: path(), kind: 'changed' }); // different primitives, or different types
    }
  };
  compare(local, live, undefined, '');
  while (stack.length) {
    const frame = stack[stack.length - 1];
    if (frame.index === frame.length) {
      stack.pop();
      continue;
    }
    const index = frame.index++;
    if (frame.values) {
      compare(frame.values.local[index], frame.values.live[index], frame, frame.keys![index]);
    } else if (frame.keys) {
      const key = frame.keys[index];
      const mine = frame.local as JsonObject;
      const theirs = frame.live as JsonObject;
      compare(Object.hasOwn(mine, key) ? mine[key] : undefined, Object.hasOwn(theirs, key) ? theirs[key] : undefined, frame, key);
    } else {
      const mine = frame.local as unknown[];
      const theirs = frame.live as unknown[];
      compare(index < mine.length ? mine[index] : undefined, index < theirs.length ? theirs[index] : undefined, frame, index);
    }
  }
  return changes;
}

/**
 * The file against the live copy: the changed paths between their normalised forms, the file's text, and the
 * live copy laid out as the file is (liveLikeFile), so that a line diff of the two shows only real changes.
 * `textIsJson`: the caller parsed `fileText` with JSON.parse (see liveLikeFile).
 */
export function diffResult(id: string, fileText: string, localNorm: JsonObject, liveNorm: JsonObject, textIsJson = false): DiffResult {
  const changes = diffPaths(localNorm, liveNorm);
  // Equal sides leave liveLikeFile nothing to edit, so the live copy reads as the file does (an empty body
  // may stand for a file that is no JSON object, which liveLikeFile lays out anew).
  const unedited = changes.length === 0 && Object.keys(localNorm).length > 0;
  return { id, equal: changes.length === 0, localText: fileText, liveText: unedited ? fileText : liveLikeFile(fileText, localNorm, liveNorm, textIsJson), changes };
}

/**
 * The live copy as the file would read with the live values: the file's text with each difference between
 * the normalised sides edited in (jsonc-parser's modify, in the file's indentation and line ends), so keys
 * stay in the file's order (keys only live come after the file's own), unchanged lines stay byte for byte,
 * and what normalising leaves out (`$schema`, server-managed fields, nulls) reads as it does in the file.
 * A file that is not a JSON object gets the live copy in the engine's own layout. `textIsJson`: the caller
 * has read `fileText` with JSON.parse, so it has no syntax error and only the places edited need reading into
 * a tree (sparseTree); else the whole text is parsed to find out.
 */
export function liveLikeFile(fileText: string, localNorm: JsonObject, liveNorm: JsonObject, textIsJson = false): string {
  const formatting = formattingOf(fileText);
  if (textIsJson) {
    // The changed scalars are found by reading the text along the values that differ, with no tree. Every place
    // the walk of the two sides replaces a scalar must have been found; else the whole tree is read after all.
    const sites = { count: 0, others: 0 };
    editsBetween(localNorm, liveNorm, undefined, undefined, sites);
    const replacements = scalarReplacements(fileText, localNorm, liveNorm);
    if (replacements && replacements.length === sites.count) {
      const edits: Edits = { replacements, later: [], formatting, replaced: true };
      if (sites.others) editsBetween(localNorm, liveNorm, undefined, edits); // the keys and items added or removed
      return applied(fileText, edits);
    }
  }
  const errors: ParseError[] = [];
  const tree = parseTree(fileText, errors, { disallowComments: true });
  if (errors.length || tree?.type !== 'object') return formatResource(liveNorm);
  const edits: Edits = { replacements: [], later: [], formatting, replaced: false };
  editsBetween(localNorm, liveNorm, tree, edits);
  return applied(fileText, edits);
}

function applied(fileText: string, edits: Edits): string {
  let text = spliced(fileText, edits.replacements);
  for (const apply of edits.later) text = apply(text);
  return text;
}

interface Edits {
  /** Changed scalars the file has, replaced where the file's own parse has them. */
  replacements: Edit[];
  /** The other edits (keys and items added or removed), each on the text the edits before it made. */
  later: ((text: string) => string)[];
  formatting: FormattingOptions;
  /** The changed scalars were found in the text already (scalarReplacements): only the other edits are made. */
  replaced: boolean;
}

/**
 * The edits that make the file read as live. A changed scalar the file has is replaced where the file's own
 * parse has it, all in one pass at the end: each modify parses the whole text, so one per changed value cost
 * the number of changes times the file's size. Their ranges never overlap, and the other edits (keys and items
 * added or removed) keep them valid. Without `edits`, the scalars that would be replaced and the other edits are
 * only counted (`sites`).
 */
function editsBetween(localNorm: JsonObject, liveNorm: JsonObject, tree: Node | undefined, edits: Edits | undefined, sites?: { count: number; others: number }): void {
  const set = (path: JSONPath, value: unknown) => {
    if (edits) edits.later.push((text) => applyEdits(text, modify(text, path, value, { formattingOptions: edits.formatting })));
    else if (sites) sites.others++;
  };
  // A path is needed for the edits made with modify only; counting needs none.
  const below = (path: JSONPath, key: string | number): JSONPath => (edits ? [...path, key] : path);
  const edit = (path: JSONPath, local: unknown, live: unknown, node: Node | undefined): void => {
    // An equal scalar needs no edit, and most are equal: they are passed over before anything is allocated.
    if (isJsonObject(local) && isJsonObject(live)) {
      const { keys: localKeys, values: localValues } = shapeOf(local);
      const { keys: liveKeys, values: liveValues } = shapeOf(live);
      const properties = node?.type === 'object' ? (node.children ?? []) : [];
      // The file's value for a key: the property in the same place when the file has each key once and there
      // (a file the engine wrote), else looked up by name (the last of a repeated key, as JSON.parse reads it).
      let byName: Map<string, Node | undefined> | undefined;
      const valueNode = (key: string, index?: number) => {
        if (!node) return undefined;
        const inPlace = index !== undefined && properties.length === localKeys.length ? properties[index] : undefined;
        if (inPlace?.children?.[0].value === key) return inPlace.children[1];
        if (!byName) {
          byName = new Map();
          for (const property of properties) byName.set(property.children![0].value, property.children![1]);
        }
        return byName.get(key);
      };
      if (sameKeys(localKeys, liveKeys)) {
        for (let i = 0; i < liveKeys.length; i++) {
          if (localValues[i] !== liveValues[i]) edit(below(path, liveKeys[i]), localValues[i], liveValues[i], valueNode(liveKeys[i], i));
        }
        return;
      }
      for (const key of localKeys) if (!Object.hasOwn(live, key)) set(below(path, key), undefined);
      for (const key of liveKeys) {
        if (!Object.hasOwn(local, key)) set(below(path, key), live[key]);
        else if (local[key] !== live[key]) edit(below(path, key), local[key], live[key], valueNode(key));
      }
    } else if (Array.isArray(local) && Array.isArray(live)) {
      const items = node?.type === 'array' ? node.children : undefined;
      const shared = Math.min(local.length, live.length);
      for (let i = 0; i < shared; i++) if (local[i] !== live[i]) edit(below(path, i), local[i], live[i], items?.[i]);
      if (edits && local.length > live.length) edits.later.push((text) => withoutItems(text, path, live.length, edits.formatting));
      if (edits && live.length > local.length) edits.later.push((text) => withItems(text, path, live.slice(local.length), edits.formatting));
      if (!edits && sites && local.length !== live.length) sites.others++;
    } else if (JSON.stringify(local) !== JSON.stringify(live)) {
      // An object or array from the live side needs modify's formatting.
      const scalar = live === null || typeof live !== 'object';
      if (scalar && !edits) {
        if (sites) sites.count++;
      } else if (scalar && edits?.replaced) {
        // found in the text already (scalarReplacements)
      } else if (node && scalar) edits!.replacements.push({ offset: node.offset, length: node.length, content: JSON.stringify(live) });
      else set(path, live);
    }
  };
  edit([], localNorm, liveNorm, tree);
}

/**
 * The replacements of the changed scalars, found without a tree: one pass over the text of each object and
 * array whose two sides differ, every other value skipped over by its extent. Each replaces the value the file
 * gives last for its key (as JSON.parse reads a repeated key) with the live one. Undefined where the text does
 * not hold an object or array that both sides have there (then the caller reads the whole tree).
 */
function scalarReplacements(text: string, localNorm: JsonObject, liveNorm: JsonObject): Edit[] | undefined {
  const replacements: Edit[] = [];
  const visit = (start: number, local: unknown, live: unknown): boolean => {
    const c = text.charCodeAt(start);
    if (isJsonObject(local) && isJsonObject(live)) {
      if (c !== 123) return false;
      const { keys, values } = shapeOf(local);
      const other = shapeOf(live);
      // The file's keys in the order of both sides (a file the engine wrote): each is checked in place.
      let inPlace = sameKeys(keys, other.keys);
      const found: { key: string; start: number; index: number }[] = [];
      let index = 0;
      let offset = skipSpace(text, start + 1);
      while (text.charCodeAt(offset) !== 125) {
        const keyEnd = stringEnd(text, offset);
        const inner = text.slice(offset + 1, keyEnd - 1);
        const key = inner.includes('\\') ? (JSON.parse(text.slice(offset, keyEnd)) as string) : inner;
        const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
        if (inPlace && keys[index] !== key) inPlace = false;
        if (inPlace) {
          if (values[index] !== other.values[index]) found.push({ key, start: valueStart, index });
        } else if (Object.hasOwn(local, key) && Object.hasOwn(live, key) && local[key] !== live[key]) {
          found.push({ key, start: valueStart, index: -1 });
        }
        index++;
        offset = skipSpace(text, valueEnd(text, valueStart));
        if (text.charCodeAt(offset) === 44) offset = skipSpace(text, offset + 1);
      }
      // Read in place to the end, each key was given once; else the last of each key counts.
      const places = inPlace && index === keys.length ? found : [...new Map(found.map((place) => [place.key, place])).values()];
      for (const place of places) {
        const mine = place.index >= 0 ? values[place.index] : local[place.key];
        const theirs = place.index >= 0 ? other.values[place.index] : live[place.key];
        if (!visit(place.start, mine, theirs)) return false;
      }
      return true;
    }
    if (Array.isArray(local) && Array.isArray(live)) {
      if (c !== 91) return false;
      const shared = Math.min(local.length, live.length);
      let offset = skipSpace(text, start + 1);
      for (let i = 0; i < shared && text.charCodeAt(offset) !== 93; i++) {
        if (local[i] !== live[i] && !visit(offset, local[i], live[i])) return false;
        offset = skipSpace(text, valueEnd(text, offset));
        if (text.charCodeAt(offset) === 44) offset = skipSpace(text, offset + 1);
      }
      return true;
    }
    if ((live === null || typeof live !== 'object') && JSON.stringify(local) !== JSON.stringify(live)) {
      replacements.push({ offset: start, length: valueEnd(text, start) - start, content: JSON.stringify(live) });
    }
    return true;
  };
  return visit(skipSpace(text, 0), localNorm, liveNorm) ? replacements : undefined;
}

/** The text with edits that do not overlap applied in one pass (applyEdits rebuilds the text once per edit). */
function spliced(text: string, edits: Edit[]): string {
  if (!edits.length) return text;
  const parts: string[] = [];
  let at = 0;
  // Usually in order already (the file's keys are sorted as the walk goes): then there is nothing to sort.
  let ordered = true;
  for (let i = 1; i < edits.length && ordered; i++) ordered = edits[i - 1].offset <= edits[i].offset;
  for (const { offset, length, content } of ordered ? edits : edits.sort((a, b) => a.offset - b.offset)) {
    parts.push(text.slice(at, offset), content);
    at = offset + length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

// Array items are removed and added here rather than by modify: jsonc-parser 3.3 leaves a stray quote when it
// removes the last item, and formats the whole array when it inserts one (the file's own items included).

/** The text without the items of the array at `path` from index `from` on. */
function withoutItems(text: string, path: JSONPath, from: number, formatting: FormattingOptions): string {
  const array = findNodeAtLocation(parseTree(text)!, path)!;
  const items = array.children ?? [];
  if (from === 0) return applyEdits(text, modify(text, path, [], { formattingOptions: formatting }));
  const start = items[from - 1].offset + items[from - 1].length;
  const last = items[items.length - 1];
  return text.slice(0, start) + text.slice(last.offset + last.length);
}

/** The text with `values` added at the end of the array at `path`, each on its own line when the file's items are. */
function withItems(text: string, path: JSONPath, values: unknown[], formatting: FormattingOptions): string {
  const array = findNodeAtLocation(parseTree(text)!, path)!;
  const last = array.children?.at(-1);
  if (!last) return applyEdits(text, modify(text, path, values, { formattingOptions: formatting }));
  const end = last.offset + last.length;
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const ownLine = /^\s*$/.test(text.slice(lineStart, last.offset));
  const unit = formatting.insertSpaces ? ' '.repeat(formatting.tabSize ?? 2) : '\t';
  const eol = formatting.eol ?? '\n';
  const items = values.map((value) => {
    if (!ownLine) return `, ${JSON.stringify(value)}`;
    const indent = text.slice(lineStart, last.offset);
    return `,${eol}${indent}${JSON.stringify(value, null, unit).split('\n').join(`${eol}${indent}`)}`;
  });
  return text.slice(0, end) + items.join('') + text.slice(end);
}

/** The file's indentation (the first indented line's) and line ends, for the text modify writes. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^[ \t]+(?=\S)/m.exec(text)?.[0] ?? '  ';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return indent.startsWith('\t') ? { insertSpaces: false, tabSize: 1, eol } : { insertSpaces: true, tabSize: indent.length, eol };
}
