// The engine under injected faults: retries where safe, never a blind retried create, clear errors.
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { list, pull, push, SyncError } from '../../sync/src/index';
import { harness, vapiAssistant, type Harness } from './helpers';

describe('faults', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());
  beforeEach(() => h.reset());

  const getsOf = (h: Harness) => h.api.requests.filter((r) => r.method === 'GET');

  it('retries a GET after 429, waiting as long as Retry-After says', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    h.api.faults.add({ method: 'GET', effect: { kind: 'status', status: 429, retryAfter: '1' } });
    const started = Date.now();
    const result = await pull(h.ctx('vapi'), { id: remote.id, path: (await h.file('r429/a.assistant.json', '')).path });
    assert.equal(result.status, 'written');
    assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
    assert.deepEqual(getsOf(h).map((r) => r.status), [429, 200]);
  });

  it('fails as rate-limited when Retry-After is longer than the longest wait', async () => {
    h.api.faults.add({ method: 'GET', effect: { kind: 'status', status: 429, retryAfter: '120' } });
    await assert.rejects(list(h.ctx('vapi')), (error: SyncError) => {
      assert.equal(error.kind, 'rate-limited');
      assert.match(error.message, /rate limiting requests \(429\)\. Wait a little and try again\./);
      return true;
    });
    assert.equal(getsOf(h).length, 1);
  });

  for (const status of [500, 503]) {
    it(`retries a GET after ${status} with backoff`, async () => {
      h.api.faults.add({ method: 'GET', times: 2, effect: { kind: 'status', status } });
      assert.deepEqual(await list(h.ctx('vapi')), []);
      assert.deepEqual(getsOf(h).map((r) => r.status), [status, status, 200]);
    });
  }

  it('gives up after the retries with a server error', async () => {
    h.api.faults.add({ method: 'GET', times: 10, effect: { kind: 'status', status: 503 } });
    await assert.rejects(list(h.ctx('vapi')), (error: SyncError) => {
      assert.equal(error.kind, 'server');
      assert.equal(error.status, 503);
      assert.match(error.message, /^127\.0\.0\.1:\d+ failed with 503: Internal Server Error\. Try again later\.$/);
      return true;
    });
    assert.equal(getsOf(h).length, 3, 'one try and two retries');
  });

  it('retries a GET whose connection was dropped', async () => {
    h.api.faults.add({ method: 'GET', effect: { kind: 'drop' } });
    assert.deepEqual(await list(h.ctx('vapi')), []);
    assert.deepEqual(getsOf(h).map((r) => r.status), ['dropped', 200]);
  });

  it('times out a request that never answers, and retries it', async () => {
    h.api.faults.add({ method: 'GET', effect: { kind: 'hang' } });
    assert.deepEqual(await list(h.ctx('vapi', { timeoutMs: 300 })), []);
    assert.deepEqual(getsOf(h).map((r) => r.status), ['hung', 200]);

    h.api.faults.add({ method: 'GET', times: 5, effect: { kind: 'hang' } });
    await assert.rejects(list(h.ctx('vapi', { timeoutMs: 200, retry: { retries: 1, baseDelayMs: 10 } })), (error: SyncError) => {
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /did not answer within 0\.2 s\./);
      return true;
    });
  });

  it('tolerates latency below the timeout', async () => {
    h.api.faults.add({ method: 'GET', effect: { kind: 'latency', ms: 150 } });
    assert.deepEqual(await list(h.ctx('vapi')), []);
    assert.equal(getsOf(h).length, 1);
  });

  it('retries an update (PATCH) after 503, since repeating it lands the same state', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant());
    const target = (await h.file('p503/a.assistant.json', '')).path;
    await pull(h.ctx('vapi'), { id: remote.id, path: target });
    h.api.faults.add({ method: 'PATCH', effect: { kind: 'status', status: 503 } });
    const result = await push(h.ctx('vapi'), { path: target, text: (await h.read('p503/a.assistant.json')).replace('Front Desk', 'Desk') });
    assert.equal(result.status, 'updated');
    assert.deepEqual(h.api.requests.filter((r) => r.method === 'PATCH').map((r) => r.status), [503, 200]);
  });

  it('never retries a create; a 500 leaves a pending marker and the retry creates exactly one', async () => {
    const file = await h.file('c500/a.assistant.json', vapiAssistant());
    h.api.faults.add({ method: 'POST', effect: { kind: 'status', status: 500 } });
    await assert.rejects(push(h.ctx('vapi'), file), (error: SyncError) => {
      assert.equal(error.kind, 'server');
      assert.equal(error.createMayHaveSucceeded, true);
      assert.match(error.message, /The create may have succeeded: push again to check/);
      return true;
    });
    assert.equal(h.api.requests.filter((r) => r.method === 'POST').length, 1);
    assert.match(await h.state(), /"pendingCreate"/);
    const retried = await push(h.ctx('vapi'), file);
    assert.equal(retried.status, 'created');
    assert.equal(h.api.stores.vapi.items.size, 1);
    assert.doesNotMatch(await h.state(), /pendingCreate|startedAt/);
  });

  it('a create whose response was lost, then a retry, leaves one assistant (linked)', async () => {
    const file = await h.file('lost/a.assistant.json', vapiAssistant('Lost Create'));
    h.api.faults.add({ method: 'POST', effect: { kind: 'lose-response' } });
    await assert.rejects(push(h.ctx('vapi'), file), (error: SyncError) => {
      assert.equal(error.kind, 'network');
      assert.equal(error.createMayHaveSucceeded, true);
      return true;
    });
    assert.equal(h.api.stores.vapi.items.size, 1, 'the create did happen');
    const [made] = h.api.stores.vapi.items.values();

    const retried = await push(h.ctx('vapi'), file);
    assert.deepEqual(retried, { status: 'adopted', id: made.id, notKept: [] });
    assert.equal(h.api.stores.vapi.items.size, 1);
    assert.equal(h.api.requests.filter((r) => r.method === 'POST').length, 1);
    const state = JSON.parse(await h.state());
    assert.equal(state.files['lost/a.assistant.json'].dev.id, made.id);
    assert.equal(state.files['lost/a.assistant.json'].dev.pendingCreate, undefined);
    // And it is a normal link from then on.
    assert.deepEqual(await push(h.ctx('vapi'), file), { status: 'unchanged', id: made.id });
  });

  it('a lost create, an edit, then a retry: links the made assistant and updates it', async () => {
    const file = await h.file('lost2/a.assistant.json', vapiAssistant('Lost Then Edited'));
    h.api.faults.add({ method: 'POST', effect: { kind: 'lose-response' } });
    await assert.rejects(push(h.ctx('vapi'), file));
    const edited = await h.file('lost2/a.assistant.json', { ...vapiAssistant('Lost Then Edited'), maxDurationSeconds: 900 });
    const retried = await push(h.ctx('vapi'), edited);
    assert.ok(retried.status === 'adopted');
    assert.deepEqual(retried.plan?.changedKeys, ['maxDurationSeconds']);
    assert.equal(h.api.stores.vapi.items.size, 1);
    assert.equal([...h.api.stores.vapi.items.values()][0].fields.maxDurationSeconds, 900);
  });

  it('a lost create the API did not keep verbatim is still found, by name and creation time', async () => {
    h.api.stores.vapi.discard.add('endCallPhrases');
    try {
      const file = await h.file('lost3/a.assistant.json', vapiAssistant('Reshaped By The API'));
      h.api.faults.add({ method: 'POST', effect: { kind: 'lose-response' } });
      await assert.rejects(push(h.ctx('vapi'), file));
      const retried = await push(h.ctx('vapi'), file);
      assert.equal(retried.status, 'adopted');
      assert.equal(h.api.stores.vapi.items.size, 1);
    } finally {
      h.api.stores.vapi.discard.clear();
    }
  });

  it('several assistants matching a lost create: stops with a conflict naming them, creates nothing', async () => {
    const file = await h.file('lost4/a.assistant.json', vapiAssistant('Ambiguous'));
    h.api.faults.add({ method: 'POST', effect: { kind: 'lose-response' } });
    await assert.rejects(push(h.ctx('vapi'), file));
    const twin = h.api.stores.vapi.create(vapiAssistant('Ambiguous'));
    await assert.rejects(push(h.ctx('vapi'), file), (error: SyncError) => {
      assert.equal(error.kind, 'conflict');
      assert.match(error.message, /several assistants match it \(.*\)\. Pull the right one into this file/);
      assert.ok(error.message.includes(twin.id));
      return true;
    });
    assert.equal(h.api.stores.vapi.items.size, 2);
    assert.equal(h.api.requests.filter((r) => r.method === 'POST').length, 1);
  });

  it('a create that timed out before the server acted: the retry finds nothing and creates one', async () => {
    const file = await h.file('hang/a.assistant.json', vapiAssistant());
    h.api.faults.add({ method: 'POST', effect: { kind: 'hang' } });
    await assert.rejects(push(h.ctx('vapi', { timeoutMs: 300 }), file), (error: SyncError) => error.kind === 'timeout' && error.createMayHaveSucceeded === true);
    assert.equal(h.api.stores.vapi.items.size, 0);
    assert.equal((await push(h.ctx('vapi'), file)).status, 'created');
    assert.equal(h.api.stores.vapi.items.size, 1);
  });

  it('does not adopt an identical assistant created long before the lost create', async () => {
    const twin = h.api.stores.vapi.create(vapiAssistant('Twin'));
    twin.createdAt = new Date(Date.now() - 3_600_000).toISOString();
    const file = await h.file('twin/a.assistant.json', vapiAssistant('Twin'));
    h.api.faults.add({ method: 'POST', effect: { kind: 'hang' } });
    await assert.rejects(push(h.ctx('vapi', { timeoutMs: 200 }), file));
    assert.equal((await push(h.ctx('vapi'), file)).status, 'created');
    assert.equal(h.api.stores.vapi.items.size, 2);
  });

  it('a 429 on create proves nothing was made: no retry, marker cleared', async () => {
    const file = await h.file('c429/a.assistant.json', vapiAssistant());
    h.api.faults.add({ method: 'POST', effect: { kind: 'status', status: 429, retryAfter: '0' } });
    await assert.rejects(push(h.ctx('vapi'), file), (error: SyncError) => error.kind === 'rate-limited');
    assert.equal(h.api.requests.filter((r) => r.method === 'POST').length, 1);
    assert.doesNotMatch(await h.state(), /c429/);
  });

  it('cancellation stops waiting and reports cancelled', async () => {
    h.api.faults.add({ method: 'GET', effect: { kind: 'latency', ms: 1000 } });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const started = Date.now();
    await assert.rejects(list(h.ctx('vapi', { signal: abort.signal })), (error: SyncError) => error.kind === 'cancelled' && error.message === 'Cancelled.');
    assert.ok(Date.now() - started < 800);
  });

  it('a refused connection is a network error naming the host', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const ctx = h.ctx('vapi', { env: { name: 'dev', vendor: 'vapi', baseUrl: `http://127.0.0.1:${port}` }, retry: { retries: 0 } });
    await assert.rejects(list(ctx), (error: SyncError) => {
      assert.equal(error.kind, 'network');
      assert.equal(error.message, `Could not reach 127.0.0.1:${port} (ECONNREFUSED). Check the connection and the base URL.`);
      return true;
    });
  });
});
