// No API key in any log line, result, error, state file or written file, whatever the API answers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { diff, list, pull, push, type Vendor } from '../../sync/src/index';
import { harness, insightoAssistant, keys, vapiAssistant, type Harness } from './helpers';

describe('secrets', () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('never lets a key out, even when the server echoes it back', async () => {
    const seen: string[] = [];
    const record = (value: unknown) => seen.push(typeof value === 'string' ? value : JSON.stringify(value));
    const attempt = async (operation: () => Promise<unknown>) => {
      try {
        record(await operation());
      } catch (error) {
        const { message, stack } = error as Error;
        record(message);
        record(stack);
        record(error);
      }
    };
    for (const vendor of ['vapi', 'insighto'] as Vendor[]) {
      const key = keys[vendor];
      const name = vendor === 'vapi' ? `s/${vendor}.assistant.json` : `s/${vendor}.insighto.assistant.json`;
      const content = vendor === 'vapi' ? vapiAssistant() : insightoAssistant();
      const ctx = h.ctx(vendor, { onProgress: (message) => seen.push(message) });
      const file = await h.file(name, content);
      await attempt(() => push(ctx, file));
      await attempt(() => diff(ctx, file));
      await attempt(() => list(ctx));
      // A server that puts the key into its messages, statuses and faults of every kind:
      h.api.faults.add({ vendor, method: vendor === 'vapi' ? 'PATCH' : 'PUT', effect: { kind: 'reject', messages: [`name is invalid for key ${key}`] } });
      await attempt(() => push(ctx, { ...file, text: file.text.replace(/"name": "[^"]*"/, '"name": "Changed"') }));
      h.api.faults.add({ vendor, method: 'GET', times: 3, effect: { kind: 'status', status: 503 } });
      await attempt(() => list(ctx));
      h.api.faults.add({ vendor, method: 'GET', times: 3, effect: { kind: 'drop' } });
      await attempt(() => list(ctx));
      h.api.faults.add({ vendor, method: 'GET', times: 3, effect: { kind: 'hang' } });
      await attempt(() => list({ ...ctx, timeoutMs: 100 }));
      h.api.faults.add({ vendor, method: 'POST', effect: { kind: 'lose-response' } });
      const lostFile = await h.file(name.replace('s/', 's/lost-'), content);
      await attempt(() => push(ctx, lostFile));
      await attempt(() => pull(h.ctx(vendor, { apiKey: `${key}-wrong` }), { id: randomUUID(), path: file.path }));
      await attempt(() => pull(ctx, { id: randomUUID(), path: file.path }));
    }
    assert.equal(h.api.faults.pending(), 0, 'every fault was reached');
    const echoed = seen.filter((text) => text.includes('name is invalid for key'));
    assert.ok(echoed.length >= 2, 'the echoing server was reached');
    const written = await readdir(h.root, { recursive: true });
    for (const relative of written.filter((f) => f.endsWith('.json'))) seen.push(await readFile(path.join(h.root, relative), 'utf8'));
    const everything = [...seen, ...h.logs].join('\n');
    assert.ok(everything.length > 2000);
    assert.ok(everything.includes('***'), 'the echoed key was masked');
    for (const key of Object.values(keys)) assert.equal(everything.includes(key), false, everything.slice(Math.max(0, everything.indexOf(key) - 300), everything.indexOf(key) + 100));
    assert.equal(everything.includes('api_key'), false);
    assert.ok(seen.includes('Validating…') && seen.includes('Fetching the live assistant…'));
  });
});
