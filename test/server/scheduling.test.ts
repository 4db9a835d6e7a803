// Debounced validation, stale results dropped, quick fixes tied to the version they were computed for,
// and cancelled requests.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, HoverRequest, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { LspClient, cursor, rangeOf } from '../helpers/lspClient';
import { largeAssistant } from './fixtures';

const withSpeed = (speed: number) => `{"voice": {"provider": "azure", "voiceId": "andrew", "speed": ${speed}}}`;

describe('validation scheduling', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  test('rapid edits give diagnostics only for the latest version', async () => {
    const { doc } = await client.diagnose(withSpeed(1));
    // Five edits as fast as a typist: each would be a different error.
    for (const speed of [3, 4, 5, 6, 7]) await client.change(doc, withSpeed(speed));
    const latest = await client.waitForDiagnostics(doc, 6);
    await sleep(500); // anything stale would have arrived by now
    const afterOpen = client.published.get(doc.uri)!.slice(1);
    assert.deepEqual(
      afterOpen.map((p) => p.version),
      [6],
      'one publish, for the last version',
    );
    assert.equal(latest.diagnostics.length, 1);
    assert.deepEqual(latest.diagnostics[0].range, rangeOf(doc.text, '7'));
  });

  test('an edit arriving while validation waits makes the pending result stale', async () => {
    const { doc } = await client.diagnose(withSpeed(1));
    await client.change(doc, withSpeed(9));
    await sleep(100); // inside the quiet period
    await client.change(doc, withSpeed(1.5));
    const published = await client.waitForDiagnostics(doc, 3);
    await sleep(400);
    assert.deepEqual(published.diagnostics, [], 'the fixed text has no problems');
    assert.deepEqual(
      client.published.get(doc.uri)!.map((p) => p.version),
      [1, 3],
      'version 2 was never reported',
    );
  });

  test('incremental edits, as editors send them, are validated on the edited text', async () => {
    const { doc, diagnostics } = await client.diagnose(withSpeed(1));
    assert.deepEqual(diagnostics, []);
    // Type "9" after the "1": speed 19.
    await client.edit(doc, doc.text.indexOf('1}'), 1, '19');
    const published = await client.waitForDiagnostics(doc);
    assert.equal(published.diagnostics.length, 1);
    assert.deepEqual(published.diagnostics[0].range, rangeOf(doc.text, '19'));
  });

  test('quick fixes from diagnostics of an older version are not offered', async () => {
    const text = '{"name": "Support", "firstMesage": "Hello"}';
    const { doc, diagnostics } = await client.diagnose(text);
    const typo = diagnostics.find((d) => d.code === 'unknown-property');
    assert.ok(typo, JSON.stringify(diagnostics));
    assert.ok((await client.codeActions(doc, [typo])).length > 0, 'offered for the version they describe');
    await client.change(doc, `{"metadata": {}, ${text.slice(1)}`);
    assert.deepEqual(await client.codeActions(doc, [typo]), [], 'their offsets no longer fit the text');
  });

  test('a request cancelled while the server works on it is answered with RequestCancelled', async () => {
    // A document of a megabyte and a half keeps the server busy long enough for the cancellation to arrive.
    const large = JSON.parse(largeAssistant()) as { model: { tools: unknown[] } };
    large.model.tools = Array.from({ length: 60 }, () => large.model.tools).flat();
    const { text, position } = cursor(JSON.stringify(large, null, 2).replace('"name"', '"na|me"'));
    const doc = await client.open(text);
    const source = new CancellationTokenSource();
    const answer = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position }, source.token);
    source.cancel();
    await assert.rejects(answer, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
  });
});
