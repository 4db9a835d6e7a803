// Outline, folding, selection ranges and formatting.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SymbolKind, type DocumentSymbol, type SelectionRange } from 'vscode-languageserver-protocol';
import { LspClient, rangeOf, textAt } from '../helpers/lspClient';

const assistant = `{
  "name": "Support",
  "voice": {
    "provider": "azure",
    "voiceId": "andrew"
  },
  "endCallPhrases": [
    "goodbye",
    "bye"
  ]
}`;

describe('document structure', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  test('the outline lists properties with their nesting and ranges', async () => {
    const symbols = (await client.documentSymbols(assistant)) as DocumentSymbol[];
    assert.deepEqual(
      symbols.map((s) => [s.name, s.kind]),
      [
        ['name', SymbolKind.String],
        ['voice', SymbolKind.Module],
        ['endCallPhrases', SymbolKind.Array],
      ],
    );
    const voice = symbols[1];
    assert.deepEqual(voice.children?.map((c) => [c.name, c.detail]), [
      ['provider', 'azure'],
      ['voiceId', 'andrew'],
    ]);
    assert.equal(textAt(assistant, voice.range), '"voice": {\n    "provider": "azure",\n    "voiceId": "andrew"\n  }');
    assert.deepEqual(voice.selectionRange, rangeOf(assistant, '"voice"'));
  });

  test('objects and arrays fold', async () => {
    const ranges = await client.foldingRanges(assistant);
    assert.deepEqual(
      ranges.map((r) => [r.startLine, r.endLine]).sort((a, b) => a[0] - b[0]),
      [
        [0, 9],
        [2, 4],
        [6, 8],
      ],
    );
  });

  test('selection grows from a value to its property, the object\'s content, the object and the document', async () => {
    const textWithCursor = assistant.replace('"andrew"', '"and|rew"');
    const [selection] = await client.selectionRanges(textWithCursor);
    const chain: string[] = [];
    for (let s: SelectionRange | undefined = selection; s; s = s.parent) chain.push(textAt(assistant, s.range));
    assert.deepEqual(chain.slice(0, 5), [
      'andrew',
      '"andrew"',
      '"voiceId": "andrew"',
      '\n    "provider": "azure",\n    "voiceId": "andrew"\n  ',
      '{\n    "provider": "azure",\n    "voiceId": "andrew"\n  }',
    ]);
    assert.equal(chain.at(-1), assistant);
  });

  test('formatting the document lays it out with the editor\'s indentation', async () => {
    const compact = '{"name":"Support","voice":{"provider":"azure","voiceId":"andrew"},"endCallPhrases":["goodbye","bye"]}';
    assert.equal(await client.format(compact), assistant);
    assert.equal(
      await client.format(compact, { tabSize: 4, insertSpaces: true }),
      assistant.replace(/^( +)/gm, (spaces) => spaces.repeat(2)),
    );
  });

  test('formatting a range changes only that range', async () => {
    const text = '{"name":"Support",\n"voice":{"provider":"azure","voiceId":"andrew"}}';
    const formatted = await client.format(text, { tabSize: 2, insertSpaces: true }, rangeOf(text, '{"provider":"azure","voiceId":"andrew"}'));
    assert.ok(formatted.startsWith('{"name":"Support",\n'), formatted);
    assert.ok(formatted.includes('"provider": "azure",'), formatted);
  });
});
