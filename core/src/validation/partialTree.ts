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

const QUOTE = 34;
const BACKSLASH = 92;

export function skipSpace(text: string, offset: number): number {
  for (;;) {
    const c = text.charCodeAt(offset);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return offset;
    offset++;
  }
}

/** The offset just after the string literal starting at `start`. */
export function stringEnd(text: string, start: number): number {
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
export function valueEnd(text: string, start: number): number {
  const c = text.charCodeAt(start);
  if (c === 123 || c === 91) return containerEnd(text, start);
  if (c === QUOTE) return stringEnd(text, start);
  return literalEnd(text, start);
}

class PartialParser {
  constructor(private readonly text: string) {}

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
    while (text.charCodeAt(offset) !== 93) {
      const item = this.value(offset, node, expand[String(node.children!.length)]);
      node.children!.push(item.node);
      offset = skipSpace(text, item.end);
      if (text.charCodeAt(offset) === 44) offset = skipSpace(text, offset + 1);
    }
    node.length = offset + 1 - start;
    return { node, end: offset + 1 };
  }
}
