// status, plan, apply and pull --all as a user runs them, against the local API: a workspace of 2 assistants,
// 3 tools, 1 squad and 1 structured output; a dashboard edit and a local edit; a whole org pulled; and an apply
// killed twenty times at random moments that still ends with one remote resource per file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { harness, keys, sevenFiles, vapiFunctionTool, type Harness } from '../sync/helpers';
import { cliRunner } from './runner';

const bundle = path.resolve(__dirname, '../../dist/cli.js');

describe('assistant-config CLI: the workspace as one', () => {
  let h: Harness;
  let home: string;
  let cwd: string;
  const run = cliRunner(() => cwd, () => home);
  const vapi = () => ['--base-url', h.api.vapiUrl];
  const total = () => Object.values(h.api.stores).reduce((sum, store) => sum + store.items.size, 0);

  before(async () => {
    h = await harness();
    home = path.join(path.dirname(h.root), `${path.basename(h.root)}-home`);
    await mkdir(home, { recursive: true });
  });
  after(async () => {
    await h.close();
    await rm(home, { recursive: true, force: true });
  });
  beforeEach(async () => {
    h.reset();
    cwd = h.root;
    for (const entry of await readdir(h.root)) if (entry !== '.git') await rm(path.join(h.root, entry), { recursive: true, force: true });
  });

  it('plan lists 7 creates in dependency order; apply creates them; status exits 0; edits on both sides show as such', async () => {
    await sevenFiles(h);
    const planned = await run(['plan', ...vapi()]);
    assert.equal(planned.code, 0, planned.stderr);
    const steps = planned.stdout.split('\n').filter((line) => /^\s*\d+\. /.test(line)).map((line) => line.trim().split(/\s+/));
    assert.deepEqual(steps.map((words) => words[1]), Array(7).fill('create'));
    const order = steps.map((words) => words[words.length - 1]);
    assert.deepEqual(order, [
      'tools/refund.tool.json',
      'assistants/billing.assistant.json',
      'tools/lookup.tool.json',
      'tools/hours.tool.json',
      'structured-outputs/outcome.structured-output.json',
      'assistants/desk.assistant.json',
      'squads/support.squad.json',
    ]);
    assert.match(planned.stdout, /^Plan for 'default': 7 to create; 0 in sync\.$/m);
    assert.deepEqual(h.api.mutatingRequests(), []);

    const refused = await run(['apply', ...vapi()]);
    assert.equal(refused.code, 2, 'outside a terminal, apply needs --yes');
    assert.match(refused.stdout, /^Plan for 'default': 7 to create; 0 in sync\.$/m, 'it shows what --yes would apply');
    assert.match(refused.stderr, /pass --yes/);
    assert.deepEqual(h.api.mutatingRequests(), []);
    const applied = await run(['apply', '--yes', ...vapi()]);
    assert.equal(applied.code, 0, applied.stderr);
    assert.equal(applied.stdout.split('\n').filter((line) => /^\s*\d\/7 created /.test(line)).length, 7, applied.stdout);
    assert.match(applied.stderr, /Applied to 'default': 7 created, 0 updated, 0 pulled into files, 0 left alone\./);
    assert.equal(total(), 7);
    const clean = await run(['status', ...vapi()]);
    assert.equal(clean.code, 0, clean.stdout + clean.stderr);
    assert.equal(clean.stdout.split('\n').filter((line) => line.startsWith('in sync')).length, 7);
    const nothingToDo = await run(['apply', ...vapi()]);
    assert.equal(nothingToDo.code, 0, `in sync, apply needs no --yes even outside a terminal: ${nothingToDo.stderr}`);
    assert.match(nothingToDo.stdout, /^Nothing to do: 7 file\(s\) in sync with 'default'.$/m);

    const state = JSON.parse(await h.state());
    const toolId = state.files['tools/hours.tool.json'].default.id;
    h.api.stores.tool.editInDashboard(toolId, { function: { ...(vapiFunctionTool('opening_hours').function as object), description: 'Edited in the dashboard.' } });
    const desk = JSON.parse(await h.read('assistants/desk.assistant.json'));
    desk.firstMessage = 'Edited in git.';
    await h.file('assistants/desk.assistant.json', desk);
    const changed = await run(['status', ...vapi()]);
    assert.equal(changed.code, 1);
    assert.match(changed.stdout, /^live changed +tool +tools\/hours\.tool\.json \(function\.description\)$/m);
    assert.match(changed.stdout, /^local changes +assistant +assistants\/desk\.assistant\.json \(firstMessage\)$/m);
    const json = JSON.parse((await run(['status', '--format', 'json', ...vapi()])).stdout);
    assert.deepEqual(json.files.filter((file: { state: string }) => file.state !== 'in-sync').map((file: { key: string; state: string }) => `${file.key} ${file.state}`), ['assistants/desk.assistant.json local-changes', 'tools/hours.tool.json live-changed']);

    h.api.requests.length = 0;
    const stopped = await run(['apply', '--resolve', 'fail', '--yes', ...vapi()]);
    assert.equal(stopped.code, 3);
    assert.match(stopped.stdout, /^conflict tool tools\/hours\.tool\.json: live changed/m);
    assert.match(stopped.stderr, /Stopped: 1 conflict\(s\); nothing was sent\./);
    assert.deepEqual(h.api.mutatingRequests(), []);

    const theirs = await run(['apply', '--resolve', 'theirs', '--yes', ...vapi()]);
    assert.equal(theirs.code, 0, theirs.stderr);
    const live = (await (await fetch(`${h.api.vapiUrl}/tool/${toolId}`, { headers: { authorization: `Bearer ${keys.vapi}` } })).json()) as Record<string, unknown>;
    const { id: _id, orgId: _org, createdAt: _c, updatedAt: _u, latestVersion: _v, ...fields } = live;
    assert.deepEqual(JSON.parse(await h.read('tools/hours.tool.json')), fields, 'the file equals live');
    assert.equal((h.api.stores.vapi.items.get(state.files['assistants/desk.assistant.json'].default.id)!.fields as { firstMessage: string }).firstMessage, 'Edited in git.');
    assert.equal((await run(['status', ...vapi()])).code, 0);
  });

  it('plan --format markdown is a table for a pull request comment; json is the plan object', async () => {
    await sevenFiles(h);
    const markdown = await run(['plan', '--format', 'markdown', ...vapi()]);
    assert.equal(markdown.code, 0, markdown.stderr);
    assert.match(markdown.stdout, /^### Assistant Config plan for `default`$/m);
    assert.match(markdown.stdout, /^\| 7 \| ➕ create \| squad \| `squads\/support\.squad\.json` \| new \|$/m);
    const json = JSON.parse((await run(['plan', '--format', 'json', ...vapi()])).stdout);
    assert.equal(json.steps.length, 7);
    assert.equal((await run(['plan', '--format', 'yaml', ...vapi()])).code, 2);
  });

  it('pull --all into an empty folder, then status is all in sync, apply sends nothing and a second pull writes nothing', async () => {
    await sevenFiles(h, 'elsewhere');
    await run(['apply', '--yes', ...vapi()]);
    await rm(path.join(h.root, 'elsewhere'), { recursive: true });
    await rm(path.join(h.root, '.assistant-config'), { recursive: true });
    h.api.requests.length = 0;

    const pulled = await run(['pull', '--all', '-o', 'org', ...vapi()]);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.equal(pulled.stdout.split('\n').filter((line) => line.startsWith('wrote org/')).length, 7, pulled.stdout);
    const status = await run(['status', ...vapi()]);
    assert.equal(status.code, 0, status.stdout);
    const applied = await run(['apply', '--yes', ...vapi()]);
    assert.equal(applied.code, 0);
    assert.match(applied.stderr, /Nothing to do: everything is in sync with 'default'\./);
    const again = await run(['pull', '--all', '-o', 'org', ...vapi()]);
    assert.equal(again.stdout, '');
    assert.match(again.stderr, /Nothing changed: all 7 resource\(s\) of 'default' already match their files\./);
    assert.deepEqual(h.api.mutatingRequests(), []);
    assert.equal((await run(['pull', '--all', 'some-id', ...vapi()])).code, 2);
  });

  it('an apply killed 20 times at random moments against a slow API, then run once more: one remote resource per file, every file linked', async () => {
    await sevenFiles(h);
    // Every request takes 40-120 ms, so a kill lands before, during or after one.
    h.api.faults.add({ effect: { kind: 'latency', ms: 80 }, times: 100_000 });
    const delays: number[] = [];
    for (let kill = 0; kill < 20; kill++) {
      const delay = 150 + Math.floor(Math.random() * 900);
      delays.push(delay);
      const child = spawn(process.execPath, [bundle, 'apply', '--yes', ...vapi()], { cwd, env: { PATH: process.env.PATH ?? '', HOME: home, VAPI_API_KEY: keys.vapi }, stdio: 'ignore' });
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), delay);
      await exited;
      clearTimeout(timer);
    }
    h.api.faults.clear();
    const last = await run(['apply', '--yes', ...vapi()]);
    assert.equal(last.code, 0, `${last.stdout}${last.stderr} (kills after ${delays.join(', ')} ms)`);
    const counts = { assistant: h.api.stores.vapi.items.size, tool: h.api.stores.tool.items.size, squad: h.api.stores.squad.items.size, output: h.api.stores['structured-output'].items.size };
    assert.deepEqual(counts, { assistant: 2, tool: 3, squad: 1, output: 1 }, `kills after ${delays.join(', ')} ms`);
    const state = JSON.parse(await h.state()) as { files: Record<string, { default?: { id?: string; pendingCreate?: unknown } }> };
    const linked = Object.entries(state.files).filter(([, envs]) => envs.default?.id && !envs.default.pendingCreate);
    assert.equal(linked.length, 7);
    assert.equal(new Set(linked.map(([, envs]) => envs.default!.id)).size, 7);
    assert.equal((await run(['status', ...vapi()])).code, 0);
  });

  it('validate --format sarif is a SARIF 2.1.0 log that validates against the schema; github and json name the same places', async () => {
    await h.file('v/bad.assistant.json', '{\n  "name": "Front Desk",\n  "nmae": "typo",\n  "voice": { "provider": "11labs", "voiceId": "burt", "stability": 7 }\n}\n');
    await h.file('v/good.tool.json', vapiFunctionTool());
    const sarif = await run(['validate', '--format', 'sarif', 'v/bad.assistant.json', 'v/good.tool.json']);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout);
    const schema = JSON.parse(await readFile(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The schema's language pattern is not valid with the u flag (a stray `]`); it is meant without it.
    const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.ok(validate(JSON.parse(sarif.stdout)), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    const results = log.runs[0].results as { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[];
    assert.ok(results.length >= 2);
    const typo = results.find((result) => result.message.text.includes('nmae'))!;
    assert.equal(typo.level, 'error');
    assert.deepEqual(typo.locations[0].physicalLocation.artifactLocation.uri, 'v/bad.assistant.json');
    assert.deepEqual([typo.locations[0].physicalLocation.region.startLine, typo.locations[0].physicalLocation.region.startColumn], [3, 3]);

    const github = await run(['validate', '--format', 'github', 'v/bad.assistant.json']);
    assert.match(github.stdout, /^::error file=v\/bad\.assistant\.json,line=3,col=3,endLine=3,endColumn=\d+,title=assistant-config [^:]+::.*nmae/m);
    const json = JSON.parse((await run(['validate', '--format', 'json', 'v/bad.assistant.json'])).stdout) as { file: string; line: number; column: number; severity: string }[];
    assert.ok(json.some((entry) => entry.file === 'v/bad.assistant.json' && entry.line === 3 && entry.column === 3 && entry.severity === 'error'));
    assert.equal((await run(['validate', '--format', 'xml', 'v/bad.assistant.json'])).code, 2);
  });
});
