// Accepting a key's completion never writes a value the server's own diagnostics reject: the default when
// there is one, else a value inside the range, the allowed values or the pattern, as a placeholder. Checked
// for every key offered in the top level, in every voice, transcriber and model provider and in the plans.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-protocol';
import { LspClient, messageOf, offsetAt, textAt } from '../helpers/lspClient';
import { acceptSnippet as accepted } from '../helpers/snippets';
import { providersOf, variantFor } from './fixtures';

const insertText = (item: CompletionItem) => item.textEdit?.newText ?? item.insertText ?? item.label;

describe('completion inserts values the diagnostics accept', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start()));
  after(async () => client.stop());

  /**
   * Completes the keys at `|` in `context`, inserts every key the server offers (each with the value its
   * snippet gives), and returns the problems found on those keys and values; objects and arrays are
   * inserted empty for the user to fill, so what is inside them is not counted.
   */
  async function problemsOfEveryKey(context: string): Promise<{ offered: number; problems: string[] }> {
    const items = (await client.completion(context)).filter((item) => item.kind === CompletionItemKind.Property);
    const at = context.indexOf('|');
    const inserted = items.map((item) => accepted(insertText(item)).replace(/,$/, ''));
    const text = context.slice(0, at) + inserted.join(',\n') + context.slice(at + 1);
    const { diagnostics } = await client.diagnose(text);
    const containers = inserted.filter((entry) => /: [{[]/.test(entry)).map((entry) => entry.slice(0, entry.indexOf(':')));
    const problems = diagnostics
      .filter((d) => {
        const start = offsetAt(text, d.range.start);
        return start >= at && start < at + inserted.join(',\n').length;
      })
      .map((d) => `${textAt(text, d.range)}: ${messageOf(d)}`)
      // A missing key inside an inserted empty object is for the user to add (`"voice": {}` needs a provider).
      .filter((problem) => !(problem.includes('Missing required property') && containers.some((key) => problem.startsWith(key))));
    return { offered: items.length, problems };
  }

  test('the azure voice\'s speed is inserted inside its range, as a placeholder', async () => {
    const items = await client.completion('{"voice": {"provider": "azure", "voiceId": "andrew", |}}');
    const speed = items.find((item) => item.label === 'speed');
    const { minimum, maximum } = variantFor('voice', 'azure').properties!.speed as { minimum: number; maximum: number };
    const value = Number(/^"speed": \$\{1:([\d.]+)\}$/.exec(insertText(speed!))?.[1]);
    assert.ok(value >= minimum && value <= maximum, `${insertText(speed!)} is outside ${minimum}..${maximum}`);
  });

  test('a key with a default is inserted with the default; one with allowed values as a choice of them', async () => {
    type Property = { default?: unknown; enum?: unknown[] };
    // A voice provider that has both: a number with a default, and a string with several allowed values.
    const found = providersOf('voice')
      .map((provider) => ({ provider, properties: Object.entries(variantFor('voice', provider).properties as Record<string, Property>) }))
      .map(({ provider, properties }) => ({
        provider,
        withDefault: properties.find(([, property]) => typeof property.default === 'number'),
        withEnum: properties.find(([key, property]) => key !== 'provider' && property.default === undefined && (property.enum?.length ?? 0) > 1 && property.enum!.every((v) => typeof v === 'string')),
      }))
      .find(({ withDefault, withEnum }) => withDefault && withEnum);
    assert.ok(found, 'some voice provider has a numeric default and a string enum');
    const { provider, withDefault, withEnum } = found;
    const items = await client.completion(`{"voice": {"provider": "${provider}", |}}`);
    const [key, { default: value }] = withDefault!;
    assert.equal(insertText(items.find((item) => item.label === key)!), `"${key}": \${1:${value}}`);
    const [enumKey, { enum: allowed }] = withEnum!;
    const text = insertText(items.find((item) => item.label === enumKey)!);
    assert.ok(text.startsWith(`"${enumKey}": "\${1|`) && text.endsWith('|}"'), `${text} is a choice`);
    assert.deepEqual(text.slice(`"${enumKey}": "\${1|`.length, -'|}"'.length).split(','), allowed);
  });

  test('every top-level key is inserted with a value the diagnostics accept', async () => {
    const { offered, problems } = await problemsOfEveryKey('{|}');
    assert.ok(offered > 25, `offered ${offered} keys`);
    assert.deepEqual(problems, []);
  });

  for (const union of ['voice', 'transcriber', 'model'] as const) {
    test(`every key of every ${union} provider is inserted with a value the diagnostics accept`, async () => {
      const all: string[] = [];
      for (const provider of providersOf(union)) {
        const required = (variantFor(union, provider).required ?? []).filter((key) => key !== 'provider');
        // The required keys first, with values of their own completion, so each provider's branch is the one matched.
        let context = `{"${union}": {"provider": "${provider}", |}}`;
        const items = await client.completion(context);
        const start = required
          .map((key) => items.find((item) => item.label === key))
          .filter((item): item is CompletionItem => item !== undefined)
          .map((item) => accepted(insertText(item)).replace(/,$/, ''));
        if (start.length) context = context.replace('|', `${start.join(', ')}, |`);
        const { offered, problems } = await problemsOfEveryKey(context);
        assert.ok(offered > 0, `${provider}: no keys offered`);
        all.push(...problems.map((problem) => `${provider}: ${problem}`));
      }
      assert.deepEqual(all, []);
    });
  }

  for (const plan of ['startSpeakingPlan', 'stopSpeakingPlan', 'artifactPlan', 'analysisPlan', 'voicemailDetection', 'compliancePlan']) {
    test(`every key of ${plan} is inserted with a value the diagnostics accept`, async () => {
      const { problems } = await problemsOfEveryKey(`{"${plan}": {|}}`);
      assert.deepEqual(problems, []);
    });
  }
});
