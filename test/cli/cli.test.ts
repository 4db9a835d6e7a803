// The `assistant-config` CLI as a user runs it (a child process) against the mock APIs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { harness, insightoAssistant, keys, vapiAssistant, vapiFunctionTool, type Harness } from '../sync/helpers';
import { cliNodeArgs, cliRunner } from './runner';

/** Every byte any CLI run printed, for the key check at the end. */
const transcript: string[] = [];

describe('assistant-config CLI', () => {
  let h: Harness;
  let home: string;
  const run = cliRunner(() => h.root, () => home, (output) => transcript.push(output));
  const vapi = () => ['--base-url', h.api.vapiUrl];
  const insighto = () => ['--vendor', 'insighto', '--base-url', h.api.insightoUrl];

  before(async () => {
    h = await harness();
    home = path.join(h.root, 'home');
    await mkdir(path.join(home, '.config', 'assistant-config'), { recursive: true });
  });
  after(() => h.close());

  it('--help documents the commands and exit codes', async () => {
    const result = await run(['--help']);
    assert.equal(result.code, 0);
    for (const text of ['validate <files..>', 'push <file> [--yes] [--dry-run]', 'pull <id> [-o <file>]', 'diff <file>', 'list', 'Exit codes:', '130  cancelled']) {
      assert.ok(result.stdout.includes(text), text);
    }
  });

  it('usage errors exit 2', async () => {
    assert.equal((await run([])).code, 2);
    const unknown = await run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command 'frobnicate'/);
    assert.equal((await run(['push'])).code, 2);
    const flag = await run(['list', '--bogus']);
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /Unknown option '--bogus'/);
  });

  it('validate prints file:line:col severity message and exits 1 on errors', async () => {
    await h.file('v/good.assistant.json', vapiAssistant());
    await h.file('v/bad.assistant.json', '{\n  "name": "Front Desk",\n  "nmae": "typo"\n}\n');
    const good = await run(['validate', 'v/good.assistant.json']);
    assert.equal(good.code, 0, good.stdout + good.stderr);
    assert.equal(good.stdout, '');
    const bad = await run(['validate', 'v/good.assistant.json', 'v/bad.assistant.json']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^v\/bad\.assistant\.json:3:3 error .*nmae/m);
    assert.match(bad.stderr, /[1-9]\d* error\(s\), \d+ warning\(s\) in 2 file\(s\)\./);
  });

  it('validate checks Liquid templates, in a resource file and in a Markdown prompt; --template-variables adds names', async () => {
    const prompt = 'Hello {{ customer.name | upcse }}.\nYour clinic is {{ clinic }}.';
    await h.file('t/desk.assistant.json', JSON.stringify({ name: 'Desk', model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: prompt }] } }, null, 2));
    await h.file('t/prompts/desk.md', '# Desk\n\nCall back on {{ customer.number }\n');
    const result = await run(['validate', 't/desk.assistant.json', 't/prompts/desk.md']);
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /^t\/desk\.assistant\.json:9:\d+ error Unknown Liquid filter "upcse"\. Did you mean "upcase"\?$/m);
    assert.match(result.stdout, /^t\/prompts\/desk\.md:3:14 error Liquid output "\{\{ customer\.number \}" is not closed/m);
    // Once the filter is fixed the unknown variable shows (information: the exit code stays 0), until the flag names it.
    await h.file('t/desk.assistant.json', JSON.stringify({ name: 'Desk', firstMessage: 'Hi {{ clinic }}' }, null, 2));
    const info = await run(['validate', 't/desk.assistant.json']);
    assert.equal(info.code, 0, info.stdout + info.stderr);
    assert.match(info.stdout, /^t\/desk\.assistant\.json:3:\d+ info "clinic" is not a variable/m);
    const named = await run(['validate', 't/desk.assistant.json', '--template-variables', 'clinic,agent.name']);
    assert.equal(named.stdout, '');
  });

  it('pull -o, push, diff round trip is a no-op (vapi)', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('CLI Round Trip'));
    h.api.requests.length = 0;
    const pulled = await run(['pull', remote.id, '-o', 'rt/desk.assistant.json', ...vapi()]);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.equal(pulled.stdout, `Wrote rt/desk.assistant.json from assistant ${remote.id} in environment 'default'.\n`);
    const pushed = await run(['push', 'rt/desk.assistant.json', ...vapi()]);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.equal(pushed.stdout, `Nothing to push: rt/desk.assistant.json is in sync with assistant ${remote.id} in environment 'default'.\n`);
    const diffed = await run(['diff', 'rt/desk.assistant.json', ...vapi()]);
    assert.equal(diffed.code, 0);
    assert.equal(diffed.stdout, `No differences: rt/desk.assistant.json matches assistant ${remote.id} in environment 'default'.\n`);
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('pull <file> takes the live copy of a linked file into it; an unlinked file is refused, saying how', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('Pulled By File'));
    assert.equal((await run(['pull', remote.id, '-o', 'byfile/desk.assistant.json', ...vapi()])).code, 0);
    h.api.stores.vapi.editInDashboard(remote.id, { firstMessage: 'Changed in the dashboard' });
    const pulled = await run(['pull', 'byfile/desk.assistant.json', ...vapi()]);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.equal(pulled.stdout, `Wrote byfile/desk.assistant.json from assistant ${remote.id} in environment 'default'.\n`);
    assert.equal(JSON.parse(await readFile(path.join(h.root, 'byfile/desk.assistant.json'), 'utf8')).firstMessage, 'Changed in the dashboard');

    await writeFile(path.join(h.root, 'byfile/new.assistant.json'), JSON.stringify(vapiAssistant('Never Pushed')));
    const unlinked = await run(['pull', 'byfile/new.assistant.json', ...vapi()]);
    assert.notEqual(unlinked.code, 0);
    assert.match(unlinked.stderr, /byfile\/new\.assistant\.json is not linked to an assistant in environment 'default': push it first, or pull an id into it with pull <id> -o byfile\/new\.assistant\.json\./);
  });

  it('pull -o, push, diff round trip is a no-op (insighto)', async () => {
    const remote = h.api.stores.insighto.create(insightoAssistant('CLI Bot'));
    h.api.requests.length = 0;
    assert.equal((await run(['pull', remote.id, '-o', 'rt/bot.insighto.assistant.json', ...insighto()])).code, 0);
    const pushed = await run(['push', 'rt/bot.insighto.assistant.json', ...insighto()]);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.match(pushed.stdout, /^Nothing to push: rt\/bot\.insighto\.assistant\.json is in sync with assistant /);
    assert.equal((await run(['diff', 'rt/bot.insighto.assistant.json', ...insighto()])).code, 0);
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('a remote change after pull stops push (exit 3); --yes overwrites', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('Conflict'));
    await run(['pull', remote.id, '-o', 'cf/a.assistant.json', ...vapi()]);
    h.api.stores.vapi.editInDashboard(remote.id, { firstMessage: 'Dashboard edit' });
    const file = path.join(h.root, 'cf/a.assistant.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"maxDurationSeconds": 600', '"maxDurationSeconds": 1200'));

    const stopped = await run(['push', 'cf/a.assistant.json', ...vapi()]);
    assert.equal(stopped.code, 3);
    assert.equal(
      stopped.stdout,
      `Assistant ${remote.id} changed in environment 'default' since the last sync; nothing was sent.\n` +
        'Differences (+ only in the file, - only live, ~ changed):\n  ~ firstMessage\n  ~ maxDurationSeconds\n',
    );
    assert.match(stopped.stderr, /push again with --yes to overwrite it/);
    assert.equal(h.api.stores.vapi.items.get(remote.id)!.fields.firstMessage, 'Dashboard edit');

    const diffed = await run(['diff', 'cf/a.assistant.json', ...vapi()]);
    assert.equal(diffed.code, 1);
    assert.match(diffed.stdout, /^- {3}"firstMessage": "Dashboard edit",$/m);
    assert.match(diffed.stdout, /^\+ {3}"maxDurationSeconds": 1200,$/m);

    const forced = await run(['push', 'cf/a.assistant.json', '--yes', ...vapi()]);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, `Updated assistant ${remote.id} in environment 'default': firstMessage, maxDurationSeconds.\n`);
    assert.equal(h.api.stores.vapi.items.get(remote.id)!.fields.maxDurationSeconds, 1200);
    assert.equal((await run(['diff', 'cf/a.assistant.json', ...vapi()])).code, 0);
  });

  it('push creates, --dry-run sends nothing, schema errors exit 1 with file:line:col', async () => {
    await h.file('cr/new.assistant.json', vapiAssistant('Created By CLI'));
    h.api.requests.length = 0;
    const dry = await run(['push', 'cr/new.assistant.json', '--dry-run', ...vapi()]);
    assert.equal(dry.code, 0);
    assert.match(dry.stdout, /^Dry run: would create a new assistant in environment 'default'\.\n\{\n {2}"endCallPhrases"/);
    assert.deepEqual(h.api.mutatingRequests(), []);

    const created = await run(['push', 'cr/new.assistant.json', ...vapi()]);
    assert.equal(created.code, 0, created.stderr);
    const id = /Created assistant (\S+) in environment 'default'; cr\/new\.assistant\.json is linked to it\./.exec(created.stdout)?.[1];
    assert.ok(id && h.api.stores.vapi.items.has(id), created.stdout);

    await h.file('cr/bad.assistant.json', '{\n  "name": "x",\n  "nmae": 1\n}\n');
    const bad = await run(['push', 'cr/bad.assistant.json', ...vapi()]);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^cr\/bad\.assistant\.json:3:3 error /m);
    assert.match(bad.stderr, /Push refused: \d+ schema error\(s\) in cr\/bad\.assistant\.json; nothing was sent to environment 'default'\./);
  });

  it("an API 400 is printed as file:line:col at the path it names", async () => {
    const assistant = vapiAssistant('Rejected');
    (assistant.voice as Record<string, unknown>).enableSsmlParsing = true;
    const file = await h.file('rej/a.assistant.json', assistant);
    h.api.faults.add({ method: 'POST', effect: { kind: 'reject', messages: ['voice.property enableSsmlParsing should not exist'] } });
    const result = await run(['push', 'rej/a.assistant.json', ...vapi()]);
    assert.equal(result.code, 1);
    const lines = file.text.split('\n');
    const line = lines.findIndex((l) => l.includes('enableSsmlParsing'));
    const column = lines[line].indexOf('"enableSsmlParsing"') + 1;
    assert.equal(result.stdout, `rej/a.assistant.json:${line + 1}:${column} error voice.property enableSsmlParsing should not exist\n`);
    assert.match(result.stderr, /The API rejected rej\/a\.assistant\.json \(1 problem\(s\)\); nothing was changed in environment 'default'\./);
  });

  it('a lost create retried from the CLI leaves one assistant', async () => {
    await h.file('lost/a.assistant.json', vapiAssistant('CLI Lost Create'));
    const before = h.api.stores.vapi.items.size;
    h.api.faults.add({ method: 'POST', effect: { kind: 'lose-response' } });
    const first = await run(['push', 'lost/a.assistant.json', ...vapi()]);
    assert.equal(first.code, 6);
    assert.match(first.stderr, /The create may have succeeded: push again to check/);
    const second = await run(['push', 'lost/a.assistant.json', ...vapi()]);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /^An earlier create went through as assistant \S+ in environment 'default'; linked it instead of creating another\.$/m);
    assert.equal(h.api.stores.vapi.items.size, before + 1);
  });

  it('a tool file: pull -o x.tool.json chooses the kind from the name; edit, push, diff, list --kind tool', async () => {
    const remote = h.api.stores.tool.create(vapiFunctionTool('lookup_order'));
    h.api.requests.length = 0;
    const pulled = await run(['pull', remote.id, '-o', 'tools/lookup-order.tool.json', ...vapi()]);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.equal(pulled.stdout, `Wrote tools/lookup-order.tool.json from tool ${remote.id} in environment 'default'.\n`);
    assert.deepEqual(JSON.parse(await h.read('tools/lookup-order.tool.json')), vapiFunctionTool('lookup_order'));
    assert.deepEqual(h.api.requests.map((request) => `${request.method} ${request.path}`), [`GET /tool/${remote.id}`]);

    const edited = { ...vapiFunctionTool('lookup_order'), async: true };
    await h.file('tools/lookup-order.tool.json', edited);
    const diffed = await run(['diff', 'tools/lookup-order.tool.json', ...vapi()]);
    assert.equal(diffed.code, 1);
    assert.match(diffed.stdout, new RegExp(`^1 difference\\(s\\) between tools/lookup-order.tool.json and tool ${remote.id}`));
    const pushed = await run(['push', 'tools/lookup-order.tool.json', ...vapi()]);
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.equal(pushed.stdout, `Updated tool ${remote.id} in environment 'default': async.\n`);
    assert.equal(h.api.stores.tool.items.get(remote.id)!.fields.async, true);

    const listed = await run(['list', '--kind', 'tool', ...vapi()]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${remote.id} `, 'm'));
    assert.match(listed.stderr, /1 tool\(s\) in environment 'default'\./);
    const printed = await run(['pull', remote.id, '--kind', 'tool', ...vapi()]);
    assert.equal(JSON.parse(printed.stdout).async, true);
    const wrongKind = await run(['pull', remote.id, '-o', 'tools/x.tool.json', '--kind', 'squad', ...vapi()]);
    assert.equal(wrongKind.code, 2);
    assert.match(wrongKind.stderr, /names a tool file \(tool\), but --kind is squad/);
    assert.equal((await run(['list', '--kind', 'widget', ...vapi()])).code, 2);
  });

  it('a new tool file is created by push and linked', async () => {
    await h.file('tools/new.tool.json', { type: 'endCall' });
    const pushed = await run(['push', 'tools/new.tool.json', ...vapi()]);
    assert.equal(pushed.code, 0, pushed.stderr);
    const id = /^Created tool (\S+) in environment 'default'; tools\/new.tool.json is linked to it\.$/m.exec(pushed.stdout)?.[1];
    assert.ok(id && h.api.stores.tool.items.get(id)?.fields.type === 'endCall', pushed.stdout);
  });

  it('pull refuses unsynced local changes (exit 3) and prints to stdout without -o', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('Pull Target'));
    await h.file('pl/a.assistant.json', vapiAssistant('Local Draft'));
    const refused = await run(['pull', remote.id, '-o', 'pl/a.assistant.json', ...vapi()]);
    assert.equal(refused.code, 3);
    assert.match(refused.stdout, /has changes not synced with environment 'default'; nothing was written\.\n.*\n {2}~ name\n/);
    assert.match(await h.read('pl/a.assistant.json'), /Local Draft/);
    assert.equal((await run(['pull', remote.id, '-o', 'pl/a.assistant.json', '--yes', ...vapi()])).code, 0);
    assert.match(await h.read('pl/a.assistant.json'), /Pull Target/);

    const printed = await run(['pull', remote.id, ...vapi()]);
    assert.equal(printed.code, 0);
    assert.deepEqual(JSON.parse(printed.stdout).name, 'Pull Target');
  });

  it('list prints every assistant; errors map to exit codes', async () => {
    const listed = await run(['list', ...vapi()]);
    assert.equal(listed.code, 0);
    assert.equal(listed.stdout.trim().split('\n').length, h.api.stores.vapi.items.size);
    assert.match(listed.stderr, new RegExp(`${h.api.stores.vapi.items.size} assistant\\(s\\) in environment 'default'\\.`));

    const noKey = await run(['list', ...vapi()], { VAPI_API_KEY: '' });
    assert.equal(noKey.code, 4);
    assert.match(noKey.stderr, /No API key: set VAPI_API_KEY for environment 'default' \(vapi\)\./);
    const wrongKey = await run(['list', ...vapi()], { VAPI_API_KEY: 'sk-wrong' });
    assert.equal(wrongKey.code, 4);
    assert.match(wrongKey.stderr, /refused the key for environment 'default'/);
    assert.match(wrongKey.stderr, /The CLI reads the key from VAPI_API_KEY/);
    const missing = await run(['pull', '00000000-0000-4000-8000-000000000000', ...vapi()]);
    assert.equal(missing.code, 5);
    assert.match(missing.stderr, /Assistant 00000000-0000-4000-8000-000000000000 was not found in environment 'default'/);
    const notAnId = await run(['pull', '../../admin', ...vapi()]);
    assert.equal(notAnId.code, 2);
    assert.match(notAnId.stderr, /^Error: '\.\.\/\.\.\/admin' is not a Vapi assistant id \(Vapi ids are UUIDs\)\.$/m);
    const insecure = await run(['list', '--base-url', 'http://api.vapi.ai']);
    assert.equal(insecure.code, 2);
    assert.match(insecure.stderr, /refusing to send an API key over plain http to api\.vapi\.ai/);
    h.api.faults.add({ method: 'GET', times: 10, effect: { kind: 'status', status: 503 } });
    const down = await run(['list', '--timeout', '5', ...vapi()]);
    h.api.faults.clear();
    assert.equal(down.code, 6);
    assert.match(down.stderr, /failed with 503/);
  });

  it('Ctrl+C cancels a slow request and exits 130', async () => {
    h.api.faults.add({ method: 'GET', effect: { kind: 'latency', ms: 5000 } });
    const child = execFile(process.execPath, [...cliNodeArgs, 'list', ...vapi()], {
      cwd: h.root,
      env: { PATH: process.env.PATH ?? '', HOME: home, VAPI_API_KEY: keys.vapi },
    });
    let stderr = '';
    let interrupted = false;
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk;
      // Interrupt once the command is under way (it announces the environment first). Only once: a second
      // Ctrl+C is left to end the process outright.
      if (!interrupted && stderr.includes('Environment')) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    const started = Date.now();
    const [code] = (await once(child, 'exit')) as [number];
    transcript.push(stderr);
    h.api.faults.clear();
    assert.equal(code, 130);
    assert.match(stderr, /^Error: Cancelled\.$/m);
    assert.ok(Date.now() - started < 4000);
  });

  it('reads named environments from the user config file, keys from the variable it names', async () => {
    await writeFile(
      path.join(home, '.config', 'assistant-config', 'environments.json'),
      JSON.stringify({ environments: { staging: { vendor: 'vapi', baseUrl: h.api.vapiUrl, keyVariable: 'STAGING_KEY' } } }),
    );
    await h.file('named/a.assistant.json', vapiAssistant('Staging Bot'));
    const pushed = await run(['push', 'named/a.assistant.json', '--env', 'staging'], { VAPI_API_KEY: '', STAGING_KEY: keys.vapi });
    assert.equal(pushed.code, 0, pushed.stderr);
    assert.match(pushed.stderr, new RegExp(`^Environment 'staging' \\(vapi, ${h.api.vapiUrl.replace(/\./g, '\\.')}\\)`));
    assert.match(await h.state(), /"staging": \{/);
    const unknown = await run(['list', '--env', 'nope']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Environment 'nope' is not defined in .*environments\.json \(defined: staging\)\./);
  });

  it('never prints or stores a key', async () => {
    const stateText = await h.state();
    const files = await readdir(h.root, { recursive: true });
    const texts = await Promise.all(
      files.filter((f) => f.endsWith('.json')).map((f) => readFile(path.join(h.root, f), 'utf8')),
    );
    for (const text of [...transcript, stateText, ...texts]) {
      assert.ok(!text.includes(keys.vapi) && !text.includes(keys.insighto), text.slice(0, 200));
    }
    assert.ok(transcript.length > 40);
  });
});
