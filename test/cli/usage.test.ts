// The CLI's edges as a new user meets them, through the shipped binary (dist/cli.js): --version, help on
// every command, an unknown or misplaced option in one line, and names that are not files.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { commandSpecs, optionSpec } from '../../cli/src/usage';

const projectRoot = path.resolve(__dirname, '../..');
const bundle = path.join(projectRoot, 'dist', 'cli.js');
const { version } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };

/** Runs the CLI with no API key in the environment: none of these may need one. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bundle, ...args], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', HOME: projectRoot } }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('CLI usage', () => {
  it('--version prints the package version', async () => {
    const result = await run(['--version']);
    assert.deepEqual(result, { code: 0, stdout: `assistant-config ${version}\n`, stderr: '' });
  });

  for (const command of commandSpecs) {
    it(`${command.name} -h, --help and help ${command.name} print that command's usage and options`, async () => {
      for (const args of [[command.name, '-h'], [command.name, '--help'], ['help', command.name]]) {
        const result = await run(args);
        assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
        assert.equal(result.stderr, '');
        assert.match(result.stdout, new RegExp(`^Usage: assistant-config ${command.name}\\b`));
        for (const name of [...command.options, 'help']) {
          assert.ok(result.stdout.includes(`--${name}`), `${args.join(' ')} does not list --${name}`);
          const short = optionSpec(name)?.short;
          if (short) assert.ok(result.stdout.includes(`-${short}, --${name}`), `${args.join(' ')} does not list -${short}`);
        }
        // Only its own options: push's help does not offer pull's -o.
        for (const other of ['output', 'dry-run'].filter((name) => !command.options.includes(name))) {
          assert.ok(!result.stdout.includes(`--${other}`), `${args.join(' ')} lists --${other}, which ${command.name} does not take`);
        }
      }
    });
  }

  it('a misspelt option is refused in one line naming the closest valid one', async () => {
    const result = await run(['push', 'examples/front-desk.assistant.json', '--bsae-url', 'http://127.0.0.1:1']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(lines(result.stderr), [
      "Unknown option '--bsae-url' for push. Did you mean '--base-url'? Run 'assistant-config push --help' for usage.",
    ]);
    const short = await run(['list', '-x']);
    assert.equal(short.code, 2);
    assert.deepEqual(lines(short.stderr), ["Unknown option '-x' for list. Run 'assistant-config list --help' for usage."]);
  });

  it("another command's option is refused, saying which commands take it", async () => {
    const result = await run(['push', '-o', 'out.assistant.json', 'examples/front-desk.assistant.json']);
    assert.equal(result.code, 2);
    assert.deepEqual(lines(result.stderr), ["push takes no option -o (only pull does). Run 'assistant-config push --help' for usage."]);
  });

  it('an option without its value, or a switch given one, is refused in one line', async () => {
    const missing = await run(['list', '--env']);
    assert.equal(missing.code, 2);
    assert.deepEqual(lines(missing.stderr), ["Option --env needs a value: --env <name>. Run 'assistant-config list --help' for usage."]);
    const valued = await run(['push', 'examples/front-desk.assistant.json', '--yes=no']);
    assert.equal(valued.code, 2);
    assert.deepEqual(lines(valued.stderr), ["Option --yes takes no value. Run 'assistant-config push --help' for usage."]);
  });

  it('an unknown command names the closest one', async () => {
    const result = await run(['pusj', 'a.assistant.json']);
    assert.equal(result.code, 2);
    assert.deepEqual(lines(result.stderr), ["Unknown command 'pusj'. Did you mean 'push'? Run 'assistant-config --help' for usage."]);
  });

  it('validate: a name that does not exist or is a folder is a usage error (exit 2) as file: message, and nothing is checked', async () => {
    const result = await run(['validate', 'examples/front-desk.assistant.json', 'nope.assistant.json', 'examples']);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(lines(result.stderr), ['nope.assistant.json: no such file', 'examples: is a folder, not a file']);
  });

  for (const command of ['push', 'diff']) {
    it(`${command}: a file that does not exist or is a folder is a usage error (exit 2) before any environment or key is needed`, async () => {
      const missing = await run([command, 'missing/x.assistant.json']);
      assert.equal(missing.code, 2);
      assert.deepEqual(lines(missing.stderr), ['missing/x.assistant.json: no such file']);
      const folder = await run([command, 'examples']);
      assert.equal(folder.code, 2);
      assert.deepEqual(lines(folder.stderr), ['examples: is a folder, not a file']);
    });
  }

  it('pull -o naming a folder is a usage error (exit 2)', async () => {
    const result = await run(['pull', '00000000-0000-4000-8000-000000000000', '-o', 'examples']);
    assert.equal(result.code, 2);
    assert.deepEqual(lines(result.stderr), ['examples: is a folder, not a file']);
  });

  it('output piped into a reader that stops early (| head) ends the command normally, with its own exit code and no EPIPE', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cli-epipe-'));
    try {
      const many: Record<string, unknown> = { name: 'Many mistakes' };
      for (let i = 0; i < 3000; i++) many[`unknown${i}`] = i;
      const file = path.join(dir, 'many.assistant.json');
      writeFileSync(file, JSON.stringify(many, null, 2));
      const child = spawn(process.execPath, [bundle, 'validate', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      // Like head: read the first chunk, then close the pipe.
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
      assert.equal(code, 1, `exit ${code}; stderr: ${stderr}`);
      assert.doesNotMatch(stderr, /EPIPE|at .*:\d+:\d+/);
      assert.match(stderr, /3000 error\(s\), 0 warning\(s\) in 1 file\(s\)\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--help keeps every command\'s summary in its column, below a synopsis too long for it', async () => {
    const help = (await run(['--help'])).stdout.split('\n');
    for (const command of commandSpecs) {
      const at = help.findIndex((line) => line.startsWith(`  assistant-config ${command.name} `) || line === `  assistant-config ${command.name}`);
      assert.ok(at >= 0, `--help lists ${command.name}`);
      const [first] = command.summary;
      const placed = [help[at], help[at + 1]].some((line) => line.indexOf(first) === 55);
      assert.ok(placed, `${command.name}'s summary starts at column 55: ${JSON.stringify(help.slice(at, at + 2))}`);
    }
  });
});
