// The nesting checks that keep every recursive walk (the parsers, JSON.stringify) from running out of stack.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maxNestingDepth, nestsDeeperThan, tooDeepAt } from '../../core/src/nesting';
import { validateFile } from '../../core/src/validation';
import { kindById } from '../../core/src/kinds';

/** `{"a":` (or `[`) `levels` times around a value: that many levels of nesting. */
const nested = (levels: number, opener: 'object' | 'array') =>
  opener === 'object' ? `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}` : `${'['.repeat(levels)}1${']'.repeat(levels)}`;

describe('nesting', () => {
  test('a parsed value is too deep exactly when its text is: at the limit it is not, one level more it is', () => {
    for (const opener of ['object', 'array'] as const) {
      for (const levels of [1, maxNestingDepth - 1, maxNestingDepth, maxNestingDepth + 1, 5_000]) {
        const text = nested(levels, opener);
        assert.equal(nestsDeeperThan(JSON.parse(text)), tooDeepAt(text) !== undefined, `${levels} levels of ${opener}`);
        assert.equal(nestsDeeperThan(JSON.parse(text)), levels > maxNestingDepth, `${levels} levels of ${opener}`);
      }
    }
    assert.equal(nestsDeeperThan({ wide: Array.from({ length: 10_000 }, (_, i) => ({ i })) }), false, 'wide is not deep');
  });

  test('a valid file one level too deep is reported where that level opens, and one at the limit is checked', () => {
    const kind = kindById('vapi-assistant');
    const deep = `{"name":"Deep","metadata":${nested(maxNestingDepth, 'object')}}`;
    const [problem] = validateFile(deep, kind);
    assert.match(String(problem.message), /^Nested more than 512 levels deep here/);
    assert.equal(problem.range.start.character, tooDeepAt(deep));
    assert.deepEqual(validateFile(`{"name":"Deep","metadata":${nested(maxNestingDepth - 2, 'object')}}`, kind), []);
  });

  test('a file the caller parsed and measured is checked as it would be read: the same diagnostics', () => {
    const kind = kindById('vapi-assistant');
    for (const text of [
      `{"name":"Deep","metadata":${nested(maxNestingDepth - 2, 'object')}}`,
      '{"name": 5, "firstMessage": "Hi", "colour": "blue", "model": {"provider": "openai", "model": "gpt-4o"}}',
      '[1, 2]',
    ]) {
      assert.equal(tooDeepAt(text), undefined);
      assert.deepEqual(validateFile(text, kind, { value: JSON.parse(text), withinDepth: true }), validateFile(text, kind), text);
      assert.deepEqual(validateFile(text, kind, { value: JSON.parse(text) }), validateFile(text, kind), text);
    }
    // A value given without its depth measured is still measured.
    const deep = `{"name":"Deep","metadata":${nested(maxNestingDepth, 'object')}}`;
    assert.deepEqual(validateFile(deep, kind, { value: JSON.parse(deep) }), validateFile(deep, kind));
  });
});
