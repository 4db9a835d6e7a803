// The README's Neovim configuration, run by a real Neovim (headless): an assistant file gets the server's
// diagnostics, and a package.json next to it, although the server is attached to it too, gets none.
// Neovim comes from apt (test/vscode/setup.sh installs it); without it this test fails saying so.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';

const projectRoot = path.resolve(__dirname, '../..');
const serverPath = path.join(projectRoot, 'dist', 'server.js');

/** The README's Lua block that starts with `marker` (the first line inside the fence). */
function readmeLua(marker: string): string {
  const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```lua\n([\s\S]*?)```/g)].map((match) => match[1]).find((body) => body.includes(marker));
  if (!block) throw new Error(`README.md has no \`\`\`lua block containing ${marker}`);
  return block;
}

function neovimVersion(): [number, number] {
  let output: string;
  try {
    output = execFileSync('nvim', ['--version'], { encoding: 'utf8' });
  } catch {
    throw new Error('nvim is not installed: run `bash test/vscode/setup.sh` (it installs Debian\'s neovim) or `apt-get install neovim`.');
  }
  const match = /^NVIM v(\d+)\.(\d+)/.exec(output);
  if (!match) throw new Error(`unexpected nvim --version output: ${output.split('\n')[0]}`);
  return [Number(match[1]), Number(match[2])];
}

// Drives Neovim after the README's init.lua: opens package.json, then the assistant file, waits for the
// assistant file's diagnostics (the server handles documents in order, so package.json has been handled by
// then), and writes what each buffer shows.
const driver = `
local out = os.getenv('RESULT_FILE')
vim.cmd('edit package.json')
local pkg = vim.api.nvim_get_current_buf()
vim.cmd('edit desk.assistant.json')
local desk = vim.api.nvim_get_current_buf()
local arrived = vim.wait(30000, function() return #vim.diagnostic.get(desk) > 0 end, 50)
local function clients(buf)
  local names = {}
  for _, client in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(names, client.name) end
  return names
end
local function shown(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do table.insert(list, { line = d.lnum, col = d.col, message = d.message }) end
  return list
end
vim.fn.writefile({ vim.fn.json_encode({
  arrived = arrived,
  desk = { clients = clients(desk), diagnostics = shown(desk) },
  package = { clients = clients(pkg), diagnostics = shown(pkg) },
}) }, out)
vim.cmd('qa!')
`;

let dir: string;
before(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'neovim-lsp-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('Neovim with the README configuration shows the diagnostics of an assistant file and none on package.json', () => {
  const [major, minor] = neovimVersion();
  // The built-in vim.lsp.config block needs Neovim 0.11; Debian 12's apt has 0.7, which runs the plugin-free one.
  const builtIn = major > 0 || minor >= 11;
  const config = readmeLua(builtIn ? "vim.lsp.config('assistant_config'" : '-- assistant-config: one server for every JSON buffer');

  const bin = path.join(dir, 'bin');
  const workspace = path.join(dir, 'workspace');
  mkdirSync(bin);
  mkdirSync(path.join(workspace, '.git'), { recursive: true });
  // The command the README's config starts, as `npm install --global .` links it.
  // A link to a file without the executable bit starts nothing, and Neovim says so only in its LSP log.
  assert.doesNotThrow(() => accessSync(serverPath, constants.X_OK), `${serverPath} is not executable: an editor cannot start it as a command`);
  symlinkSync(serverPath, path.join(bin, 'assistant-config-language-server'));
  writeFileSync(path.join(workspace, 'desk.assistant.json'), '{\n  "name": "Front Desk",\n  "nmae": "typo"\n}\n');
  writeFileSync(path.join(workspace, 'package.json'), '{\n  "name": "my-app",\n  "version": "1.0.0",\n  "private": true\n}\n');
  writeFileSync(path.join(dir, 'init.lua'), config);
  writeFileSync(path.join(dir, 'driver.lua'), driver);
  const resultFile = path.join(dir, 'result.json');

  const run = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', path.join(dir, 'init.lua'), '-c', `luafile ${path.join(dir, 'driver.lua')}`], {
    cwd: workspace,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, RESULT_FILE: resultFile, XDG_STATE_HOME: path.join(dir, 'state'), XDG_DATA_HOME: path.join(dir, 'data') },
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, `nvim exited ${run.status} (${run.signal ?? ''}): ${run.stderr}${run.stdout}`);
  const result = JSON.parse(readFileSync(resultFile, 'utf8')) as {
    arrived: boolean;
    desk: { clients: string[]; diagnostics: { line: number; col: number; message: string }[] };
    package: { clients: string[]; diagnostics: unknown[] };
  };
  assert.ok(result.arrived, `no diagnostics arrived in Neovim: ${JSON.stringify(result)}`);
  assert.equal(result.desk.clients.length, 1, `clients on the assistant file: ${result.desk.clients}`);
  const typo = result.desk.diagnostics.find((d) => d.message.includes('"nmae"'));
  assert.ok(typo, JSON.stringify(result.desk.diagnostics));
  assert.deepEqual([typo.line, typo.col], [2, 2], 'on the misspelt key, line 3 column 3');
  assert.equal(typo.message, 'Property "nmae" is not allowed; the API rejects unknown properties.');
  assert.deepEqual(result.package.clients, result.desk.clients, 'the server is attached to package.json too');
  assert.deepEqual(result.package.diagnostics, []);
});
