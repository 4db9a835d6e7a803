// How deeply a JSON text nests, found by one pass over its characters. The parsers the product uses
// (jsonc-parser, vscode-json-languageservice) and JSON.stringify recurse once per level and run out of stack
// a few thousand levels down; every walk of a document first checks it stays within `maxNestingDepth`.

/**
 * The deepest nesting any feature handles. Real assistant files nest about 20 levels (a tool's JSON schema
 * inside a tool inside `model`); the libraries' recursion gives out near 4,000.
 */
export const maxNestingDepth = 512;

/**
 * The offset of the first `{` or `[` that opens level `limit + 1`, or undefined when the text never nests that
 * deep. Strings and comments are skipped, so brackets inside them do not count; unbalanced closers are ignored.
 */
export function tooDeepAt(text: string, limit = maxNestingDepth): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      // To the closing quote (or the end of the line: an unterminated string ends there for the parsers).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a || d === 0x0d) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return i;
    } else if ((c === 0x7d /* } */ || c === 0x5d) /* ] */ && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

/**
 * Whether a parsed value nests deeper than `limit` (a text that JSON.parse read: V8's parser does not recurse).
 * A walk of its objects and arrays only, several times faster than reading the text again with `tooDeepAt`.
 */
export function nestsDeeperThan(value: unknown, limit = maxNestingDepth): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    if (node === null || typeof node !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const item of Array.isArray(node) ? node : Object.values(node)) if (item !== null && typeof item === 'object') pending.push([item, depth + 1]);
  }
  return false;
}
