// Which schema a file gets: by name, by $schema, by content, by setting; and the schemaInfo request.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { detectKind } from '../../core/src/kindOfFile';
import { SchemaInfoRequest, type SchemaInfo } from '../../shared/src/protocol';
import { LspClient, messageOf } from '../helpers/lspClient';

const insightoBody = '{"assistant_type": "simple", "llm_model": "gpt-4o-mini", "name": "Support"}';

describe('detectKind', () => {
  test('a vendor file name decides', () => {
    assert.equal(detectKind('/w/support.insighto.assistant.json', '{}').id, 'insighto-assistant');
    assert.equal(detectKind('/w/support.vapi.assistant.json', insightoBody).id, 'vapi-assistant');
  });
  test('$schema names the schema', () => {
    assert.equal(detectKind('a.assistant.json', '{"$schema": "../schemas/insighto-assistant.schema.json"}').id, 'insighto-assistant');
    assert.equal(detectKind('a.assistant.json', `{"$schema": "./vapi-assistant.schema.json", "llm_model": "x"}`).id, 'vapi-assistant');
  });
  test('Insighto-only top-level keys mean Insighto; the same keys deeper do not', () => {
    assert.equal(detectKind('a.assistant.json', insightoBody).id, 'insighto-assistant');
    assert.equal(detectKind('a.assistant.json', '{"metadata": {"llm_model": "x"}, "list": [{"assistant_type": 1}]}').id, 'vapi-assistant');
  });
  test('anything else is Vapi, even text that does not parse', () => {
    assert.equal(detectKind('a.assistant.json', '{"name": "Support"}').id, 'vapi-assistant');
    assert.equal(detectKind('a.assistant.json', '{"name": ').id, 'vapi-assistant');
  });
});

describe('schema per document through the server', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  test('schemaInfo names the vendor and the API date of a Vapi file', async () => {
    const doc = await client.open('{"name": "Support"}');
    const info = await client.request<SchemaInfo | null>(SchemaInfoRequest.method, { uri: doc.uri });
    assert.deepEqual({ kind: info?.kind, vendor: info?.vendor, sourceDate: info?.sourceDate }, { kind: 'vapi-assistant', vendor: 'Vapi', sourceDate: '2026-08-18' });
  });

  test('schemaInfo follows the content of an Insighto file', async () => {
    const doc = await client.open(insightoBody);
    const info = await client.request<SchemaInfo | null>(SchemaInfoRequest.method, { uri: doc.uri });
    assert.equal(info?.vendor, 'Insighto');
    assert.equal(info?.sourceDate, undefined, 'no API date: the schema comes from a seed');
    assert.match(info?.sourceDocument ?? '', /seed 003/);
  });

  test('an edit that names a telling key changes the kind, even a key typed in two parts', async () => {
    // The first version names no telling key, so later versions are only searched around their edits.
    const start = '{\n  "name": "Support",\n  "assistant_typ": "x"\n}\n';
    const doc = await client.open(start);
    await client.waitForDiagnostics(doc);
    await sleep(100); // the server notes what the version names once its diagnostics are out
    const vendor = async () => (await client.request<SchemaInfo | null>(SchemaInfoRequest.method, { uri: doc.uri }))?.vendor;
    assert.equal(await vendor(), 'Vapi');
    await client.edit(doc, start.indexOf('"x"') - 3, 0, 'e'); // "assistant_typ" + e: the key is Insighto's now
    assert.equal(await vendor(), 'Insighto');
    const named = doc.text;
    await client.edit(doc, named.indexOf('_type'), 1, ''); // "assistanttype": no telling key again
    assert.equal(await vendor(), 'Vapi');
  });

  test('schemaInfo for a document the server was not given is null', async () => {
    assert.equal(await client.request(SchemaInfoRequest.method, { uri: 'file:///nowhere/x.assistant.json' }), null);
  });

  test('an Insighto body validates clean as Insighto and is rejected as Vapi', async () => {
    assert.deepEqual((await client.diagnose(insightoBody)).diagnostics, []);
    const asVapi = await client.diagnose(insightoBody, 'support.vapi.assistant.json');
    assert.ok(asVapi.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
  });
});

describe('settings', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ settings: { fileAssociations: { '**/insighto/*.assistant.json': 'insighto' } } })));
  after(async () => client.stop());

  test('a file association picks the schema for files nothing else identifies', async () => {
    // Valid as Vapi; as Insighto it lacks the two required fields.
    const body = '{"name": "Support"}';
    const associated = await client.diagnose(body, 'insighto/support.assistant.json');
    assert.deepEqual(
      associated.diagnostics.map((d) => messageOf(d)).sort(),
      ['Missing required property "assistant_type".', 'Missing required property "llm_model".'],
    );
    assert.deepEqual((await client.diagnose(body, 'vapi/support.assistant.json')).diagnostics, []);
  });

  test('a file association wins over the content', async () => {
    const { diagnostics } = await client.diagnose(insightoBody, 'insighto/support.assistant.json');
    assert.deepEqual(diagnostics, []);
  });
});

describe('settings changed while files are open', () => {
  for (const [how, options] of [
    ['pulled with workspace/configuration', { settings: {} }],
    ['pushed with the notification', {}],
  ] as const) {
    test(`switching validation off clears problems, on brings them back (${how})`, async () => {
      const client = await LspClient.start(options);
      try {
        const { doc, diagnostics } = await client.diagnose('{"name": 5}');
        assert.equal(diagnostics.length, 1);
        let next = client.waitForDiagnostics(doc);
        await client.updateSettings({ validate: false });
        assert.deepEqual((await next).diagnostics, []);
        next = client.waitForDiagnostics(doc);
        await client.updateSettings({ validate: true });
        assert.equal((await next).diagnostics.length, 1);
      } finally {
        await client.stop();
      }
    });
  }

  test('a lower maxItemsComputed caps the outline', async () => {
    const client = await LspClient.start({ settings: { maxItemsComputed: 2 } });
    try {
      const symbols = await client.documentSymbols('{"name": "Support", "firstMessage": "Hi", "endCallMessage": "Bye", "maxDurationSeconds": 60}');
      assert.deepEqual(symbols.map((s) => s.name), ['name', 'firstMessage']);
    } finally {
      await client.stop();
    }
  });
});

describe('validation switched off', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ settings: { validate: false } })));
  after(async () => client.stop());

  test('no problems are reported', async () => {
    assert.deepEqual((await client.diagnose('{"name": 5, "colour": "blue"}')).diagnostics, []);
  });
});
