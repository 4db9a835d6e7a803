// The mock API as the demo and the VS Code integration tests start it: a separate process seeded from examples/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';

const projectRoot = path.resolve(__dirname, '../..');

describe('standalone mock API', () => {
  it('seeds the example assistants, prints its URLs and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/mock-api/main.ts', '--port', '0', '--seed', 'examples', '--vapi-key', 'demo-key'], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
      const info = JSON.parse(line) as { vapiUrl: string; insightoUrl: string; seeded: Array<{ file: string; kind: string; id: string }> };
      assert.match(info.vapiUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(info.insightoUrl, `${info.vapiUrl}/api/v1`);
      assert.ok(info.seeded.some((s) => s.file === 'front-desk.assistant.json' && s.kind === 'vapi-assistant'));

      const front = info.seeded.find((s) => s.file === 'front-desk.assistant.json')!;
      const response = await fetch(`${info.vapiUrl}/assistant/${front.id}`, { headers: { authorization: 'Bearer demo-key' } });
      assert.equal(response.status, 200);
      const body = (await response.json()) as Record<string, unknown>;
      assert.equal(body.name, 'Front Desk');
      assert.equal(body.orgId, 'org-mock-0000');
      const refused = await fetch(`${info.vapiUrl}/assistant`, { headers: { authorization: 'Bearer other' } });
      assert.equal(refused.status, 401);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });
});
