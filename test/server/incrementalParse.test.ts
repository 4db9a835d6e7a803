import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getLanguageService, type ASTNode, type JSONDocument } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changedSpan, parseForShifting, reparsedAfterStringEdit } from '../../server/src/incrementalParse';
import { manyToolsAssistant } from './fixtures';

const service = getLanguageService({});
const parse = (text: string) => parseForShifting(service, TextDocument.create('file:///a.assistant.json', 'json', 1, text));

/** The tree as features read it: kinds, places, values. */
function shape(node: ASTNode | undefined): unknown {
  if (!node) return undefined;
  const { type, offset, length } = node;
  const value = 'value' in node ? node.value : undefined;
  const colonOffset = node.type === 'property' ? node.colonOffset : undefined;
  return { type, offset, length, value, colonOffset, children: node.children?.map(shape) };
}

const base = manyToolsAssistant(520);
const at = (needle: string) => {
  const offset = base.indexOf(needle);
  assert.ok(offset > 0, needle);
  return offset;
};
const edit = (text: string, offset: number, length: number, insert: string) => text.slice(0, offset) + insert + text.slice(offset + length);

describe('reusing the last parse after an edit inside a string', () => {
  const cases: [string, string][] = [
    ['a character typed into the system prompt', edit(base, at('Be brief.') + 3, 0, 'x')],
    ['a word deleted from a tool description', edit(base, at('Checks topic 300.') + 7, 6, '')],
    ['an escaped quote and a newline escape typed into a message', edit(base, at('One moment while I check the topic 301') + 4, 0, 'say \\"hi\\"\\n')],
  ];
  for (const [name, text] of cases) {
    test(`${name}: the same tree as a fresh parse`, () => {
      const previous = parse(base);
      const shifted = reparsedAfterStringEdit(previous, base, text);
      assert.ok(shifted, 'reused');
      assert.deepEqual(shape(shifted.root), shape(parse(text).root));
    });
  }

  test('several edits in a row, each shifting the last result', () => {
    let document: JSONDocument = parse(base);
    let text = base;
    for (const needle of ['Be brief.', 'Checks topic 8.', 'Transfer for topic 517']) {
      assert.ok(text.includes(needle), needle);
      const next = edit(text, text.indexOf(needle) + 2, 1, 'ZZ');
      document = reparsedAfterStringEdit(document, text, next)!;
      assert.ok(document, needle);
      text = next;
    }
    assert.deepEqual(shape(document.root), shape(parse(text).root));
  });

  test('typing many characters into one string keeps reusing the parse', () => {
    let document: JSONDocument = parse(base);
    let text = base;
    const at = text.indexOf('Be brief.') + 3;
    for (let i = 0; i < 60; i++) {
      const next = edit(text, at + i, 0, 'y');
      document = reparsedAfterStringEdit(document, text, next)!;
      assert.ok(document, `keystroke ${i}`);
      text = next;
    }
    assert.deepEqual(shape(document.root), shape(parse(text).root));
  });

  test('edits in many strings: reused up to a bound, then parsed afresh; every reuse equals a fresh parse', () => {
    let document: JSONDocument = parse(base);
    let text = base;
    let reused = 0;
    for (let topic = 0; topic < 30; topic++) {
      const needle = `Sorry, the topic ${topic * 10} system`;
      assert.ok(text.includes(needle), needle);
      const next = edit(text, text.indexOf(needle) + 3, 1, 'QQ');
      const shifted = reparsedAfterStringEdit(document, text, next);
      text = next;
      if (!shifted) break;
      reused++;
      document = shifted;
      assert.deepEqual(shape(document.root), shape(parse(text).root), needle);
    }
    assert.ok(reused >= 8 && reused < 30, `reused ${reused} times`);
  });

  test('a parse not made for shifting is parsed afresh, and left as it was', () => {
    const plain = service.parseJSONDocument(TextDocument.create('file:///a.assistant.json', 'json', 1, base));
    const before = shape(plain.root);
    assert.equal(reparsedAfterStringEdit(plain, base, edit(base, at('Be brief.') + 3, 0, 'x')), undefined);
    assert.deepEqual(shape(plain.root), before);
  });

  test('in a file with a syntax error elsewhere: the same tree and the same errors as a fresh parse', () => {
    // A comma left out in the first dtmf tool, then also a comment: the prompt is typed into meanwhile.
    const broken = base.replace('"type": "dtmf",\n        "messages"', '"type": "dtmf"\n        "messages"');
    assert.notEqual(broken, base);
    const withComment = broken.replace('"maxDurationSeconds": 600', '"maxDurationSeconds": 600 // ten minutes');
    for (const previousText of [broken, withComment]) {
      const previous = parse(previousText);
      assert.ok((previous as unknown as { syntaxErrors: unknown[] }).syntaxErrors.length > 0, 'the file has a syntax error');
      const text = edit(previousText, previousText.indexOf('Be brief.') + 3, 0, ' and kind');
      const shifted = reparsedAfterStringEdit(previous, previousText, text);
      assert.ok(shifted, 'reused');
      const fresh = parse(text);
      assert.deepEqual(shape(shifted.root), shape(fresh.root));
      const errors = (document: JSONDocument) => (document as unknown as { syntaxErrors: unknown[]; comments: unknown[] });
      assert.deepEqual(errors(shifted).syntaxErrors, errors(fresh).syntaxErrors);
      assert.deepEqual(errors(shifted).comments, errors(fresh).comments);
    }
  });

  test('in a file with a syntax error: an edit on the error\'s line, or one that adds a line, is parsed afresh', () => {
    // The comma after "name" is missing: the error is reported at the next key, on firstMessage's line.
    const broken = base.replace('"name": "Front desk",', '"name": "Front desk"');
    const previous = parse(broken);
    assert.equal(reparsedAfterStringEdit(previous, broken, edit(broken, broken.indexOf('how can I help') + 2, 0, 'x')), undefined);
    assert.equal(reparsedAfterStringEdit(previous, broken, edit(broken, broken.indexOf('Be brief.') + 3, 0, '\n')), undefined);
  });

  const refused: [string, string][] = [
    ['a quote typed into a string (it ends elsewhere now)', edit(base, at('Be brief.') + 3, 0, '"')],
    ['a lone backslash typed into a string', edit(base, at('Be brief.') + 2, 0, '\\')],
    ['a key renamed', edit(base, at('"maxDurationSeconds"') + 3, 0, 'x')],
    ['a number changed', edit(base, at('"maxDurationSeconds": 600') + 22, 1, '7')],
    ['an edit across two values', edit(base, at('"Front desk"') + 3, 30, '')],
  ];
  for (const [name, text] of refused) {
    test(`${name}: not reused`, () => {
      const previous = parse(base);
      assert.equal(reparsedAfterStringEdit(previous, base, text), undefined);
      assert.deepEqual(shape(previous.root), shape(parse(base).root), 'the previous parse is left as it was');
    });
  }
});

describe('where two texts differ', () => {
  /** The same answer by one character at a time. */
  const byCharacter = (previous: string, text: string) => {
    let start = 0;
    while (start < Math.min(previous.length, text.length) && previous[start] === text[start]) start++;
    let [previousEnd, end] = [previous.length, text.length];
    while (previousEnd > start && end > start && previous[previousEnd - 1] === text[end - 1]) [previousEnd, end] = [previousEnd - 1, end - 1];
    return { start, previousEnd, end };
  };

  test('block by block, the same span as character by character', () => {
    const long = 'a'.repeat(70_000) + base + 'b'.repeat(5000);
    const cases: [string, string][] = [
      [long, long],
      [long, `x${long}`],
      [long, `${long}x`],
      [long, edit(long, 70_000 + at('Be brief.'), 0, 'x')],
      [long, edit(long, 69_990, 20, '')],
      [long, edit(long, 12, 0, 'aaaa')], // repeats: the suffix must not run into the prefix
      ['aaa', 'aa'],
      ['', 'abc'],
      ['abc', ''],
    ];
    for (const [previous, text] of cases) assert.deepEqual(changedSpan(previous, text), byCharacter(previous, text), `${previous.length} -> ${text.length}`);
  });
});
