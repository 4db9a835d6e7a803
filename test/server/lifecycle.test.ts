// What an editor other than VS Code (Neovim, Helix, Zed) sees when it starts `node dist/server.js --stdio`.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { TextDocumentSyncKind } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lspClient';

test('the standalone server announces every feature and exits cleanly on shutdown', async () => {
  const client = await LspClient.start();
  // A failed check must not leave the server running (the test process would wait for it).
  after(() => client.stop().catch(() => undefined));
  const { capabilities, serverInfo } = client.initializeResult!;
  assert.equal(serverInfo?.name, 'assistant-config-language-server');
  assert.equal(capabilities.textDocumentSync, TextDocumentSyncKind.Incremental);
  // JSON completes after a quote or colon; a Liquid template after {{, {%, |, . and a space.
  assert.deepEqual(capabilities.completionProvider?.triggerCharacters, ['"', ':', '{', '%', '|', '.', ' ']);
  assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll'] });
  assert.deepEqual(capabilities.semanticTokensProvider?.legend.tokenTypes, ['operator', 'keyword', 'variable', 'function', 'string', 'number']);
  for (const feature of [
    'hoverProvider',
    'documentSymbolProvider',
    'foldingRangeProvider',
    'selectionRangeProvider',
    'documentFormattingProvider',
    'documentRangeFormattingProvider',
  ] as const) {
    assert.equal(capabilities[feature], true, feature);
  }
  assert.equal(await client.stop(), 0, 'exit code after shutdown + exit');
});
