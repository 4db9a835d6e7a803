// The CLI follows no redirect: push, pull, diff and list against a base URL that answers 301, 302, 307 or 308
// stop there with a message naming the redirect, and the server it points at (which records every
// connection) is never reached, so neither the key nor the file goes there.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hostileServer, type HostileServer } from '../sync/hostileServer';
import { keys, vapiAssistant } from '../sync/helpers';
import { cliRunner } from './runner';

describe('CLI redirects', () => {
  let root: string;
  let target: HostileServer;
  let redirecting: HostileServer;
  let status = 301;
  const output: string[] = [];
  const run = cliRunner(() => root, () => path.join(root, 'home'), (text) => output.push(text));

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'assistant-config-redirects-'));
    await mkdir(path.join(root, '.git'));
    await mkdir(path.join(root, 'home'));
    target = await hostileServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end('[]'));
    redirecting = await hostileServer((_request, response) => response.writeHead(status, { location: `${target.url}/assistant` }).end());
  });
  after(async () => {
    await redirecting.close();
    await target.close();
    await rm(root, { recursive: true, force: true });
  });

  it('push, pull, diff and list exit 6 (as for a server error) naming the redirect; its target gets no connection, the key is never printed', async () => {
    const id = randomUUID();
    const text = JSON.stringify(vapiAssistant('Redirected'), null, 2) + '\n';
    await writeFile(path.join(root, 'desk.assistant.json'), text);
    await writeFile(path.join(root, 'linked.assistant.json'), text);
    await mkdir(path.join(root, '.assistant-config'));
    await writeFile(path.join(root, '.assistant-config/state.json'), JSON.stringify({ version: 1, files: { 'linked.assistant.json': { default: { id } } } }));
    const base = ['--base-url', redirecting.url];
    const commands: [number, string[]][] = [
      [301, ['list', ...base]],
      [302, ['pull', id, '-o', 'pulled.assistant.json', ...base]],
      [307, ['diff', 'linked.assistant.json', ...base]],
      [308, ['push', 'desk.assistant.json', '--yes', ...base]],
    ];
    for (const [answer, args] of commands) {
      status = answer;
      const result = await run(args);
      const label = `${args[0]} (${answer}): ${result.stderr}`;
      assert.equal(result.code, 6, label);
      assert.ok(result.stderr.includes(`answered ${answer}, a redirect to ${target.url}. Redirects are not followed`), label);
    }
    assert.equal(target.connections, 0);
    await assert.rejects(readFile(path.join(root, 'pulled.assistant.json')), { code: 'ENOENT' });
    assert.equal(await readFile(path.join(root, 'desk.assistant.json'), 'utf8'), text);
    assert.ok(!output.join('\n').includes(keys.vapi), 'the key was printed');
  });
});
