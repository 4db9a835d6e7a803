// Ctrl+C in a terminal: the CLI stops the request it is waiting on at once and exits 130, even when the server
// keeps the connection busy by trickling a body.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { hostileServer, trickle } from '../sync/hostileServer';

const projectRoot = path.resolve(__dirname, '../..');
const bundle = path.join(projectRoot, 'dist', 'cli.js');

describe('CLI interrupt', () => {
  it('Ctrl+C ends a list whose body trickles in, after collections and retries, and exits 130 saying it was cancelled', async () => {
    const server = await hostileServer((_request, response) => trickle(response));
    try {
      // Frequent garbage collection, as in a long session: it once cost the requests their deadlines and Ctrl+C.
      const child = spawn(process.execPath, ['--gc-interval=2000', bundle, 'list', '--base-url', server.url, '--timeout', '0.3'], {
        cwd: projectRoot,
        env: { PATH: process.env.PATH ?? '', HOME: projectRoot, VAPI_API_KEY: 'sk-interrupt-test' },
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Wait until the request is under way (the server has seen it), then interrupt.
      while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      // A deadline of 0.3 s per attempt: by now the first attempts have timed out and a retry trickles.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const interrupted = Date.now();
      child.kill('SIGINT');
      const [code] = (await once(child, 'exit')) as [number];
      const ms = Date.now() - interrupted;
      assert.equal(code, 130, stderr);
      assert.match(stderr, /^Error: Cancelled\.$/m);
      assert.ok(ms < 1500, `exited ${ms} ms after Ctrl+C`);
    } finally {
      await server.close();
    }
  });
});
