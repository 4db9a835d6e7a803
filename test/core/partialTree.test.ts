// partialTree builds jsonc-parser's tree only along some paths: there every node must be the one
// jsonc-parser builds (type, offset, length, value, colon), and every other value one node with the
// offset and length of the whole value, so diagnostics on those paths get the same ranges either way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { pathTrie } from '../../core/src/validation/annotations';
import { partialTree } from '../../core/src/validation/partialTree';

const text = JSON.stringify(
  {
    name: 'Front "desk" \\ office \u00e9 \ud83d\ude00',
    model: {
      provider: 'openai',
      tools: [
        { type: 'function', messages: [{ type: 'request-start', content: 'a [bracket] and {brace} in "quotes"' }], n: -1.5e-3 },
        { type: 'endCall', messages: [], flags: [true, false, null, 0], note: 'skipped: "}]" \\"] and {[ inside' },
      ],
    },
    'a/b~c': { 'nested key': [[1, [2]], {}] },
    empty: {},
    last: 12,
  },
  null,
  '\t',
).replace(/\n/g, '\r\n');

/** The node's own facts, without parent links; children only where the partial tree has them. */
function shape(node: Node, withChildren: boolean): unknown {
  const { type, offset, length, value, colonOffset } = node;
  const own = { type, offset, length, value, colonOffset };
  return withChildren && node.children ? { ...own, children: node.children.map((child) => shape(child, false)) } : own;
}

test('along the expanded paths the nodes are jsonc-parser\'s; elsewhere one node per value', () => {
  const full = parseTree(text)!;
  const paths = [['model', 'tools', '0', 'messages', '0', 'content'], ['a/b~c', 'nested key', '0', '1'], ['empty'], ['last']];
  const partial = partialTree(text, pathTrie(paths));
  for (const path of [...paths, ['model', 'tools', '0'], ['model', 'tools'], ['model'], []]) {
    const location = path.map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
    const expected = findNodeAtLocation(full, location)!;
    const found = findNodeAtLocation(partial, location)!;
    assert.deepEqual(shape(found, true), shape(expected, true), `at ${path.join('/')}`);
    assert.equal(found.parent?.type, expected.parent?.type, `parent at ${path.join('/')}`);
  }
  // Off the paths: the second tool is one node spanning the whole object, with no children.
  const skipped = findNodeAtLocation(partial, ['model', 'tools', 1])!;
  assert.deepEqual(shape(skipped, true), shape(findNodeAtLocation(full, ['model', 'tools', 1])!, false));
  assert.equal(skipped.children, undefined);
  assert.equal(partial.parent, undefined);
});
