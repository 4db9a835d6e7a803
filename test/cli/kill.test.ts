// kill -9 at random moments: the CLI (the bundle, as installed) is SIGKILLed at random points of a create, an
// update and a pull against a slow local API, then run again to the end. Whatever the moment, there is exactly one
// remote assistant, the state file is valid JSON that links the file to it, and the file is whole (the old text or
// the new one, never a part). KILLS=<n> kills per operation (8 in the suite); KILL_SEED=<n> replays a run.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seededRandom } from '../helpers/seededRandom';
import { harness, keys, vapiAssistant, type Harness } from '../sync/helpers';

const projectRoot = path.resolve(__dirname, '../..');
const bundle = path.join(projectRoot, 'dist', 'cli.js');
const kills = Number(process.env.KILLS ?? 8);
const seed = Number(process.env.KILL_SEED ?? 20261202);
/** Every request waits this long, so a kill can land while one is on its way, answered or not. */
const latencyMs = 120;

describe(`CLI killed with SIGKILL at random points (seed ${seed}, KILL_SEED=${seed} to replay)`, () => {
  let h: Harness;
  const next = seededRandom(seed);
  const figures = { kills: 0, killedBeforeExit: 0, duplicates: 0, corruptFiles: 0, corruptStates: 0 };
  before(async () => {
    h = await harness();
  });
  after(async () => {
    await h.close();
  });

  /** Runs the CLI; with `killAfterMs`, SIGKILLs it then (if it is still running). */
  const cli = async (args: string[], killAfterMs?: number): Promise<{ code: number | null; killed: boolean; stderr: string; ms: number }> => {
    const started = Date.now();
    const child = spawn(process.execPath, [bundle, ...args, '--base-url', h.api.vapiUrl], {
      cwd: h.root,
      env: { PATH: process.env.PATH ?? '', HOME: h.root, VAPI_API_KEY: keys.vapi },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.resume();
    let killed = false;
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => (killed = child.kill('SIGKILL')), killAfterMs);
    const [code] = (await once(child, 'exit')) as [number | null];
    clearTimeout(timer);
    return { code, killed: killed && code === null, stderr, ms: Date.now() - started };
  };
  const slow = () => h.api.faults.add({ effect: { kind: 'latency', ms: latencyMs }, times: 1_000_000 });
  const statePath = () => path.join(h.root, '.assistant-config', 'state.json');
  const remotes = () => [...h.api.stores.vapi.items.values()];
  const text = (fields: Record<string, unknown>) => JSON.stringify(fields, null, 2) + '\n';

  /** The state file parses, and links the file to the one remote assistant. */
  const checkState = async (id: string) => {
    let state: unknown;
    try {
      state = JSON.parse(await readFile(statePath(), 'utf8'));
    } catch (error) {
      figures.corruptStates++;
      assert.fail(`the state file is not valid JSON: ${String(error)}`);
    }
    assert.ok(JSON.stringify(state).includes(id), `the state links ${id}: ${JSON.stringify(state)}`);
  };
  const checkOneRemote = () => {
    const all = remotes();
    if (all.length !== 1) figures.duplicates += Math.max(0, all.length - 1);
    assert.equal(all.length, 1, `exactly one remote assistant, not ${all.length}`);
    return { id: all[0].id, ...all[0].fields } as { id: string; name?: string; maxDurationSeconds?: number };
  };
  /** Starts each round from nothing: no remote, no state, no file. */
  const fresh = async () => {
    h.reset();
    await rm(path.join(h.root, '.assistant-config'), { recursive: true, force: true });
    await rm(path.join(h.root, 'a.assistant.json'), { force: true });
  };
  /** How long an uninterrupted run of the operation takes, so the kills fall anywhere inside it. */
  const durations = new Map<string, number>();
  const killAt = (operation: string) => Math.floor(next() * (durations.get(operation) ?? 1500));
  /** Kills that landed while the CLI still ran, per operation: a kill after it exited tests nothing. */
  const landed = new Map<string, number>();
  const mostLanded = (operation: string) =>
    assert.ok((landed.get(operation) ?? 0) * 2 > kills, `only ${landed.get(operation) ?? 0} of ${kills} kills of the ${operation} landed while it ran`);
  /**
   * Round 0 runs the operation uninterrupted and times it; every later round SIGKILLs it at a random point of
   * that time, lets `afterKill` look at what the kill left, and runs it again to the end.
   */
  const killThenRunAgain = async (operation: string, args: string[], round: number, afterKill: (at: number) => Promise<void>) => {
    if (round === 0) {
      const timed = await cli(args);
      assert.equal(timed.code, 0, timed.stderr);
      durations.set(operation, timed.ms);
      return;
    }
    const at = killAt(operation);
    const first = await cli(args, at);
    figures.kills++;
    if (first.killed) {
      figures.killedBeforeExit++;
      landed.set(operation, (landed.get(operation) ?? 0) + 1);
    } else {
      // A later run was quicker than the timed one: the next kills fall inside this quicker time.
      durations.set(operation, Math.min(durations.get(operation)!, first.ms));
    }
    await afterKill(at);
    const again = await cli(args);
    assert.equal(again.code, 0, `killed at ${at} ms, then: ${again.stderr}`);
  };
  // The killed process may have left a request in flight: the server finishes it after its latency.
  const inFlightDone = () => new Promise<void>((resolve) => setTimeout(resolve, latencyMs * 2));

  it(`a create killed at ${kills} random points, then run again: one assistant, linked, file unchanged`, async () => {
    for (let round = 0; round <= kills; round++) {
      await fresh();
      const original = text(vapiAssistant('Kill Desk'));
      await writeFile(path.join(h.root, 'a.assistant.json'), original);
      slow();
      await killThenRunAgain('create', ['push', 'a.assistant.json'], round, inFlightDone);
      const remote = checkOneRemote();
      assert.equal(remote.name, 'Kill Desk');
      await checkState(remote.id);
      const after = await readFile(path.join(h.root, 'a.assistant.json'), 'utf8');
      if (after !== original) figures.corruptFiles++;
      assert.equal(after, original, 'push never changes the file');
    }
    mostLanded('create');
  });

  it(`an update killed at ${kills} random points, then run again: the one assistant updated, linked, file unchanged`, async () => {
    for (let round = 0; round <= kills; round++) {
      await fresh();
      await writeFile(path.join(h.root, 'a.assistant.json'), text(vapiAssistant('Kill Desk')));
      assert.equal((await cli(['push', 'a.assistant.json'])).code, 0);
      const edited = text({ ...vapiAssistant('Kill Desk'), maxDurationSeconds: 900 + round });
      await writeFile(path.join(h.root, 'a.assistant.json'), edited);
      slow();
      await killThenRunAgain('update', ['push', 'a.assistant.json'], round, inFlightDone);
      const remote = checkOneRemote();
      assert.equal(remote.maxDurationSeconds, 900 + round);
      await checkState(remote.id);
      const after = await readFile(path.join(h.root, 'a.assistant.json'), 'utf8');
      if (after !== edited) figures.corruptFiles++;
      assert.equal(after, edited);
    }
    mostLanded('update');
  });

  it(`a pull killed at ${kills} random points: the file is the old text or the new, never part of one; run again, the new`, async (t) => {
    for (let round = 0; round <= kills; round++) {
      await fresh();
      // A file big enough that writing it takes a while.
      const fields = { ...vapiAssistant('Kill Desk'), model: { provider: 'openai', model: 'gpt-4o', messages: [{ role: 'system', content: 'You are Ava. '.repeat(20_000) }] } };
      const original = text(fields);
      await writeFile(path.join(h.root, 'a.assistant.json'), original);
      assert.equal((await cli(['push', 'a.assistant.json'])).code, 0);
      const remote = checkOneRemote();
      h.api.stores.vapi.update(remote.id, { maxDurationSeconds: 1200 });
      slow();
      await killThenRunAgain('pull', ['pull', remote.id, '-o', 'a.assistant.json', '--yes'], round, async (at) => {
        const between = await readFile(path.join(h.root, 'a.assistant.json'), 'utf8');
        let whole = false;
        try {
          const value = JSON.parse(between) as { maxDurationSeconds?: number };
          whole = between === original || value.maxDurationSeconds === 1200;
        } catch {
          whole = false;
        }
        if (!whole) figures.corruptFiles++;
        assert.ok(whole, `killed at ${at} ms: the file is neither the old text nor the pulled one (${between.length} characters)`);
      });
      const pulled = JSON.parse(await readFile(path.join(h.root, 'a.assistant.json'), 'utf8')) as { maxDurationSeconds?: number };
      assert.equal(pulled.maxDurationSeconds, 1200);
      assert.equal(checkOneRemote().id, remote.id);
      await checkState(remote.id);
    }
    mostLanded('pull');
    t.diagnostic(
      `kill figures (seed ${seed}): ${figures.kills} kills (${figures.killedBeforeExit} while running; create ${durations.get('create')} ms, update ${durations.get('update')} ms, pull ${durations.get('pull')} ms uninterrupted), ` +
        `${figures.duplicates} duplicates, ${figures.corruptFiles} corrupt files, ${figures.corruptStates} corrupt state files`,
    );
  });
});
