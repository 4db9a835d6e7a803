// The language server with live schemas (initializationOptions.liveSchemaDir): the first diagnostics of a file
// come from the bundled schema, then the cached live set is loaded off that path and open files are checked
// again; assistantConfig/schemasChanged loads the cache again; schemaInfo names the origin. The cache is made by
// core/src/liveSchemas against a local server serving a modified snapshot (test/live/liveApi.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { updateLiveSchemas } from '../../core/src/liveSchemas';
import { SchemaInfoRequest, SchemasChangedNotification, SchemasReloadedNotification, type SchemaInfo } from '../../shared/src/protocol';
import { LspClient, messageOf, type OpenDocument } from '../helpers/lspClient';
import { liveChanges, startLiveApi, type LiveApi } from '../live/liveApi';

const text = JSON.stringify({ name: 'Front desk', model: { provider: 'openai', model: liveChanges.modelName }, [liveChanges.topLevelField]: 'Hi' }, null, 2);

/** The n-th publication for the document (1-based), waiting for it when it has not come yet. */
async function publication(client: LspClient, doc: OpenDocument, n: number): Promise<PublishDiagnosticsParams> {
  for (const started = Date.now(); Date.now() - started < 15_000; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const list = client.published.get(doc.uri) ?? [];
    if (list.length >= n) return list[n - 1];
  }
  throw new Error(`publication ${n} of ${doc.uri} did not come\n${client.stderrText}`);
}

describe('language server: live schemas', () => {
  let api: LiveApi;
  let cached: string;
  const made: string[] = [];
  const folder = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'server-live-schemas-'));
    made.push(dir);
    return dir;
  };

  before(async () => {
    api = await startLiveApi();
    cached = folder();
    const result = await updateLiveSchemas({ root: cached, vendor: 'vapi', baseUrl: api.baseUrl });
    assert.equal(result.outcome, 'updated', result.message);
  });
  after(async () => {
    await api.close();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  test('the first diagnostics come from the bundled schema; then the cached live one is loaded, logged, and the file is clean', async () => {
    const client = await LspClient.start({ initializationOptions: { liveSchemaDir: cached } });
    const logs: string[] = [];
    let reloaded = 0;
    client.connection.onNotification('window/logMessage', (params: { message: string }) => {
      logs.push(params.message);
    });
    client.connection.onNotification(SchemasReloadedNotification.method, () => {
      reloaded++;
    });
    try {
      const doc = await client.open(text);
      const first = await publication(client, doc, 1);
      assert.ok(first.diagnostics.some((d) => d.severity === 1 && messageOf(d).includes(liveChanges.topLevelField)), JSON.stringify(first.diagnostics));
      const second = await publication(client, doc, 2);
      assert.deepEqual(second.diagnostics, []);
      assert.equal(reloaded, 1);
      const info = await client.request<SchemaInfo | null>(SchemaInfoRequest.method, { uri: doc.uri });
      assert.deepEqual({ origin: info?.origin, date: info?.sourceDate, document: info?.sourceDocument }, { origin: 'live', date: new Date().toISOString().slice(0, 10), document: `${api.baseUrl}/api-json` });
      assert.ok(logs.some((line) => /^Live Vapi schema of \d{4}-\d{2}-\d{2} \(.*\) loaded from .* in \d+ ms \(when it was fetched: converted in \d+ ms, its validators compiled in \d+ ms\)\.$/.test(line)), logs.join('\n'));
      // Completion offers the new field and the new model name.
      const keys = (await client.completion('{\n  "name": "x",\n  |\n}')).map((item) => item.label);
      assert.ok(keys.includes(liveChanges.topLevelField), keys.join(', '));
      const models = (await client.completion('{"model": {"provider": "openai", "model": |}}')).map((item) => item.label);
      assert.ok(models.includes(`"${liveChanges.modelName}"`), models.join(', '));
    } finally {
      await client.stop();
    }
  });

  test('assistantConfig/schemasChanged loads the cache again and open files are checked again; schemaInfo says bundled before, live after', async () => {
    const dir = folder();
    const client = await LspClient.start({ initializationOptions: { liveSchemaDir: dir } });
    try {
      const doc = await client.open(text);
      const first = await publication(client, doc, 1);
      assert.ok(first.diagnostics.some((d) => messageOf(d).includes(liveChanges.topLevelField)));
      const bundled = await client.request<SchemaInfo | null>(SchemaInfoRequest.method, { uri: doc.uri });
      assert.deepEqual({ origin: bundled?.origin, date: bundled?.sourceDate }, { origin: 'bundled', date: '2026-08-18' });
      const result = await updateLiveSchemas({ root: dir, vendor: 'vapi', baseUrl: api.baseUrl });
      assert.equal(result.outcome, 'updated');
      const seen = (client.published.get(doc.uri) ?? []).length;
      await client.connection.sendNotification(SchemasChangedNotification.method);
      assert.deepEqual((await publication(client, doc, seen + 1)).diagnostics, []);
      assert.equal((await client.request<SchemaInfo | null>(SchemaInfoRequest.method, { uri: doc.uri }))?.origin, 'live');
    } finally {
      await client.stop();
    }
  });

  test('without liveSchemaDir the bundled schemas serve and schemasChanged changes nothing', async () => {
    const client = await LspClient.start();
    try {
      const doc = await client.open(text);
      await publication(client, doc, 1);
      await client.connection.sendNotification(SchemasChangedNotification.method);
      assert.equal((await client.request<SchemaInfo | null>(SchemaInfoRequest.method, { uri: doc.uri }))?.origin, 'bundled');
      assert.equal((client.published.get(doc.uri) ?? []).length, 1);
    } finally {
      await client.stop();
    }
  });
});
