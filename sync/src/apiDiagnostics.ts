// A 400's messages name dotted paths ("voice.property enableSsmlParsing should not exist",
// "model.tools.0.function.name must be …"); this puts each one on the file where that path is.
import { parseTree, type Node } from 'jsonc-parser';
import type { FileDiagnostic, Vendor } from './types';

type Segment = string | number;

/** The JSON path a message is about, and whether it blames the key (unknown property) or its value. */
function pathOfMessage(message: string): { path: Segment[]; blame: 'key' | 'value' } | undefined {
  const toSegments = (dotted: string | undefined) =>
    dotted ? dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) : [];
  const unknown = /^(?:(\S+)\.)?property (\S+) should not exist/.exec(message);
  if (unknown) return { path: [...toSegments(unknown[1]), unknown[2]], blame: 'key' };
  const eachValue = /^(?:(\S+)\.)?each value in (\S+)/.exec(message);
  if (eachValue) return { path: [...toSegments(eachValue[1]), ...toSegments(eachValue[2])], blame: 'value' };
  const leading = /^([A-Za-z_$][\w$-]*(?:\.[\w$-]+)*)\s/.exec(message);
  if (leading) return { path: toSegments(leading[1]), blame: 'value' };
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function positionAt(starts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}

/** The node to underline: a property's key when the value is a container (one line, not the whole subtree). */
function underlined(node: Node, blame: 'key' | 'value'): Node {
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const key = property?.children?.[0];
  if (key && (blame === 'key' || node.type === 'object' || node.type === 'array')) return key;
  return node;
}

/**
 * The deepest node along `path` that exists, and whether it is the whole path: one walk from the root, so a
 * message naming a path of any length costs that length (not its square, as a lookup per prefix would).
 */
function deepestOnPath(root: Node, path: Segment[]): { node: Node; whole: boolean } | undefined {
  let node = root;
  let depth = 0;
  for (const segment of path) {
    let next: Node | undefined;
    if (node.type === 'object') {
      const name = String(segment);
      next = node.children?.find((property) => property.children?.[0]?.value === name)?.children?.[1];
    } else if (node.type === 'array' && typeof segment === 'number') {
      next = node.children?.[segment];
    }
    if (!next) break;
    node = next;
    depth++;
  }
  return depth === 0 ? undefined : { node, whole: depth === path.length };
}

/**
 * One Error diagnostic per message, at the deepest part of its path that exists in `text` (the file as pushed).
 * Messages without a path, or whose path is not in the file at all, share one diagnostic on the first character.
 */
export function apiMessagesToDiagnostics(messages: string[], text: string, vendor: Vendor): FileDiagnostic[] {
  const root = parseTree(text);
  const starts = lineStarts(text);
  const diagnostic = (start: number, end: number, message: string): FileDiagnostic => ({
    range: { start: positionAt(starts, start), end: positionAt(starts, end) },
    severity: 1,
    source: vendor,
    code: 'api',
    message,
  });
  const located: FileDiagnostic[] = [];
  const unplaced: string[] = [];
  for (const message of messages) {
    const about = pathOfMessage(message);
    const found = root && about ? deepestOnPath(root, about.path) : undefined;
    if (!found) {
      unplaced.push(message);
      continue;
    }
    const node = underlined(found.node, found.whole ? about!.blame : 'key');
    located.push(diagnostic(node.offset, node.offset + node.length, message));
  }
  if (unplaced.length) located.unshift(diagnostic(0, Math.min(1, text.length), unplaced.join('\n')));
  return located;
}
