// The GitHub Actions example (examples/ci/assistant-config.yml) runs commands this CLI accepts: each
// `$ASSISTANT_CONFIG …` line parses without an unknown option, and the environment it defines is one the CLI reads.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseCommandLine } from '../../cli/src/arguments';

const workflow = readFileSync(path.resolve(__dirname, '../../examples/ci/assistant-config.yml'), 'utf8');

test('every CLI command in the CI example is one the CLI accepts', () => {
  const commands = [...workflow.matchAll(/\$ASSISTANT_CONFIG ([^\n>]+)/g)].map((match) => match[1].replace(/\$\{\{[^}]+\}\}/g, 'fail').replace(/\$files/, 'a.assistant.json').trim());
  assert.deepEqual(commands.map((command) => command.split(' ')[0]), ['validate', 'plan', 'apply']);
  for (const command of commands) {
    const line = parseCommandLine(command.split(/\s+/));
    assert.equal(line.action, 'run', `${command}: ${line.action === 'error' ? line.message : line.action}`);
  }
  const defined = /echo '(\{ "environments".*\})'/.exec(workflow)?.[1];
  assert.ok(defined, 'the workflow writes an environments file');
  assert.deepEqual(JSON.parse(defined).environments.prod, { vendor: 'vapi', baseUrl: 'https://api.vapi.ai', keyVariable: 'VAPI_PROD_KEY' });
});
