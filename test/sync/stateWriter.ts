// A separate process that records links in a workspace's state file, for the cross-process lock test:
//   node --import tsx test/sync/stateWriter.ts <workspaceRoot> <prefix> <count>
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { writeLink } from '../../sync/src/state';

const [root, prefix, count] = process.argv.slice(2);
const scope = { workspaceRoot: root, env: { name: 'dev', vendor: 'vapi' as const, baseUrl: 'https://api.vapi.ai' } };
const hash = `sha256:${'0'.repeat(64)}`;

async function main(): Promise<void> {
  for (let i = 0; i < Number(count); i++) {
    await writeLink(scope, path.join(root, `${prefix}-${i}.assistant.json`), { id: randomUUID(), localHash: hash, remoteHash: hash });
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(String(error?.stack ?? error));
    process.exit(1);
  },
);
