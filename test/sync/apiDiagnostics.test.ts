// A 400's messages placed on the file text, at the key or value their dotted path names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiMessagesToDiagnostics } from '../../sync/src/index';

const text = `{
  "name": "Front Desk",
  "voice": { "provider": "11labs", "enableSsmlParsing": true },
  "model": {
    "tools": [
      { "type": "function", "function": { "name": "book visit" } }
    ]
  },
  "clientMessages": ["transcript", "bogus"]
}
`;

const lines = text.split('\n');
/** Where `needle` is on `line`: the range a diagnostic on it must have. */
function span(line: number, needle: string) {
  const from = lines[line].indexOf(needle);
  assert.ok(from >= 0, needle);
  return { line, from, to: from + needle.length, severity: 1, source: 'vapi' };
}

function at(message: string) {
  const [diagnostic] = apiMessagesToDiagnostics([message], text, 'vapi');
  const { start, end } = diagnostic.range;
  return { line: start.line, from: start.character, to: end.line === start.line ? end.character : -1, severity: diagnostic.severity, source: diagnostic.source };
}

describe('API messages as diagnostics', () => {
  it('puts an unknown nested property on its key', () => {
    assert.deepEqual(at('voice.property enableSsmlParsing should not exist'), span(2, '"enableSsmlParsing"'));
  });

  it('puts a value problem deep in arrays on the value', () => {
    assert.deepEqual(at('model.tools.0.function.name must match /^[a-zA-Z0-9_-]{1,64}$/ regular expression'), span(5, '"book visit"'));
  });

  it('puts a top-level unknown property on its key, and a container on its key only', () => {
    assert.deepEqual(at('property name should not exist'), span(1, '"name"'));
    assert.deepEqual(at('model must be an object'), span(3, '"model"'));
  });

  it('understands "each value in" (the array\'s key: the message does not say which element)', () => {
    assert.deepEqual(at('each value in clientMessages must be one of the following values: transcript, hang'), span(8, '"clientMessages"'));
  });

  it('falls back to the deepest part of the path that exists, then to the start of the file', () => {
    assert.deepEqual(at('voice.speed must not be greater than 4'), span(2, '"voice"'));
    assert.deepEqual(at('An assistant with this name already exists'), { line: 0, from: 0, to: 1, severity: 1, source: 'vapi' });
  });

  it('keeps every message, in order, with its text unchanged', () => {
    const messages = ['name must be shorter than or equal to 40 characters', 'voice.property enableSsmlParsing should not exist'];
    assert.deepEqual(apiMessagesToDiagnostics(messages, text, 'vapi').map((d) => d.message), messages);
  });

  it('puts every message that names no path in the file on the first line, once', () => {
    const diagnostics = apiMessagesToDiagnostics(['An assistant with this name already exists', 'name must be a string', 'Try again later'], text, 'vapi');
    assert.equal(diagnostics.length, 2);
    const first = diagnostics.find((d) => d.range.start.line === 0)!;
    assert.equal(first.message, 'An assistant with this name already exists\nTry again later');
    assert.deepEqual(first.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
  });

  it('places a message naming a very long path in time linear in its length', () => {
    // Each prefix of the path was looked up from the root: 53 s for this message (200 KB).
    const message = 'a.'.repeat(100_000) + 'b must be a string';
    const started = performance.now();
    const [diagnostic] = apiMessagesToDiagnostics([message, `voice.${'x.'.repeat(100_000)}y must be a number`], text, 'vapi');
    const ms = performance.now() - started;
    assert.equal(diagnostic.range.start.line, 0);
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
  });
});
