// The server as Neovim, Helix or Zed run it: attached to every JSON file, started from the installed
// command, or copied somewhere without its schemas.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  CompletionRequest,
  createProtocolConnection,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  ExitNotification,
  HoverRequest,
  InitializeRequest,
  ShutdownRequest,
} from 'vscode-languageserver-protocol/node';
import { SchemaInfoRequest } from '../../shared/src/protocol';
import { LspClient, messageOf, projectRoot, serverPath } from '../helpers/lspClient';

const packageJson = '{\n  "name": "my-app",\n  "version": "1.0.0",\n  "scripts": { "test": "node --test" }\n}\n';
const typo = '{\n  "name": "Desk",\n  "nmae": "typo"\n}\n';

describe('documents that are not resource files', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  /** Opens `first`, then a resource file, and waits for the latter's diagnostics: by then `first` was handled. */
  async function openThenSettle(text: string, fileName: string, languageId = 'json') {
    const doc = await client.open(text, fileName, languageId);
    await client.diagnose(typo, 'settle.assistant.json');
    return doc;
  }

  for (const fileName of ['package.json', 'tsconfig.json', 'assistant.json', 'notes.assistant.json.bak']) {
    test(`${fileName} opened as json gets no diagnostics, completion, hover, symbols or formatting`, async () => {
      const doc = await openThenSettle(packageJson, fileName);
      assert.equal(client.published.get(doc.uri), undefined, 'diagnostics were published');
      const at = { textDocument: { uri: doc.uri }, position: { line: 1, character: 3 } };
      assert.equal(await client.connection.sendRequest(CompletionRequest.type, at), null);
      assert.equal(await client.connection.sendRequest(HoverRequest.type, at), null);
      assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: doc.uri } }), []);
      const options = { tabSize: 2, insertSpaces: true };
      assert.deepEqual(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: doc.uri }, options }), []);
      assert.equal(await client.request(SchemaInfoRequest.method, { uri: doc.uri }), null);
    });
  }

  test('an *.assistant.json file opened as json (as Neovim names it) is checked', async () => {
    const { diagnostics } = await client.diagnose(typo, 'desk.assistant.json');
    const doc = await client.open(typo, 'desk.assistant.json', 'json');
    const published = await client.waitForDiagnostics(doc);
    assert.deepEqual(published.diagnostics.map(messageOf), diagnostics.map(messageOf));
    assert.ok(published.diagnostics.some((d) => messageOf(d).includes('"nmae"')));
  });

  test('any JSON file whose $schema names a bundled schema is checked, and cleared when it stops saying so', async () => {
    const declared = `{\n  "$schema": "../schemas/vapi-assistant.schema.json",\n  "nmae": "typo"\n}\n`;
    const doc = await client.open(declared, 'front-desk.json', 'json');
    const first = await client.waitForDiagnostics(doc);
    assert.ok(first.diagnostics.some((d) => messageOf(d).includes('"nmae"')), JSON.stringify(first.diagnostics));
    await client.change(doc, typo);
    const cleared = await client.waitForDiagnostics(doc);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('an untitled document in the assistant-json language (VS Code) is checked whatever its name', async () => {
    const doc = await client.open(typo, 'Untitled-1', 'assistant-json');
    const published = await client.waitForDiagnostics(doc);
    assert.ok(published.diagnostics.some((d) => messageOf(d).includes('"nmae"')));
  });
});

/** Runs a copy of the server binary with arguments and no input; its exit code and output. */
function runServer(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [file, ...args], { timeout: 10_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
    child.stdin?.end();
  });
}

describe('dist/server.js as a command', () => {
  test('without --stdio it prints one usage line and exits 2', async () => {
    const result = await runServer(serverPath, []);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^Usage: assistant-config-language-server --stdio .*\n$/);
  });

  test('--version prints the version', async () => {
    const result = await runServer(serverPath, ['--version']);
    assert.match(result.stdout, /^assistant-config-language-server \d+\.\d+\.\d+\n$/);
  });

  test('copied away from its schemas it exits 1 with one line naming what is missing', async () => {
    const lonely = mkdtempSync(path.join(tmpdir(), 'lonely-server-'));
    try {
      copyFileSync(serverPath, path.join(lonely, 'server.js'));
      const result = await runServer(path.join(lonely, 'server.js'), ['--stdio']);
      assert.equal(result.code, 1);
      assert.equal(result.stdout, '', 'nothing on the LSP channel');
      const lines = result.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, result.stderr.slice(0, 500));
      assert.match(lines[0], /^assistant-config-language-server: cannot find vapi-assistant\.schema\.json.* beside /);
    } finally {
      rmSync(lonely, { recursive: true, force: true });
    }
  });

  test('installed with npm, `assistant-config-language-server --stdio` speaks LSP', async () => {
    const prefix = mkdtempSync(path.join(tmpdir(), 'npm-prefix-'));
    try {
      // A global install of the project folder, as the README says; offline (a link, no dependencies fetched).
      execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', projectRoot], { stdio: 'pipe' });
      const child = spawn(path.join(prefix, 'bin', 'assistant-config-language-server'), ['--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      const connection = createProtocolConnection(child.stdout, child.stdin);
      connection.listen();
      const result = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
      assert.equal(result.serverInfo?.name, 'assistant-config-language-server');
      assert.ok(result.capabilities.completionProvider);
      await connection.sendRequest(ShutdownRequest.type);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
      connection.dispose();
    } finally {
      rmSync(prefix, { recursive: true, force: true });
    }
  });
});
