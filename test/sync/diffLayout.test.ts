// The live side of a diff is laid out as the file is: a line diff of the file against it shows only the
// values that really differ, on the file's own lines.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kindById } from '../../core/src/kinds';
import { liveLikeFile } from '../../sync/src/jsonDiff';
import { normalise, type JsonObject } from '../../sync/src/normalise';
import { parseObjectText } from '../../sync/src/localFile';

const vapi = kindById('vapi-assistant');

/**
 * The live copy laid out like `fileText`, computed as diff does (both sides normalised first). Diff reads only
 * the edited places of a text it parsed (a sparse tree), anything else the whole text: both must agree.
 */
function liveSide(fileText: string, live: JsonObject): string {
  const local = normalise(parseObjectText(fileText)!, vapi);
  const liveNorm = normalise(live, vapi, { liveCopy: true });
  const sparse = liveLikeFile(fileText, local, liveNorm, true);
  assert.equal(sparse, liveLikeFile(fileText, local, liveNorm), 'a sparse tree lays the live copy out as the whole one does');
  return sparse;
}

/** The lines that differ at the same position (both texts have the same number of lines). */
function changedLines(a: string, b: string): string[] {
  const left = a.split('\n');
  const right = b.split('\n');
  assert.equal(left.length, right.length, `same number of lines:\n${a}\n---\n${b}`);
  return left.flatMap((line, i) => (line === right[i] ? [] : [`${i + 1}: ${line} → ${right[i]}`]));
}

// A file in its author's order and indentation (4 spaces), with what normalising leaves out.
const file = `{
    "$schema": "../schemas/vapi-assistant.schema.json",
    "name": "Front Desk",
    "id": "3b1b6a9e-0d2f-4c1e-9a51-3f6c2a7d8e90",
    "voice": { "provider": "azure", "voiceId": "en-US-AvaNeural" },
    "model": {
        "provider": "openai",
        "model": "gpt-4o",
        "temperature": 0.4,
        "messages": [
            { "role": "system", "content": "You are Ava." }
        ]
    },
    "firstMessage": "Hello!",
    "endCallPhrases": ["goodbye", "bye"],
    "maxDurationSeconds": 600
}
`;
const fileValue = parseObjectText(file)!;

describe('the live side of a diff', () => {
  test('one changed value is one changed line, on the line the file has it', () => {
    const live = structuredClone(fileValue);
    (live.model as JsonObject).temperature = 0.7;
    delete live.$schema;
    Object.assign(live, { orgId: 'org-1', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z', isServerUrlSecretSet: false });
    assert.deepEqual(changedLines(file, liveSide(file, live)), ['9:         "temperature": 0.4, →         "temperature": 0.7,']);
  });

  test('a file equal to the live copy gets itself back, byte for byte', () => {
    const live = { ...structuredClone(fileValue), orgId: 'org-1', updatedAt: '2026-01-02T00:00:00Z' };
    assert.equal(liveSide(file, live), file);
  });

  test('keys only live come after the file\'s own, in its indentation; keys only in the file are gone', () => {
    const live = structuredClone(fileValue);
    delete live.maxDurationSeconds;
    (live.model as JsonObject).maxTokens = 250;
    const text = liveSide(file, live);
    assert.doesNotMatch(text, /maxDurationSeconds/);
    assert.match(text, /"messages": \[\n {12}\{ "role": "system", "content": "You are Ava\." \}\n {8}\],\n {8}"maxTokens": 250\n {4}\}/);
    assert.match(text, /^ {4}"\$schema": "\.\.\/schemas\/vapi-assistant\.schema\.json",$/m, '$schema stays as the file has it');
    assert.match(text, /^ {4}"id": "3b1b6a9e/m, 'the server-managed id stays as the file has it');
  });

  test('array items added and removed live, and a changed string', () => {
    const live = structuredClone(fileValue);
    live.endCallPhrases = ['goodbye'];
    (live.model as JsonObject).messages = [
      { role: 'system', content: 'You are Ava, the receptionist.' },
      { role: 'assistant', content: 'Hi' },
    ];
    const text = liveSide(file, live);
    const parsed = parseObjectText(text)!;
    assert.deepEqual(parsed.endCallPhrases, ['goodbye']);
    assert.deepEqual((parsed.model as JsonObject).messages, (live.model as JsonObject).messages);
    assert.match(text, /^ {4}"name": "Front Desk",$/m, 'untouched lines keep their place');
  });

  test('reads back as the live copy, whatever differs', () => {
    const live: JsonObject = {
      name: 'Renamed',
      voice: { provider: '11labs', voiceId: 'burt', stability: 0.5 },
      model: { provider: 'anthropic', model: 'claude-3-5-sonnet-20241022', messages: [] },
      transcriber: { provider: 'deepgram', model: 'nova-3' },
      firstMessage: 'Hello!',
    };
    const text = liveSide(file, live);
    assert.deepEqual(normalise(parseObjectText(text)!, vapi), normalise(live, vapi, { liveCopy: true }));
  });

  test('a key named like an Object method (constructor, toString) is removed or added like any other', () => {
    const own = '{\n  "name": "Desk",\n  "metadata": {\n    "constructor": "file only",\n    "team": "a"\n  }\n}\n';
    const text = liveSide(own, { name: 'Desk', metadata: { team: 'a', toString: 'live only' } });
    assert.deepEqual(parseObjectText(text)!.metadata, { team: 'a', toString: 'live only' });
  });

  test('every one of 4,000 values changed live: each on its own line, in time linear in the file', () => {
    // One edit of the whole text per change made this take about a minute (each one parsed the file again).
    const entries = (suffix: string) => Object.fromEntries(Array.from({ length: 4000 }, (_, i) => [`entry${i}`, `value ${i}${suffix}`]));
    const own = JSON.stringify({ name: 'Many', metadata: entries('') }, null, 2) + '\n';
    const started = performance.now();
    const text = liveSide(own, { name: 'Many', metadata: entries(' live') });
    const ms = performance.now() - started;
    const changed = changedLines(own, text);
    assert.equal(changed.length, 4000);
    assert.equal(changed[0], '4:     "entry0": "value 0", →     "entry0": "value 0 live",');
    assert.ok(ms < 1500, `${Math.round(ms)} ms`);
  });

  test('tabs and CRLF line ends are kept', () => {
    const tabbed = '{\r\n\t"name": "Desk",\r\n\t"firstMessage": "Hi"\r\n}\r\n';
    const text = liveSide(tabbed, { name: 'Desk', firstMessage: 'Hi', maxDurationSeconds: 300 });
    assert.equal(text, '{\r\n\t"name": "Desk",\r\n\t"firstMessage": "Hi",\r\n\t"maxDurationSeconds": 300\r\n}\r\n');
  });

  test('repeated and escaped keys, items deep in arrays, a value whose type changed: read at the places edited only', () => {
    // A repeated key counts as JSON.parse reads it (the last one); 40 unsorted keys take the large-object path.
    const many = Array.from({ length: 40 }, (_, i) => `"k${(i * 7) % 40}": "v${i}"`).join(', ');
    const own = `{
  "name": "Desk",
  "name": "Desk again",
  "metadata": { "a\\u0062c": "escaped", "plain": 1, ${many}, "plain": 2 },
  "model": { "provider": "openai", "model": "gpt-4o", "messages": [{ "role": "system", "content": "one" }, { "role": "user", "content": "two" }] },
  "voice": { "provider": "azure", "voiceId": "x" }
}
`;
    const live = JSON.parse(own);
    live.name = 'Live desk';
    live.metadata.abc = 'escaped, live';
    live.metadata.plain = 3;
    live.metadata.k13 = 'v13 live';
    live.model.messages[1].content = 'two, live';
    live.voice = 'a string now';
    const text = liveSide(own, live);
    assert.deepEqual(normalise(parseObjectText(text)!, vapi), normalise(live, vapi, { liveCopy: true }));
    assert.ok(text.includes('"name": "Desk",\n  "name": "Live desk"'), text);
    assert.ok(text.includes('"a\\u0062c": "escaped, live"'), text);
    assert.ok(text.includes('"plain": 1,') && text.includes('"plain": 3 }'), text);
  });

  test('a text that does not hold what its normalised side says is laid out from its whole tree', () => {
    // Resolving could give the body a key the file's object lacks (not today's references, but the layout must
    // not depend on it): the walk of the text misses a changed value, and the whole tree is read instead.
    const own = '{\n  "name": "Desk",\n  "metadata": { "a": 1 },\n  "voice": { "provider": "azure", "voiceId": "x" }\n}\n';
    const local = normalise({ name: 'Desk', metadata: { a: 1, b: 2 }, voice: { provider: 'azure', voiceId: 'x' } }, vapi);
    const live = normalise({ name: 'Live', metadata: { a: 1, b: 3 }, voice: { provider: 'azure', voiceId: 'y' } }, vapi, { liveCopy: true });
    const text = liveLikeFile(own, local, live, true);
    assert.equal(text, liveLikeFile(own, local, live));
    assert.deepEqual(JSON.parse(text).metadata, { a: 1, b: 3 });
  });
});
