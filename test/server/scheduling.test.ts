// Validation at once for a lone edit and once per burst, stale results dropped, quick fixes tied to the version they were computed for,
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

  test('a burst of edits is validated once, for the latest version', async () => {
    const { doc } = await client.diagnose(withSpeed(1));
    // Five edits sent at once, as a paste or a fast typist on a busy machine delivers them: each would be a different error.
    await Promise.all([3, 4, 5, 6, 7].map((speed) => client.change(doc, withSpeed(speed))));
    const latest = await client.waitForDiagnostics(doc, 6);
    await sleep(500); // anything stale would have arrived by now
    const afterOpen = client.published.get(doc.uri)!.slice(1).map((p) => p.version!);
    assert.equal(afterOpen.at(-1), 6, 'the last publish is for the last version');
    assert.ok(afterOpen.length < 5, `the burst was coalesced: published ${afterOpen}`);
    assert.deepEqual(afterOpen, [...afterOpen].sort((a, b) => a - b), 'no older version after a newer one');
    assert.equal(latest.diagnostics.length, 1);
    assert.deepEqual(latest.diagnostics[0].range, rangeOf(doc.text, '7'));
  });

  test('a lone edit is validated at once, without waiting for a quiet period', async () => {
    // With a quiet period of a minute, an answer within seconds can only come from the leading edge,
    // however slow the machine running the test is.
    const patient = await LspClient.start({ initializationOptions: { burstQuietMs: 60_000 } });
    try {
      const { doc } = await patient.diagnose(withSpeed(1));
      await patient.change(doc, withSpeed(9));
      const published = patient.waitForDiagnostics(doc, 2);
      // The quiet period ends a burst; a lone edit must not wait for it (an editor shows its problem at once).
      const first = await Promise.race([published, sleep(10_000).then(() => undefined)]);
      assert.ok(first, 'diagnostics for the edit long before the quiet period would end');
      assert.equal(first.version, 2);
      assert.deepEqual(first.diagnostics[0].range, rangeOf(withSpeed(9), '9'));
    } finally {
      await patient.stop();
    }
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
