// Environment names are looked up as the user's own entries: names every JavaScript object answers to
// (`__proto__`, `constructor`, `toString`) are no environments, so nothing is created or recorded under them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { harness, keys, vapiAssistant, type Harness } from '../sync/helpers';

const bundle = path.resolve(__dirname, '../../dist/cli.js');

describe('CLI environment names', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
    await mkdir(path.join(h.root, 'home/.config/assistant-config'), { recursive: true });
    await writeFile(
      path.join(h.root, 'home/.config/assistant-config/environments.json'),
      JSON.stringify({ environments: { staging: { vendor: 'vapi', baseUrl: h.api.vapiUrl } } }),
    );
  });
  after(() => h.close());

  const run = (args: string[]) =>
    new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(process.execPath, [bundle, ...args], { cwd: h.root, env: { PATH: process.env.PATH ?? '', HOME: path.join(h.root, 'home'), VAPI_API_KEY: keys.vapi } }, (error, _stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );

  it('refuses __proto__, constructor and toString as environments; nothing is created', async () => {
    await h.file('proto.assistant.json', vapiAssistant('Proto'));
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const result = await run(['push', 'proto.assistant.json', '--env', name]);
      assert.equal(result.code, 2, result.stderr);
      assert.match(result.stderr, new RegExp(`Environment '${name}' is not defined in .*environments\\.json \\(defined: staging\\)\\.`));
    }
    assert.equal(h.api.stores.vapi.items.size, 0);
    assert.equal((await run(['push', 'proto.assistant.json', '--env', 'staging'])).code, 0);
    assert.equal(h.api.stores.vapi.items.size, 1);
  });
});
