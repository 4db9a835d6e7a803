// The workspace state file under concurrent commands (in one process and across processes), damage and
// hostile content: it comes from git, so from anyone who can open a pull request.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { linkedFiles, localStatus, pull, push, readLink, STATE_FILE, SyncError, type SyncContext } from '../../sync/src/index';
import { writeFileAtomic } from '../../sync/src/atomicFile';
import { harness, vapiAssistant, type Harness } from './helpers';

const projectRoot = path.resolve(__dirname, '../..');
const hash = `sha256:${'a'.repeat(64)}`;

describe('state file', () => {
  let h: Harness;
  let outside: string;
  before(async () => {
    h = await harness();
    outside = await mkdtemp(path.join(tmpdir(), 'assistant-config-outside-'));
  });
  after(async () => {
    await h.close();
    await rm(outside, { recursive: true, force: true });
  });
  beforeEach(async () => {
    h.reset();
    await rm(path.join(h.root, '.assistant-config'), { recursive: true, force: true });
    for (const name of await readdir(outside)) await rm(path.join(outside, name), { recursive: true, force: true });
  });

  const statePath = () => path.join(h.root, STATE_FILE);
  const writeState = async (files: unknown, prefix = '') => {
    await mkdir(path.dirname(statePath()), { recursive: true });
    await writeFile(statePath(), prefix + JSON.stringify({ version: 1, files }, null, 2));
  };
  /** A context that collects the warnings it is given. */
  const warned = (overrides: Partial<SyncContext> = {}) => {
    const warnings: string[] = [];
    return { ctx: h.ctx('vapi', { onWarning: (message) => warnings.push(message), ...overrides }), warnings };
  };

  it('keeps every link when several pushes run at once', async () => {
    const files = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => h.file(`many/${i}.assistant.json`, vapiAssistant(`Bot ${i}`))));
    const results = await Promise.all(files.map((file) => push(h.ctx('vapi'), file)));
    assert.deepEqual(results.map((r) => r.status), Array(6).fill('created'));
    const state = JSON.parse(await h.state());
    assert.deepEqual(Object.keys(state.files), files.map((_, i) => `many/${i}.assistant.json`));
  });

  it('keeps every link when two processes update the state at once (a lock across processes)', async () => {
    const writer = (prefix: string) =>
      new Promise<void>((resolve, reject) =>
        execFile(process.execPath, ['--import', 'tsx', 'test/sync/stateWriter.ts', h.root, prefix, '40'], { cwd: projectRoot }, (error, _stdout, stderr) =>
          error ? reject(new Error(stderr || error.message)) : resolve(),
        ),
      );
    await Promise.all([writer('first'), writer('second'), writer('third')]);
    const keys = Object.keys(JSON.parse(await h.state()).files);
    assert.equal(keys.length, 120, `${120 - keys.length} link(s) lost`);
    const left = await readdir(path.dirname(statePath()));
    assert.deepEqual(left, ['state.json'], 'no lock or temporary file is left behind');
  });

  it('reports the status of a file from the state alone', async () => {
    const file = await h.file('status/a.assistant.json', vapiAssistant());
    const ctx = h.ctx('vapi');
    assert.deepEqual(await localStatus(ctx, file), { status: 'unlinked' });
    const created = await push(ctx, file);
    assert.ok(created.status === 'created');
    assert.deepEqual(await localStatus(ctx, file), { status: 'in-sync', id: created.id });
    // Formatting is not a change; content is.
    assert.deepEqual(await localStatus(ctx, { ...file, text: JSON.stringify(JSON.parse(file.text)) }), { status: 'in-sync', id: created.id });
    assert.deepEqual(await localStatus(ctx, { ...file, text: file.text.replace('600', '601') }), { status: 'modified', id: created.id });
  });

  it('refuses files outside the workspace and a damaged state file, with a way forward', async () => {
    await assert.rejects(readLink(h.ctx('vapi'), path.join(h.root, '..', 'elsewhere.assistant.json')), /is outside the workspace/);
    await mkdir(path.dirname(statePath()), { recursive: true });
    await writeFile(statePath(), '{ not json');
    await assert.rejects(readLink(h.ctx('vapi'), path.join(h.root, 'a.assistant.json')), (error: SyncError) => {
      assert.equal(error.kind, 'config');
      assert.match(error.message, /^\.assistant-config\/state\.json is not a valid state file \(.*JSON.*\)\. Fix or delete it \(links will be lost\)\.$/);
      return true;
    });
  });

  it('ignores a link whose id is not a vendor id, says where it is, and never puts it in a URL', async () => {
    const file = await h.file('hostile/a.assistant.json', vapiAssistant('Hostile Id'));
    await writeState({ 'hostile/a.assistant.json': { dev: { id: '../../admin/delete?x=1#', localHash: hash, remoteHash: hash } } });
    const { ctx, warnings } = warned();
    assert.equal(await readLink(ctx, file.path), undefined);
    assert.deepEqual(warnings, [
      '.assistant-config/state.json: files["hostile/a.assistant.json"]["dev"].id: "../../admin/delete?x=1#" is not an id (Vapi ids are UUIDs); entry ignored.',
    ]);
    const result = await push(ctx, file);
    assert.equal(result.status, 'created');
    assert.ok(h.api.requests.every((request) => !request.path.includes('admin')));
    assert.equal(warnings.length, 1, 'told once per command');
  });

  it('ignores file keys that leave the workspace, entries of the wrong shape and a pending create with a bad time', async () => {
    const id = randomUUID();
    await writeState({
      '../../etc/passwd': { dev: { id, localHash: hash, remoteHash: hash } },
      '/etc/hosts': { dev: { id } },
      'ok.assistant.json': { dev: { id, localHash: hash, remoteHash: hash } },
      'string.assistant.json': 'abc',
      'array.assistant.json': { dev: [1, 2] },
      'pending.assistant.json': { dev: { pendingCreate: { startedAt: 'yesterday', keys: ['name'], hash } } },
    });
    const { ctx, warnings } = warned();
    const linked = await linkedFiles(ctx);
    assert.deepEqual(linked.map((entry) => entry.key), ['ok.assistant.json']);
    assert.equal(linked[0].path, path.join(h.root, 'ok.assistant.json'));
    assert.deepEqual(warnings.sort(), [
      '.assistant-config/state.json: files["../../etc/passwd"]: not a path inside the workspace; entry ignored.',
      '.assistant-config/state.json: files["/etc/hosts"]: not a path inside the workspace; entry ignored.',
      '.assistant-config/state.json: files["array.assistant.json"]["dev"]: an object expected, found an array; entry ignored.',
      '.assistant-config/state.json: files["pending.assistant.json"]["dev"].pendingCreate.startedAt: not a time; entry ignored.',
      '.assistant-config/state.json: files["string.assistant.json"]: an object of environments expected; entry ignored.',
    ]);

    // The file with the damaged marker pushes normally (no "Invalid time value"), and nothing else in the
    // state file is lost or spread into keys "0", "1", …
    const pending = await h.file('pending.assistant.json', vapiAssistant('Pending'));
    assert.equal((await push(ctx, pending)).status, 'created');
    const state = JSON.parse(await h.state());
    assert.equal(state.files['string.assistant.json'], 'abc');
    assert.deepEqual(state.files['../../etc/passwd'], { dev: { id, localHash: hash, remoteHash: hash } });
    assert.ok(state.files['pending.assistant.json'].dev.id);
    assert.equal(Object.keys(state.files).some((key) => /^\d+$/.test(key)), false);
  });

  it('treats "__proto__" as an ordinary name in the state file', async () => {
    const id = randomUUID();
    await mkdir(path.dirname(statePath()), { recursive: true });
    await writeFile(statePath(), `{"version":1,"files":{"__proto__":{"dev":{"id":"${id}"}},"a.assistant.json":{"__proto__":{"id":"${id}"}}}}`);
    const ctx = h.ctx('vapi', { env: { ...h.ctx('vapi').env, name: '__proto__' } });
    assert.deepEqual(await readLink(ctx, path.join(h.root, 'a.assistant.json')), { id });
    const file = await h.file('b.assistant.json', vapiAssistant('Proto'));
    assert.equal((await push(ctx, file)).status, 'created');
    const text = await h.state();
    assert.match(text, /"__proto__": \{\s+"dev"/);
    assert.equal(({} as Record<string, unknown>).dev, undefined, 'no prototype was changed');
    assert.ok(JSON.parse(text).files['b.assistant.json'].__proto__.id);
  });

  it('reads a state file that starts with a byte order mark', async () => {
    const id = randomUUID();
    await writeState({ 'bom.assistant.json': { dev: { id, localHash: hash, remoteHash: hash } } }, '\uFEFF');
    assert.deepEqual(await readLink(h.ctx('vapi'), path.join(h.root, 'bom.assistant.json')), { id, localHash: hash, remoteHash: hash });
  });

  it('says what is wrong when .assistant-config is a file', async () => {
    await writeFile(path.join(h.root, '.assistant-config'), 'not a folder');
    const file = await h.file('asfile.assistant.json', vapiAssistant());
    await assert.rejects(push(h.ctx('vapi'), file), (error: SyncError) => {
      assert.equal(error.kind, 'config');
      assert.equal(error.message, '.assistant-config is a file, but it must be the folder that holds state.json. Move that file away and sync again.');
      return true;
    });
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('refuses a state file or folder that is a symbolic link, and writes nothing through it', async () => {
    const file = await h.file('linked/a.assistant.json', vapiAssistant());
    await symlink(outside, path.join(h.root, '.assistant-config'));
    await assert.rejects(push(h.ctx('vapi'), file), /^SyncError: \.assistant-config is a symbolic link; refusing to read or write the state file through it/);
    await rm(path.join(h.root, '.assistant-config'));
    await mkdir(path.join(h.root, '.assistant-config'));
    const target = path.join(outside, 'state.json');
    await writeFile(target, JSON.stringify({ version: 1, files: {} }));
    await symlink(target, statePath());
    await assert.rejects(push(h.ctx('vapi'), file), /state\.json is a symbolic link; refusing to read or write through it/);
    assert.deepEqual(await readdir(outside), ['state.json']);
    assert.equal(await readFile(target, 'utf8'), JSON.stringify({ version: 1, files: {} }));
    assert.deepEqual(h.api.mutatingRequests(), []);
  });

  it('pull refuses a target that leads out of the workspace through a link, and writes a link inside at its real path', async () => {
    const remote = h.api.stores.vapi.create(vapiAssistant('Linked Pull'));
    const victim = path.join(outside, 'victim.assistant.json');
    await writeFile(victim, 'precious');
    await symlink(victim, path.join(h.root, 'out.assistant.json'));
    await symlink(outside, path.join(h.root, 'outdir'));
    for (const target of ['out.assistant.json', 'outdir/new.assistant.json']) {
      await assert.rejects(pull(h.ctx('vapi'), { id: remote.id, path: path.join(h.root, target), overwrite: true }), (error: SyncError) => {
        assert.equal(error.kind, 'config');
        assert.match(error.message, /is outside the workspace .* \(it leads to .* through a symbolic link\)/);
        return true;
      });
    }
    assert.equal(await readFile(victim, 'utf8'), 'precious');
    assert.deepEqual((await readdir(outside)).sort(), ['victim.assistant.json']);

    await h.file('real/inside.assistant.json', '');
    await symlink(path.join(h.root, 'real/inside.assistant.json'), path.join(h.root, 'alias.assistant.json'));
    assert.equal((await pull(h.ctx('vapi'), { id: remote.id, path: path.join(h.root, 'alias.assistant.json') })).status, 'written');
    assert.match(await h.read('real/inside.assistant.json'), /"name": "Linked Pull"/);
    assert.deepEqual(Object.keys(JSON.parse(await h.state()).files), ['real/inside.assistant.json']);
  });

  it('refuses an id of the wrong shape before sending anything', async () => {
    await assert.rejects(pull(h.ctx('vapi'), { id: '../../admin/delete?x=1#', path: path.join(h.root, 'x.assistant.json') }), (error: SyncError) => {
      assert.equal(error.kind, 'config');
      assert.equal(error.message, "'../../admin/delete?x=1#' is not a Vapi assistant id (Vapi ids are UUIDs).");
      return true;
    });
    assert.deepEqual(h.api.requests, []);
  });

  it('writes atomically: no temporary file stays, and those of a killed writer are cleared', async () => {
    const target = path.join(h.root, 'atomic.assistant.json');
    await writeFile(path.join(h.root, '.atomic.assistant.json.999999999.0badf00d.tmp'), 'left by a killed writer');
    await writeFileAtomic(target, 'new');
    assert.equal(await readFile(target, 'utf8'), 'new');
    assert.deepEqual((await readdir(h.root)).filter((name) => name.includes('atomic')), ['atomic.assistant.json']);
  });
});
