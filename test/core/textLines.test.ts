// Positions in a text without an editor's document: the same as TextDocument gives, however the offsets are asked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { positionedText } from '../../core/src/validation/textLines';
import { largeAssistant } from '../server/fixtures';

const texts = ['', 'x', '\n', '\n\n\n', 'a\nb', 'a\nb\n', '{\n  "name": "a"\n}\n', 'a\r\nb\r\n', 'a\rb', largeAssistant()];

for (const text of texts) {
  test(`positions in ${JSON.stringify(text.slice(0, 20))}${text.length > 20 ? `… (${text.length} characters)` : ''} equal TextDocument's, in any order`, () => {
    const expected = TextDocument.create('file:///a.json', 'json', 0, text);
    const offsets = [...Array(text.length + 3).keys()].map((i) => i - 1); // one before the start to two past the end
    // Forwards, backwards, then scattered: lines are found on demand, so the order must not matter.
    const scattered = offsets.map((_, i) => offsets[(i * 7919) % offsets.length]);
    for (const order of [offsets, [...offsets].reverse(), scattered]) {
      const lines = positionedText(text);
      for (const offset of order) assert.deepEqual(lines.positionAt(offset), expected.positionAt(offset), `offset ${offset}`);
    }
    assert.equal(positionedText(text).getText(), text);
  });
}
