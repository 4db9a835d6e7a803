// The engine against servers that misbehave: every request ends by its deadline (even one whose body trickles
// in after garbage collection), a cancel ends it at once, error bodies come out short and plain, keys never do.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, describe, it } from 'node:test';
import { validateFile } from '../../core/src/validation';
import { checkEnvironment, diff, list, pull, push, SyncError, type SyncContext, type Vendor } from '../../sync/src/index';
import { redactor } from '../../sync/src/redaction';
import { hostileServer, trickle, type HostileServer } from './hostileServer';
import { insightoAssistant, vapiAssistant } from './helpers';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

describe('http: deadlines, cancellation, error bodies, redaction', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'assistant-config-http-'));
    await mkdir(path.join(root, '.git'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  const ctxFor = (server: HostileServer, vendor: Vendor = 'vapi', overrides: Partial<SyncContext> = {}): SyncContext => ({
    env: { name: 'dev', vendor, baseUrl: vendor === 'vapi' ? server.url : `${server.url}/api/v1` },
    apiKey: vendor === 'vapi' ? 'sk-vapi-http-test-91c2' : 'in-http-test-77aa',
    workspaceRoot: root,
    timeoutMs: 300,
    retry: { retries: 2, baseDelayMs: 10, maxDelayMs: 1000 },
    ...overrides,
    validate: overrides.validate ?? validateFile,
  });

  /** Runs `operation` while garbage collection runs every 20 ms; returns how it failed and how long it took. */
  async function underGc(operation: () => Promise<unknown>, budgetMs: number): Promise<{ error: SyncError; ms: number }> {
    const collecting = setInterval(gc, 20);
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const hung = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`still running after ${budgetMs} ms: the deadline was lost`)), budgetMs);
      });
      const error = await Promise.race([operation().then(() => assert.fail('expected a failure'), (e: SyncError) => e), hung]);
      return { error, ms: Date.now() - started };
    } finally {
      clearInterval(collecting);
      clearTimeout(timer);
    }
  }

  it('ends pull, diff and list by their deadline when the body trickles in, after garbage collection too', async () => {
    const server = await hostileServer((_request, response) => trickle(response));
    try {
      const id = randomUUID();
      const file = path.join(root, 'trickle.assistant.json');
      await writeFile(file, JSON.stringify(vapiAssistant()));
      await mkdir(path.join(root, '.assistant-config'), { recursive: true });
      await writeFile(path.join(root, '.assistant-config/state.json'), JSON.stringify({ version: 1, files: { 'trickle.assistant.json': { dev: { id } } } }));
      const text = await readFile(file, 'utf8');
      const once = { retries: 1, baseDelayMs: 10 };
      // With a caller's signal (the CLI's Ctrl+C, VS Code's Cancel) and without one.
      for (const signal of [new AbortController().signal, undefined]) {
        const operations = {
          pull: () => pull(ctxFor(server, 'vapi', { signal, retry: once }), { id, path: path.join(root, 'new.assistant.json') }),
          diff: () => diff(ctxFor(server, 'vapi', { signal, retry: once }), { path: file, text }),
          list: () => list(ctxFor(server, 'vapi', { signal, retry: once })),
        };
        for (const [name, operation] of Object.entries(operations)) {
          // Two attempts of 300 ms plus backoff: well under 2 s unless a deadline is lost.
          const { error, ms } = await underGc(operation, 3000);
          assert.equal(error.kind, 'timeout', `${name}: ${error.message}`);
          assert.match(error.message, /did not answer within 0\.3 s\./);
          assert.ok(ms >= 550 && ms < 2000, `${name} took ${ms} ms`);
        }
      }
    } finally {
      await server.close();
    }
  });

  it('a cancel ends a request at once, also while its body is being read', async () => {
    const server = await hostileServer((_request, response) => trickle(response));
    try {
      const abort = new AbortController();
      setTimeout(() => abort.abort(), 150);
      const { error, ms } = await underGc(() => list(ctxFor(server, 'vapi', { signal: abort.signal, timeoutMs: 30_000 })), 4000);
      assert.equal(error.kind, 'cancelled');
      assert.equal(error.message, 'Cancelled.');
      assert.ok(ms < 600, `took ${ms} ms`);
    } finally {
      await server.close();
    }
  });

  it('a cancel during a create says it may have gone through, and keeps the marker for the next push to check', async () => {
    // The user cancels once the create has reached the server (a fixed delay would race the push's own
    // start-up, which on a loaded machine can outlast it).
    const abort = new AbortController();
    const server = await hostileServer((request, response) => {
      if (request.method === 'POST') return void setTimeout(() => abort.abort(), 50); // never answers
      response.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    try {
      const file = path.join(root, 'cancelled-create.assistant.json');
      const text = JSON.stringify(vapiAssistant());
      await writeFile(file, text);
      await assert.rejects(push(ctxFor(server, 'vapi', { signal: abort.signal, timeoutMs: 30_000 }), { path: file, text }), (error: SyncError) => {
        assert.equal(error.kind, 'cancelled');
        assert.equal(error.createMayHaveSucceeded, true);
        assert.match(error.message, /^Cancelled\. The create may have succeeded: push again to check/);
        return true;
      });
      const state = JSON.parse(await readFile(path.join(root, '.assistant-config/state.json'), 'utf8'));
      assert.ok(state.files['cancelled-create.assistant.json'].dev.pendingCreate);
    } finally {
      await server.close();
    }
  });

  it('follows no redirect (301, 302, 307, 308): push, pull, diff and list stop at it, name it, and send nothing to where it points', async () => {
    // The target records every connection: a followed redirect would reach it, key and body with it.
    const target = await hostileServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
    let status = 301;
    let redirectReads = true;
    const id = randomUUID();
    const server = await hostileServer((request, response) => {
      if (request.method === 'GET' && !redirectReads) {
        const remote = request.url === '/assistant?limit=1000' ? [] : { id, orgId: randomUUID(), ...vapiAssistant('Live copy') };
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(remote));
      }
      response.writeHead(status, { location: `${target.url}/assistant?echo=sk-vapi-http-test-91c2` }).end();
    });
    try {
      const dir = path.join(root, 'redirects');
      await mkdir(dir, { recursive: true });
      const created = { path: path.join(dir, 'new.assistant.json'), text: JSON.stringify(vapiAssistant('New')) };
      const linked = { path: path.join(dir, 'linked.assistant.json'), text: JSON.stringify(vapiAssistant('Linked')) };
      await writeFile(created.path, created.text);
      await writeFile(linked.path, linked.text);
      const stateFile = path.join(root, '.assistant-config/state.json');
      await mkdir(path.dirname(stateFile), { recursive: true });
      // Retries allowed, so that a single request shows a redirect is not retried.
      const retry = { retries: 2, baseDelayMs: 10 };
      const operations: Record<string, { reads: boolean; method: string; run: () => Promise<unknown> }> = {
        list: { reads: true, method: 'GET', run: () => list(ctxFor(server, 'vapi', { retry })) },
        pull: { reads: true, method: 'GET', run: () => pull(ctxFor(server, 'vapi', { retry }), { id, path: path.join(dir, 'pulled.assistant.json') }) },
        diff: { reads: true, method: 'GET', run: () => diff(ctxFor(server, 'vapi', { retry }), linked) },
        'push (create)': { reads: false, method: 'POST', run: () => push(ctxFor(server, 'vapi', { retry }), created) },
        'push (update)': { reads: false, method: 'PATCH', run: () => push(ctxFor(server, 'vapi', { retry }), linked, { overwrite: true }) },
      };
      for (status of [301, 302, 307, 308]) {
        for (const [name, operation] of Object.entries(operations)) {
          await writeFile(stateFile, JSON.stringify({ version: 1, files: { 'redirects/linked.assistant.json': { dev: { id } } } }));
          redirectReads = operation.reads;
          server.requests.length = 0;
          const error = await operation.run().then(
            () => assert.fail(`${name} ${status}: expected a failure`),
            (e: SyncError) => e,
          );
          const label = `${name} ${status}: ${error.message}`;
          assert.equal(error.kind, 'bad-request', label);
          assert.match(error.message, new RegExp(`answered ${status}, a redirect to ${target.url}\\. Redirects are not followed`), label);
          assert.ok(!error.message.includes('sk-vapi-http-test-91c2') && !error.message.includes('echo'), label);
          // Asked once (a redirect is no transient failure), and the redirected request is the last one sent.
          const redirected = server.requests.filter((request) => request.method === operation.method);
          assert.equal(redirected.length, 1, label);
          assert.equal(server.requests.at(-1)?.method, operation.method, label);
        }
      }
      await assert.rejects(readFile(path.join(dir, 'pulled.assistant.json')), { code: 'ENOENT' });
      assert.equal(await readFile(linked.path, 'utf8'), linked.text);
      assert.equal(target.connections, 0);
      assert.deepEqual(target.requests, []);
    } finally {
      await server.close();
      await target.close();
    }
  });

  /** The message of the error a list gets from a server that answers `status` with `body`. */
  async function errorFor(status: number, body: string | Buffer, vendor: Vendor = 'vapi', contentType = 'application/json'): Promise<SyncError> {
    const server = await hostileServer((_request, response) => response.writeHead(status, { 'content-type': contentType }).end(body));
    try {
      return await list(ctxFor(server, vendor, { retry: { retries: 0 } })).then(
        () => assert.fail('expected a failure'),
        (error: SyncError) => error,
      );
    } finally {
      await server.close();
    }
  }

  it('reads at most 1 MB of an error body and shows a few hundred characters of it', async () => {
    let written = 0;
    const server = await hostileServer((_request, response) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.write('{"message":[');
      // 100 MB of messages, written as fast as the client reads them.
      const chunk = Buffer.from(`"${'x'.repeat(1000)}",`.repeat(1000));
      const pump = () => {
        while (written < 100 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end('"end"]}');
      };
      pump();
    });
    try {
      const error = await list(ctxFor(server, 'vapi', { retry: { retries: 0 }, timeoutMs: 10_000 })).then(
        () => assert.fail('expected a failure'),
        (e: SyncError) => e,
      );
      assert.equal(error.kind, 'server');
      assert.ok(error.message.length < 700, `${error.message.length} characters`);
      assert.match(error.message, /the rest was not read/);
      assert.ok(written < 30 * 1024 * 1024, `the server got to write ${written} bytes`);
    } finally {
      await server.close();
    }
  });

  it('removes terminal escapes and control characters from what a server says', async () => {
    const error = await errorFor(500, JSON.stringify({ message: '\u001b[31mred\u001b[0m \u001b]0;new title\u0007 \u009b2J bell\u0007 \u202eevil\r\nnext line' }));
    assert.equal(error.message.replace(/^127\.0\.0\.1:\d+/, 'HOST'), 'HOST failed with 500: red bell evil next line. Try again later.');
    assert.doesNotMatch(error.message, /[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('reduces an HTML error page to its title', async () => {
    const nginx = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n'.repeat(5);
    const error = await errorFor(502, nginx, 'vapi', 'text/html');
    assert.match(error.message, /^127\.0\.0\.1:\d+ failed with 502: an HTML page: 502 Bad Gateway\. Try again later\.$/);
  });

  it('words any JSON shape as text: objects, nulls, nested arrays (Vapi and Insighto)', async () => {
    const objectMessage = await errorFor(418, JSON.stringify({ message: { field: 'name', problem: { code: 7, text: 'too long' } } }));
    assert.equal(objectMessage.kind, 'bad-request');
    assert.match(objectMessage.message, /failed with 418: field: name, problem: \(code: 7, text: too long\)\.$/);
    const insighto = await errorFor(422, JSON.stringify({ detail: [{ loc: ['body', 'name'], msg: null, type: 'value_error' }, { loc: ['body', 'voice'] }, { msg: { a: 1 } }, null, 'plain'] }), 'insighto');
    assert.equal(insighto.kind, 'validation');
    assert.deepEqual(insighto.apiMessages, ['name type: value_error', 'voice invalid', 'a: 1', 'null', 'plain']);
    for (const error of [objectMessage, insighto]) assert.doesNotMatch(error.message, /\[object Object\]|undefined|Cannot convert/);
    const proxyJson = await errorFor(503, JSON.stringify({ error: { status: 'UNAVAILABLE' } }));
    assert.match(proxyJson.message, /failed with 503: error: \(status: UNAVAILABLE\)\. Try again later\.$/);
  });

  it('never shows the key in any form a server echoes it in: raw, URL-encoded, base64, JSON-escaped', async () => {
    const key = 'ik+test/KEY=456&x y';
    for (const status of [400, 401, 418, 500]) {
      const server = await hostileServer((request, response) => {
        const url = request.url ?? '';
        const echoed = [
          url,
          decodeURIComponent(url),
          url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
          encodeURIComponent(key),
          Buffer.from(key).toString('base64'),
          Buffer.from(`x${key}`).toString('base64url'),
          JSON.stringify(key).replace(/\//g, '\\/').replace('+', '\\u002B'),
          `\u001b[1m${key.slice(0, 5)}\u001b[0m${key.slice(5)}`,
        ];
        const body = status === 400 ? { detail: echoed.map((text) => ({ loc: ['body', 'name'], msg: text })) } : { detail: echoed.join(' | ') };
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
      try {
        const ctx = ctxFor(server, 'insighto', { apiKey: key, retry: { retries: 0 } });
        const error = await list(ctx).then(() => assert.fail('expected a failure'), (e: SyncError) => e);
        const shown = [error.message, ...(error.apiMessages ?? [])].join('\n');
        assert.ok(shown.includes('***'), shown);
        for (const form of [key, encodeURIComponent(key), new URLSearchParams({ k: key }).toString().slice(2), Buffer.from(key).toString('base64').slice(0, 20), 'test/KEY', 'test%2FKEY', 'test%2fkey']) {
          assert.equal(shown.toLowerCase().includes(form.toLowerCase()), false, `${status}: ${form} in ${shown}`);
        }
        assert.ok(server.requests[0].url.includes('api_key=ik%2Btest%2FKEY%3D456%26x+y'), 'the key was sent form-encoded');
      } finally {
        await server.close();
      }
    }
  });

  it('redacts percent-encoded (either case), JSON-escaped and base64 spellings of a key', () => {
    const redact = redactor('sk-vapi-SECRET-7f3a9c41d2');
    assert.equal(redact('a sk%2Dvapi%2dSECRET-7f3a9c41d2 b'), 'a *** b');
    assert.equal(redact('"sk-vapi-\\u0053ECRET-7f3a9c41d2"'), '"***"');
    assert.equal(redact(Buffer.from('Bearer sk-vapi-SECRET-7f3a9c41d2').toString('base64')).includes('***'), true);
  });

  it('refuses a base URL with a fragment: nothing is sent to another path than the message names', async () => {
    const server = await hostileServer((_request, response) => response.writeHead(200).end('[]'));
    try {
      for (const baseUrl of [`${server.url}#x`, `${server.url}/#`, `${server.url}?`]) {
        assert.throws(() => checkEnvironment({ name: 'dev', vendor: 'vapi', baseUrl }), (error: SyncError) => {
          assert.equal(error.kind, 'config');
          assert.match(error.message, /must not contain credentials, a query string or a fragment/);
          return true;
        });
        await assert.rejects(list(ctxFor(server, 'vapi', { env: { name: 'dev', vendor: 'vapi', baseUrl } })), /a fragment/);
      }
      assert.equal(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });

  it('a refused connection or a failed name lookup before a create says the create was not sent, and leaves no marker', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const file = path.join(root, 'refused.assistant.json');
    const text = JSON.stringify(insightoAssistant());
    const refused = `http://127.0.0.1:${port}`;
    for (const baseUrl of [refused, 'https://assistant-config-test.invalid']) {
      const ctx: SyncContext = { env: { name: 'nowhere', vendor: 'insighto', baseUrl }, apiKey: 'in-key', workspaceRoot: root, timeoutMs: 5000, retry: { retries: 0 }, validate: validateFile };
      await assert.rejects(push(ctx, { path: file.replace('.assistant', '.insighto.assistant'), text }), (error: SyncError) => {
        assert.equal(error.kind, 'network', error.message);
        assert.equal(error.createMayHaveSucceeded, false);
        assert.match(error.message, /\((ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\)\. Check the connection and the base URL\. The create was not sent\.$/);
        return true;
      });
      const state = await readFile(path.join(root, '.assistant-config/state.json'), 'utf8').catch(() => '{}');
      assert.doesNotMatch(state, /refused\.insighto/);
    }
  });

  it('a 400 that is an HTML page lands on line 1 once, as its title', async () => {
    const page = '<!DOCTYPE html><html><head><title>400 Bad Request</title><style>body{}</style></head><body><h1>Bad Request</h1>' + '<p>x</p>'.repeat(500) + '</body></html>';
    const server = await hostileServer((_request, response) => response.writeHead(400, { 'content-type': 'text/html' }).end(page));
    try {
      const file = path.join(root, 'html400.assistant.json');
      const text = JSON.stringify(vapiAssistant());
      const result = await push(ctxFor(server), { path: file, text });
      assert.equal(result.status, 'invalid');
      assert.ok(result.status === 'invalid');
      assert.deepEqual(
        result.diagnostics.map((d) => [d.range.start.line, d.message]),
        [[0, 'an HTML page: 400 Bad Request']],
      );
    } finally {
      await server.close();
    }
  });

  it('refuses a response nested deeper than any resource, and a file too, without running out of stack', async () => {
    const deep = '{"id":"' + randomUUID() + '","name":"x","metadata":' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_001);
    const server = await hostileServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(deep));
    try {
      const id = randomUUID();
      await assert.rejects(pull(ctxFor(server), { id, path: path.join(root, 'deep.assistant.json') }), (error: SyncError) => {
        assert.equal(error.kind, 'bad-request');
        assert.match(error.message, /^GET \/assistant\/[0-9a-f-]+: the response nests more than 512 levels deep; not read\.$/);
        return true;
      });
      const file = path.join(root, 'deep-local.assistant.json');
      await mkdir(path.join(root, '.assistant-config'), { recursive: true });
      await writeFile(path.join(root, '.assistant-config/state.json'), JSON.stringify({ version: 1, files: { 'deep-local.assistant.json': { dev: { id } } } }));
      await assert.rejects(diff(ctxFor(server), { path: file, text: deep.replace(/"id":"[^"]+",/, '') }), (error: SyncError) => {
        assert.equal(error.kind, 'validation');
        assert.match(error.message, /nests more than 512 levels deep/);
        return true;
      });
      const pushed = await push(ctxFor(server), { path: file, text: deep.replace(/"id":"[^"]+",/, '') });
      assert.equal(pushed.status, 'invalid');
    } finally {
      await server.close();
    }
  });

  it('a read-back is taken as it is answered: the write\'s own answer again, or another one', async () => {
    const id = randomUUID();
    let readBack = '';
    const server = await hostileServer((request, response) => {
      const answer = (body: string) => response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      if (request.method === 'POST') answer(JSON.stringify({ id, name: 'Echo', firstMessage: 'Hello.' }));
      else answer(readBack);
    });
    try {
      for (const [name, answered, notKept] of [
        ['same', JSON.stringify({ id, name: 'Echo', firstMessage: 'Hello.' }), []],
        ['other', JSON.stringify({ id, name: 'Echo', firstMessage: 'Changed by the server.' }), ['firstMessage']],
      ] as const) {
        readBack = answered;
        const file = path.join(root, `echo-${name}.assistant.json`);
        const text = JSON.stringify({ name: 'Echo', firstMessage: 'Hello.' });
        await writeFile(file, text);
        const pushed = await push(ctxFor(server), { path: file, text });
        assert.equal(pushed.status, 'created', name);
        assert.deepEqual(pushed.status === 'created' && pushed.notKept.map((change) => change.path), notKept, name);
        const state = JSON.parse(await readFile(path.join(root, '.assistant-config/state.json'), 'utf8'));
        const link = state.files[`echo-${name}.assistant.json`].dev;
        assert.equal(link.remoteHash === link.localHash, notKept.length === 0, name);
      }
      // A write answered with something that is not a JSON object is refused as before, whatever comes next.
      readBack = '[1]';
      const server2 = await hostileServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('[1]'));
      try {
        const file = path.join(root, 'echo-array.assistant.json');
        const text = JSON.stringify({ name: 'Echo', firstMessage: 'Hello.' });
        await assert.rejects(push(ctxFor(server2), { path: file, text }), (error: SyncError) => error.kind === 'bad-request' && /not a JSON object/.test(error.message));
      } finally {
        await server2.close();
      }
    } finally {
      await server.close();
    }
  });
});
