// A file's `$schema` is data from whoever wrote the file: whatever it names (a file of the disk, a path next to
// the document, an http or https address), the language server reads no file and opens no connection for it,
// answers with its bundled schema, and nothing of the named file shows in any answer.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { hostileServer, type HostileServer } from '../sync/hostileServer';
import { LspClient, messageOf } from '../helpers/lspClient';

/** A schema that, if the server used it, would show in completion, hover and problems. */
const planted = JSON.stringify({
  type: 'object',
  properties: { plantedSchemaKey: { type: 'string', description: 'PLANTED-SCHEMA-DESCRIPTION' }, name: { description: 'PLANTED-NAME-DESCRIPTION' } },
  required: ['plantedSchemaKey'],
});
const plantedMarks = ['plantedSchemaKey', 'PLANTED-SCHEMA-DESCRIPTION', 'PLANTED-NAME-DESCRIPTION'];
/** Lines of /etc/passwd long enough not to occur in an answer by chance. */
const passwdLines = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8').split('\n').filter((line) => line.length >= 12) : [];

describe('$schema addresses', () => {
  let dir: string;
  let client: LspClient;
  let recorder: HostileServer;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'assistant-config-schema-'));
    await mkdir(path.join(dir, 'schemas'));
    await writeFile(path.join(dir, 'planted.schema.json'), planted);
    await writeFile(path.join(dir, 'schemas', 'planted.schema.json'), planted);
    // Serves the planted schema to anyone who asks; a TLS handshake to it counts as a connection too.
    recorder = await hostileServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(planted));
    client = await LspClient.start({ workspaceFolder: dir });
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
    await recorder.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('file, relative, http and https addresses: normal problems, completion and hover; no connection; nothing of the file', async () => {
    const port = new URL(recorder.url).port;
    const addresses = [
      'file:///etc/passwd',
      '/etc/passwd',
      `file://${path.join(dir, 'planted.schema.json')}`,
      './planted.schema.json',
      'schemas/planted.schema.json',
      '../' + path.basename(dir) + '/planted.schema.json',
      `http://127.0.0.1:${port}/x.json`,
      `https://127.0.0.1:${port}/x.json`,
      `http://localhost:${port}/planted.schema.json`,
    ];
    const answers: string[] = [];
    for (const [index, address] of addresses.entries()) {
      const text = `{\n  "$schema": ${JSON.stringify(address)},\n  "name": "Desk",\n  \n  "nmae": "typo"\n}\n`;
      const file = path.join(dir, `desk${index}.assistant.json`);
      await writeFile(file, text);
      const doc = await client.openFile(file);
      const { diagnostics } = await client.waitForDiagnostics(doc);
      const document = TextDocument.create(doc.uri, 'json', 1, text);
      const items = await client.completionAt(doc, document.positionAt(text.indexOf('\n  \n') + 3));
      const hover = await client.hoverTextAt(doc, document.positionAt(text.indexOf('"name"') + 2));
      const label = `${address}: ${JSON.stringify(diagnostics.map(messageOf))}`;
      // The bundled Vapi schema answered: its problems, its keys, its description of "name".
      assert.ok(diagnostics.some((d) => messageOf(d).includes('"nmae"')), label);
      assert.ok(!diagnostics.some((d) => messageOf(d).includes('plantedSchemaKey')), label);
      assert.ok(items.some((item) => item.label === 'firstMessage'), `${address}: no firstMessage in completion`);
      assert.match(hover, /\S/, `${address}: no hover`);
      answers.push(JSON.stringify(diagnostics), JSON.stringify(items), hover);
    }
    const all = answers.join('\n');
    for (const mark of plantedMarks) assert.ok(!all.includes(mark), `an answer holds ${mark}`);
    for (const line of passwdLines) assert.ok(!all.includes(line), 'an answer holds a line of /etc/passwd');
    assert.equal(recorder.connections, 0, `the server connected for a $schema: ${JSON.stringify(recorder.requests)}`);
    assert.ok(!client.stderrText.includes('PLANTED'), client.stderrText);
  });

  it('a plain JSON file whose http $schema ends in a bundled schema name is checked with the bundled schema, offline', async () => {
    const text = `{\n  "$schema": "http://127.0.0.1:${new URL(recorder.url).port}/vapi-assistant.schema.json",\n  "nmae": "typo"\n}\n`;
    const doc = await client.open(text, 'front-desk.json', 'json');
    const { diagnostics } = await client.waitForDiagnostics(doc);
    assert.ok(diagnostics.some((d) => messageOf(d).includes('"nmae"')), JSON.stringify(diagnostics));
    assert.equal(recorder.connections, 0);
  });
});
