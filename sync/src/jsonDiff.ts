// Changed JSON paths between two values, dotted like the APIs' own messages (`model.tools.0.function.name`).
import { applyEdits, findNodeAtLocation, modify, parseTree, type Edit, type FormattingOptions, type JSONPath, type Node, type ParseError } from 'jsonc-parser';
import type { DiffResult, PathChange } from './types';
import { formatResource, isJsonObject, type JsonObject } from './normalise';

/**
 * Differences from `live` to `local`, depth-first in key order; a subtree that exists on one side only is one
 * entry. One pass over both values with an explicit stack: no recursion, so any depth is fine, and each change is
 * written once (time and memory grow with the values' size).
 */
export function diffPaths(local: unknown, live: unknown, prefix = ''): PathChange[] {
  const changes: PathChange[] = [];
  // Pushed in reverse, popped in order. `undefined` marks a side where the path is absent (JSON has no undefined).
  const pending: { local: unknown; live: unknown; path: string }[] = [{ local, live, path: prefix }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { local: mine, live: theirs, path } = next;
    if (mine === theirs) continue; // the same value, or the same subtree (normalising keeps sorted ones as they are)
    if (isJsonObject(mine) && isJsonObject(theirs)) {
      const keys = Object.keys(mine);
      for (const key of Object.keys(theirs)) if (!Object.hasOwn(mine, key)) keys.push(key);
      keys.sort();
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        pending.push({ local: Object.hasOwn(mine, key) ? mine[key] : undefined, live: Object.hasOwn(theirs, key) ? theirs[key] : undefined, path: join(path, key) });
      }
    } else if (Array.isArray(mine) && Array.isArray(theirs)) {
      for (let i = Math.max(mine.length, theirs.length) - 1; i >= 0; i--) {
        pending.push({ local: i < mine.length ? mine[i] : undefined, live: i < theirs.length ? theirs[i] : undefined, path: join(path, i) });
      }
    } else if (theirs === undefined) {
      changes.push({ path, kind: 'added' });
    } else if (mine === undefined) {
      changes.push({ path, kind: 'removed' });
    } else {
      changes.push({ path, kind: 'changed' }); // different primitives, or different types
    }
  }
  return changes;
}

/**
 * The file against the live copy: the changed paths between their normalised forms, the file's text, and the
 * live copy laid out as the file is (liveLikeFile), so that a line diff of the two shows only real changes.
 */
export function diffResult(id: string, fileText: string, localNorm: JsonObject, liveNorm: JsonObject): DiffResult {
  const changes = diffPaths(localNorm, liveNorm);
  return { id, equal: changes.length === 0, localText: fileText, liveText: liveLikeFile(fileText, localNorm, liveNorm), changes };
}

/**
 * The live copy as the file would read with the live values: the file's text with each difference between
 * the normalised sides edited in (jsonc-parser's modify, in the file's indentation and line ends), so keys
 * stay in the file's order (keys only live come after the file's own), unchanged lines stay byte for byte,
 * and what normalising leaves out (`$schema`, server-managed fields, nulls) reads as it does in the file.
 * A file that is not a JSON object gets the live copy in the engine's own layout.
 */
export function liveLikeFile(fileText: string, localNorm: JsonObject, liveNorm: JsonObject): string {
  const errors: ParseError[] = [];
  const tree = parseTree(fileText, errors, { disallowComments: true });
  if (errors.length || tree?.type !== 'object') return formatResource(liveNorm);
  const formatting = formattingOf(fileText);
  // A changed scalar the file has is replaced where the file's own parse has it, all in one pass at the end: each
  // modify parses the whole text, so one per changed value cost the number of changes times the file's size.
  // Their ranges never overlap, and the other edits (keys and items added or removed) keep them valid.
  const replacements: Edit[] = [];
  const later: ((text: string) => string)[] = [];
  const set = (path: JSONPath, value: unknown) => later.push((text) => applyEdits(text, modify(text, path, value, { formattingOptions: formatting })));
  const edit = (path: JSONPath, local: unknown, live: unknown, node: Node | undefined): void => {
    if (isJsonObject(local) && isJsonObject(live)) {
      const values = new Map<string, Node | undefined>();
      if (node?.type === 'object') for (const property of node.children ?? []) values.set(property.children![0].value, property.children![1]);
      for (const key of Object.keys(local)) if (!Object.hasOwn(live, key)) set([...path, key], undefined);
      for (const key of Object.keys(live)) {
        if (Object.hasOwn(local, key)) edit([...path, key], local[key], live[key], values.get(key));
        else set([...path, key], live[key]);
      }
    } else if (Array.isArray(local) && Array.isArray(live)) {
      const items = node?.type === 'array' ? node.children : undefined;
      const shared = Math.min(local.length, live.length);
      for (let i = 0; i < shared; i++) edit([...path, i], local[i], live[i], items?.[i]);
      if (local.length > live.length) later.push((text) => withoutItems(text, path, live.length, formatting));
      if (live.length > local.length) later.push((text) => withItems(text, path, live.slice(local.length), formatting));
    } else if (JSON.stringify(local) !== JSON.stringify(live)) {
      // An object or array from the live side needs modify's formatting.
      if (node && (live === null || typeof live !== 'object')) replacements.push({ offset: node.offset, length: node.length, content: JSON.stringify(live) });
      else set(path, live);
    }
  };
  edit([], localNorm, liveNorm, tree);
  let text = spliced(fileText, replacements);
  for (const apply of later) text = apply(text);
  return text;
}

/** The text with edits that do not overlap applied in one pass (applyEdits rebuilds the text once per edit). */
function spliced(text: string, edits: Edit[]): string {
  if (!edits.length) return text;
  const parts: string[] = [];
  let at = 0;
  for (const { offset, length, content } of edits.sort((a, b) => a.offset - b.offset)) {
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
