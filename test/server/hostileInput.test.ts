// The standalone server against documents and requests no editor should send: it stays up, answers every
// request (with InvalidParams for impossible positions and options), never points outside the document and
// never leaves an older version's problems on screen.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CodeActionRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  FoldingRangeRequest,
  HoverRequest,
  LSPErrorCodes,
  SelectionRangeRequest,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, messageOf } from '../helpers/lspClient';

const deepObjects = '{"$schema":"x","deep":' + '{"a":'.repeat(3000) + '1' + '}'.repeat(3001);
const deepArrays = '{"deep":' + '['.repeat(5000);

function inside(text: string, range: Range): boolean {
  const document = TextDocument.create('file:///x', 'json', 0, text);
  const ok = (p: { line: number; character: number }) =>
    Number.isInteger(p.line) && Number.isInteger(p.character) && p.line >= 0 && p.character >= 0 && document.offsetAt(p) === document.offsetAt(document.positionAt(document.offsetAt(p))) && p.line < document.lineCount && p.character <= (text.split(/\r?\n/)[p.line]?.length ?? 0);
  return ok(range.start) && ok(range.end);
}

describe('hostile input to the language server', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0, 'the server is still up at the end and exits cleanly');
  });

  const rejected = async (request: Promise<unknown>): Promise<{ code: number; message: string }> =>
    request.then(
      (result) => assert.fail(`expected an error response, got ${JSON.stringify(result)?.slice(0, 200)}`),
      (error: { code: number; message: string }) => error,
    );

  it('survives a deeply nested file (with and without $schema), reports it, and keeps answering', async () => {
    for (const text of [deepObjects, deepArrays]) {
      const { doc, diagnostics } = await client.diagnose(text);
      assert.equal(diagnostics.length, 1);
      assert.match(messageOf(diagnostics[0]), /^Nested more than 512 levels deep here, so the file is not checked/);
      assert.ok(inside(text, diagnostics[0].range));
      const uri = { uri: doc.uri };
      const position = { line: 0, character: 10 };
      // Every feature answers (empty), none fails.
      assert.equal(await client.connection.sendRequest(CompletionRequest.type, { textDocument: uri, position }), null);
      assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: uri, position }), null);
      assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: uri }), []);
      assert.deepEqual(await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: uri }), []);
      assert.deepEqual(await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: uri, positions: [position] }), []);
      const formatting = await rejected(client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: uri, options: { tabSize: 2, insertSpaces: true } }));
      assert.equal(formatting.code, LSPErrorCodes.RequestFailed);
      assert.match(formatting.message, /nests more than 512 levels deep/);
    }
    assert.ok((await client.completion('{ "firstMessageMode": | }')).length > 0, 'an ordinary file still completes');
  });

  it('replaces an older version\'s problems when a version cannot be checked', async () => {
    const { doc, diagnostics } = await client.diagnose('{ "name": "Desk", "nmae": 1 }');
    assert.ok(diagnostics.some((d) => messageOf(d).includes('nmae')));
    await client.change(doc, deepArrays);
    const next = await client.waitForDiagnostics(doc);
    assert.deepEqual(next.diagnostics.map((d) => d.code), ['depth']);
  });

  it('refuses positions that are not LSP uintegers with InvalidParams', async () => {
    const doc = await client.open('{ "name": "Desk" }');
    for (const position of [{ line: -1, character: 0 }, { line: 0, character: 1.5 }, { line: 2 ** 53, character: 0 }, { line: 0 }, null]) {
      for (const request of [
        client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: doc.uri }, position: position as never }),
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position: position as never }),
        client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri: doc.uri }, positions: [position as never] }),
        client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: doc.uri }, range: { start: position as never, end: position as never }, context: { diagnostics: [] } }),
      ]) {
        const error = await rejected(request);
        assert.equal(error.code, ErrorCodes.InvalidParams, error.message);
        assert.match(error.message, /must be an integer from 0 to 2147483647/);
      }
    }
  });

  it('clamps positions past the end: no completion edit or hover range points outside the document', async () => {
    const text = '{\n  "firstMessageMode": "assistant-speaks-first",\n  "name": "Desk"\n}\n';
    const doc = await client.open(text);
    for (const position of [{ line: 1_000_000, character: 0 }, { line: 1, character: 1_000_000 }, { line: 2, character: 2 ** 31 - 1 }]) {
      const list = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: doc.uri }, position })) as CompletionList | CompletionItem[] | null;
      const items = list === null ? [] : Array.isArray(list) ? list : list.items;
      for (const item of items) {
        const edit = item.textEdit;
        if (edit) for (const range of 'range' in edit ? [edit.range] : [edit.insert, edit.replace]) assert.ok(inside(text, range), JSON.stringify(range));
      }
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position });
      if (hover?.range) assert.ok(inside(text, hover.range));
    }
  });

  it('refuses formatting options that would build gigabytes, quickly', async () => {
    const doc = await client.open('{"name":"Desk","model":{"provider":"openai","model":"gpt-4o"}}');
    for (const options of [{ tabSize: 1e9, insertSpaces: true }, { tabSize: 0, insertSpaces: true }, { tabSize: -2, insertSpaces: true }, { tabSize: 2.5, insertSpaces: true }, { tabSize: 2 }]) {
      const started = Date.now();
      const error = await rejected(client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: doc.uri }, options: options as never }));
      assert.equal(error.code, ErrorCodes.InvalidParams);
      assert.match(error.message, /options\.(tabSize must be an integer from 1 to 64|insertSpaces must be true or false)/);
      assert.ok(Date.now() - started < 1000);
    }
    const range = { start: { line: 0, character: 5 }, end: { line: 0, character: 1 } };
    const backwards = await rejected(client.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri: doc.uri }, range, options: { tabSize: 2, insertSpaces: true } }));
    assert.equal(backwards.code, ErrorCodes.InvalidParams);
    assert.equal((await client.format('{"a":1}', { tabSize: 64, insertSpaces: true })).split('\n')[1], `${' '.repeat(64)}"a": 1`);
  });

  it('refuses to format a broken file whose result would be tens of MB, in well under the 8 s it took', async () => {
    const text = '['.repeat(400) + '\n' + '1,\n'.repeat(20_000);
    const doc = await client.open(text);
    const started = Date.now();
    const error = await rejected(client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: doc.uri }, options: { tabSize: 2, insertSpaces: true } }));
    assert.equal(error.code, LSPErrorCodes.RequestFailed);
    assert.match(error.message, /^Not formatted: the result would hold about 15 MB of indentation\./);
    assert.ok(Date.now() - started < 2000, `${Date.now() - started} ms`);
  });

  it('offers no quick fix whose edits a client fabricated to lie outside the document', async () => {
    const { doc, diagnostics } = await client.diagnose('{ "name": "Desk", "nmae": 1 }');
    const forged = diagnostics.map((d) => ({
      ...d,
      data: { ...(d.data as object), fixes: [{ title: 'forged', edits: [{ range: { start: { line: 99, character: 0 }, end: { line: 99, character: 5 } }, newText: 'x' }] }] },
    }));
    const actions = await client.codeActions(doc, forged);
    assert.deepEqual(actions.map((a) => a.title), []);
    assert.ok((await client.codeActions(doc, diagnostics)).length > 0, 'the real fixes are still offered');
  });
});
