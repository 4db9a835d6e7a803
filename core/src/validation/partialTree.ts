// A syntax tree of valid JSON in which only the objects and arrays on given paths have children; every
// other value is one node with its offset and length, skipped over without being built. Diagnostics of
// a file without errors (legacy, server-managed, deprecated fields) need ranges on a few paths only, and
// building the whole tree of a 20,000-line file is most of their cost. Nodes have jsonc-parser's shape.
import type { Node } from 'jsonc-parser';
import type { PathTrie } from './annotations';

/** jsonc-parser's node, while it is being built. */
type Building = { -readonly [K in keyof Node]: Node[K] };

/** `expand` holds the paths whose objects and arrays get children (see pathTrie). */
export function partialTree(text: string, expand: PathTrie): Node {
  const root: Building = new PartialParser(text).value(skipSpace(text, 0), undefined, expand).node;
  delete root.parent;
  return root;
}

/**
 * As partialTree, but an object or array on the paths gets as children only its properties and items on the
 * paths (each item at its own index, the others left as holes), and nothing off the paths is read beyond its
 * extent: what edits at a few places of a large file need, at the cost of those places and one pass over the
 * text. A key given more than once is a child as often as it is given.
 */
export function sparseTree(text: string, expand: PathTrie): Node {
  const root: Building = new PartialParser(text, true).value(skipSpace(text, 0), undefined, expand).node;
  delete root.parent;
  return root;
}

const QUOTE = 34;
const BACKSLASH = 92;

function skipSpace(text: string, offset: number): number {
  for (;;) {
    const c = text.charCodeAt(offset);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return offset;
    offset++;
  }
}

/** The offset just after the string literal starting at `start`. */
function stringEnd(text: string, start: number): number {
  for (let from = start + 1; ; ) {
    const quote = text.indexOf('"', from);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The offset just after the object or array starting at `start`: most of a skipped value is strings and indentation. */
function containerEnd(text: string, start: number): number {
  let depth = 0;
  for (let offset = start; offset < text.length; offset++) {
    const c = text.charCodeAt(offset);
    if (c <= 32) continue;
    if (c === QUOTE) offset = stringEnd(text, offset) - 1;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return offset + 1;
  }
  throw new Error('partialTree needs valid JSON');
}

/** The offset just after the number or keyword starting at `start`. */
function literalEnd(text: string, start: number): number {
  let offset = start;
  while (offset < text.length && !',]} \t\r\n'.includes(text[offset])) offset++;
  return offset;
}

/** The offset just after the value starting at `start` (no space before it), read no further than its extent. */
function valueEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 123 || c === 91) return containerEnd(text, start);
  if (c === QUOTE) return stringEnd(text, start);
  return literalEnd(text, start);
}

/** The key of the string literal from `start` to `end`: most keys hold no escape and need no parse. */
function keyOf(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : inner;
}

class PartialParser {
  constructor(
    private readonly text: string,
    /** Only the properties and items on the paths are built (sparseTree). */
    private readonly sparse = false,
  ) {}

  /** The value starting at `offset` (no space before it) and the offset after it. */
  value(offset: number, parent: Node | undefined, expand: PathTrie | undefined): { node: Node; end: number } {
    const { text } = this;
    const c = text.charCodeAt(offset);
    if (c === 123 || c === 91) {
      if (!expand) {
        const end = containerEnd(text, offset);
        return { node: { type: c === 123 ? 'object' : 'array', offset, length: end - offset, parent }, end };
      }
      return c === 123 ? this.object(offset, parent, expand) : this.array(offset, parent, expand);
    }
    if (c === QUOTE) {
      const end = stringEnd(text, offset);
      return { node: { type: 'string', value: JSON.parse(text.slice(offset, end)), offset, length: end - offset, parent }, end };
    }
    const end = literalEnd(text, offset);
    const value = JSON.parse(text.slice(offset, end)) as number | boolean | null;
    const type = value === null ? 'null' : typeof value === 'boolean' ? 'boolean' : 'number';
    return { node: { type, value, offset, length: end - offset, parent }, end };
  }

  private object(start: number, parent: Node | undefined, expand: PathTrie): { node: Node; end: number } {
    const { text } = this;
    const node: Building = { type: 'object', offset: start, length: -1, parent, children: [] };
    let offset = skipSpace(text, start + 1);
    while (text.charCodeAt(offset) !== 125) {
      const keyEnd = stringEnd(text, offset);
      if (this.sparse) {
        const key = keyOf(text, offset, keyEnd);
        if (expand[key] === undefined) {
          offset = skipSpace(text, valueEnd(text, skipSpace(text, skipSpace(text, keyEnd) + 1)));
          if (text.charCodeAt(offset) === 44) offset = skipSpace(text, offset + 1);
          continue;
        }
      }
      const key = JSON.parse(text.slice(offset, keyEnd)) as string;
      const property: Building = { type: 'property', offset, length: -1, parent: node, children: [] };
      property.children!.push({ type: 'string', value: key, offset, length: keyEnd - offset, parent: property });
      property.colonOffset = skipSpace(text, keyEnd);
      const value = this.value(skipSpace(text, property.colonOffset + 1), property, expand[key]);
      property.children!.push(value.node);
      property.length = value.end - property.offset;
      node.children!.push(property);
      offset = skipSpace(text, value.end);
      if (text.charCodeAt(offset) === 44) offset = skipSpace(text, offset + 1);
    }
    node.length = offset + 1 - start;
    return { node, end: offset + 1 };
  }

  private array(start: number, parent: Node | undefined, expand: PathTrie): { node: Node; end: number } {
    const { text } = this;
    const node: Building = { type: 'array', offset: start, length: -1, parent, children: [] };
    let offset = skipSpace(text, start + 1);
    for (let index = 0; text.charCodeAt(offset) !== 93; index++) {
      const inner = expand[String(index)];
      if (this.sparse && inner === undefined) offset = skipSpace(text, valueEnd(text, offset));
      else {
        const item = this.value(offset, node, inner);
        if (this.sparse) node.children![index] = item.node;
        else node.children!.push(item.node);
        offset = skipSpace(text, item.end);
      }
      if (text.charCodeAt(offset) === 44) offset = skipSpace(text, offset + 1);
    }
    node.length = offset + 1 - start;
    return { node, end: offset + 1 };
  }
}
