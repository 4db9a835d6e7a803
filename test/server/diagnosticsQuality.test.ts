import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { kindById } from '../../core/src/kinds';
import { validateFile } from '../../core/src/validation';
import { LspClient, messageOf, textAt } from '../helpers/lspClient';
import { brokenFiles } from './brokenFiles';

// The exact diagnostics of each broken file, recorded from the validator before it was optimised: any
// change in what is found, where, how severe or in what words fails here. Fixes are compared as their
// titles and edits (range -> new text). The last five were recorded from the validator as it was before
// mistakes took the fast path (commit 74eb021), which walked the whole file for every mistake.

interface Expected {
  at: string;
  text: string;
  severity: 'Error' | 'Warning' | 'Information';
  code: string;
  message: string;
  tags?: ('Unnecessary' | 'Deprecated')[];
  fixes?: { title: string; edits: [string, string][]; isPreferred?: true }[];
}

const toolCount = 520;

const expected: Record<string, Expected[]> = {
  'missing comma': [
    { at: '2:2-2:16', text: '"firstMessage"', severity: 'Error', code: 'syntax', message: 'Comma expected.' },
  ],
  'trailing comma': [
    { at: '24:27-24:28', text: ',', severity: 'Error', code: 'syntax', message: 'Trailing comma is not allowed in JSON.' },
  ],
  'syntax error and a wrong type in what could be read': [
    { at: '2:2-2:16', text: '"firstMessage"', severity: 'Error', code: 'syntax', message: 'Comma expected.' },
    { at: '24:24-24:30', text: '"long"', severity: 'Error', code: 'type', message: 'Incorrect type for "maxDurationSeconds": expected number, got string.' },
  ],
  'wrong type': [
    { at: '24:24-24:29', text: '"600"', severity: 'Error', code: 'type', message: 'Incorrect type for "maxDurationSeconds": expected number, got string.' },
  ],
  'out of range in a provider branch': [
    { at: '18:13-18:14', text: '9', severity: 'Error', code: 'range', message: 'Value 9 is above the maximum of 2 for "speed" (azure voice).' },
  ],
  'enum typo': [
    { at: '3:22-3:46', text: '"assistant-speaks-frist"', severity: 'Error', code: 'enum', message: 'Value "assistant-speaks-frist" is not allowed for "firstMessageMode". Did you mean "assistant-speaks-first"? Allowed values: "assistant-speaks-first", "assistant-speaks-first-with-model-generated-message", "assistant-waits-for-user".', fixes: [{ title: 'Change to "assistant-speaks-first"', edits: [['3:22-3:46', '"assistant-speaks-first"']], isPreferred: true }] },
  ],
  'unknown key with a likely meaning': [
    { at: '25:2-25:18', text: '"backgroundSoud"', severity: 'Error', code: 'unknown-property', message: 'Property "backgroundSoud" is not allowed; the API rejects unknown properties. Did you mean "backgroundSound"?', fixes: [{ title: 'Rename to "backgroundSound"', edits: [['25:2-25:18', '"backgroundSound"']], isPreferred: true }, { title: 'Remove property "backgroundSoud"', edits: [['24:27-25:28', '']] }] },
  ],
  'unknown key inside a branch': [
    { at: '19:4-19:12', text: '"colour"', severity: 'Error', code: 'unknown-property', message: 'Property "colour" is not allowed (azure voice); the API rejects unknown properties.', fixes: [{ title: 'Remove property "colour"', edits: [['18:16-19:20', '']] }] },
  ],
  'too long': [
    { at: '1:10-1:60', text: '"A support assistant with a very long name indeed"', severity: 'Error', code: 'max-length', message: '"name" is 48 characters long; the maximum is 40.' },
  ],
  'missing required': [
    { at: '15:2-15:9', text: '"voice"', severity: 'Error', code: 'required', message: 'Missing required property "voiceId" in "voice" (azure voice).' },
  ],
  'unknown provider': [
    { at: '16:16-16:22', text: '"azur"', severity: 'Warning', code: 'outdated-enum', message: 'Value "azur" is not among the bundled schema\'s values for "provider" (voice). Did you mean "azure"? The schema (API 2026-08-18) is over 60 days old and may not know it yet: run "Assistant Config: Update Schemas from Live API" or `assistant-config schemas update`. Known values: "azure", "cartesia", "custom-voice", "deepgram", "11labs", "hume", "lmnt", "neuphonic", "openai", "playht", "wellsaid", "rime-ai", "smallest-ai", "tavus", "vapi", "sesame", "inworld", "minimax", "xai", "microsoft".', fixes: [{ title: 'Change to "azure"', edits: [['16:16-16:22', '"azure"']], isPreferred: true }] },
  ],
  'legacy field': [
    { at: '25:2-25:16', text: '"hipaaEnabled"', severity: 'Warning', code: 'legacy-field', message: '"hipaaEnabled" left the published Vapi API after 2024-11-21 (absent from the 2025-02-19 snapshot on). It moved to "compliancePlan.hipaaEnabled".', tags: ['Deprecated'], fixes: [{ title: 'Move "hipaaEnabled" to "compliancePlan.hipaaEnabled"', edits: [['24:27-25:22', ',\n  "compliancePlan": { "hipaaEnabled": true }']], isPreferred: true }, { title: 'Remove property "hipaaEnabled"', edits: [['24:27-25:22', '']] }] },
  ],
  'legacy value': [
    { at: '16:16-16:23', text: '"neets"', severity: 'Warning', code: 'legacy-value', message: 'Value "neets" of "provider" (voice) left the published Vapi API after 2025-02-19 (absent from the 2025-07-02 snapshot on).', tags: ['Deprecated'] },
  ],
  'server-managed': [
    { at: '1:2-1:6', text: '"id"', severity: 'Information', code: 'server-managed', message: '"id" is managed by the server and ignored on push.', tags: ['Unnecessary'], fixes: [{ title: 'Remove property "id"', edits: [['1:2-2:2', '']] }] },
    { at: '2:2-2:9', text: '"orgId"', severity: 'Information', code: 'server-managed', message: '"orgId" is managed by the server and ignored on push.', tags: ['Unnecessary'], fixes: [{ title: 'Remove property "orgId"', edits: [['2:2-3:2', '']] }] },
    { at: '3:2-3:13', text: '"createdAt"', severity: 'Information', code: 'server-managed', message: '"createdAt" is managed by the server and ignored on push.', tags: ['Unnecessary'], fixes: [{ title: 'Remove property "createdAt"', edits: [['3:2-4:2', '']] }] },
  ],
  'not an object': [
    { at: '0:0-0:6', text: '[1, 2]', severity: 'Error', code: 'type', message: 'An assistant file must hold one JSON object.' },
  ],
  'insighto enum typo': [
    { at: '1:20-1:28', text: '"simpel"', severity: 'Error', code: 'enum', message: 'Value "simpel" is not allowed for "assistant_type". Did you mean "simple"? Allowed values: "simple", "chat", "phone", "nl2sql", "realtime_openai", null.', fixes: [{ title: 'Change to "simple"', edits: [['1:20-1:28', '"simple"']], isPreferred: true }] },
    { at: '2:15-2:23', text: '"gpt-4o"', severity: 'Error', code: 'enum', message: 'Value "gpt-4o" is not allowed for "llm_model". Allowed values: "gpt-4-0125-preview", "gpt-3.5-turbo-0125", "gpt-3.5-turbo-1106", "gpt-3.5-turbo", "gpt-4-1106-preview", "gpt-4o-2024-05-13", "gpt-4o-mini", "llama-3.1-70b-versatile", "gpt-4o-realtime-preview", "gpt-4o-mini-realtime-preview", "deepseek-r1-distill-llama-70b", "o3-mini", null.' },
  ],
  '520 tools, all valid': [],
  '520 tools, a message type typo in tool 300': [
    { at: '5944:20-5944:35', text: '"request-strat"', severity: 'Error', code: 'enum', message: 'Value "request-strat" is not allowed for "type" (message). Did you mean "request-start"? Allowed values: "request-start", "request-complete", "request-failed", "request-response-delayed".', fixes: [{ title: 'Change to "request-start"', edits: [['5944:20-5944:35', '"request-start"']], isPreferred: true }] },
  ],
  '520 tools, a legacy field in tool 302': [
    { at: '6005:8-6005:16', text: '"server"', severity: 'Warning', code: 'legacy-field', message: '"server" (endCall tool) left the published Vapi API after 2025-02-19 (absent from the 2025-07-02 snapshot on).', tags: ['Deprecated'], fixes: [{ title: 'Remove property "server"', edits: [['6004:9-6007:9', '']] }] },
  ],
  '520 tools, a wrong type in tool 304\'s parameters': [
    { at: '6038:24-6038:25', text: '7', severity: 'Error', code: 'type', message: 'Incorrect type for "type": expected string, got number (function tool).' },
  ],
  '520 tools, an unknown key in tool 305': [
    { at: '6071:8-6071:21', text: '"destinatons"', severity: 'Error', code: 'unknown-property', message: 'Property "destinatons" is not allowed (transferCall tool); the API rejects unknown properties.', fixes: [{ title: 'Remove property "destinatons"', edits: [['6070:9-6071:25', '']] }] },
  ],
  '520 tools, a syntax error in tool 303': [
    { at: '6008:8-6008:18', text: '"messages"', severity: 'Error', code: 'syntax', message: 'Comma expected.' },
  ],
  [`${toolCount} tools, a misspelt key with a likely meaning in tool 300`]: [
    { at: '5972:8-5972:15', text: '"asynk"', severity: 'Error', code: 'unknown-property', message: 'Property "asynk" is not allowed (function tool); the API rejects unknown properties. Did you mean "async"?', fixes: [{ title: 'Rename to "async"', edits: [['5972:8-5972:15', '"async"']], isPreferred: true }, { title: 'Remove property "asynk"', edits: [['5971:9-5972:21', '']] }] },
  ],
  [`${toolCount} tools, a destination without its number in tool 301`]: [
    { at: '5986:10-5986:11', text: '{', severity: 'Error', code: 'required', message: 'Missing required property "number" in "destinations[0]" (number destination).' },
  ],
  [`${toolCount} tools, a misspelt model provider`]: [
    { at: '5:16-5:23', text: '"opnai"', severity: 'Warning', code: 'outdated-enum', message: 'Value "opnai" is not among the bundled schema\'s values for "provider" (model). Did you mean "openai"? The schema (API 2026-08-18) is over 60 days old and may not know it yet: run "Assistant Config: Update Schemas from Live API" or `assistant-config schemas update`. Known values: "anthropic", "anthropic-bedrock", "anyscale", "cerebras", "custom-llm", "deepinfra", "deep-seek", "google", "groq", "inflection-ai", "minimax", "openai", "openrouter", "perplexity-ai", "together-ai", "xai", "vapi".', fixes: [{ title: 'Change to "openai"', edits: [['5:16-5:23', '"openai"']], isPreferred: true }] },
  ],
  [`${toolCount} tools, legacy and server-managed fields beside mistakes in tools 300 and 304`]: [
    { at: '5948:20-5948:35', text: '"request-faild"', severity: 'Error', code: 'enum', message: 'Value "request-faild" is not allowed for "type" (message). Did you mean "request-failed"? Allowed values: "request-start", "request-complete", "request-failed", "request-response-delayed".', fixes: [{ title: 'Change to "request-failed"', edits: [['5948:20-5948:35', '"request-failed"']], isPreferred: true }] },
    { at: '6038:24-6038:25', text: '7', severity: 'Error', code: 'type', message: 'Incorrect type for "type": expected string, got number (function tool).' },
    { at: '10288:16-10288:23', text: '"neets"', severity: 'Warning', code: 'legacy-value', message: 'Value "neets" of "provider" (voice) left the published Vapi API after 2025-02-19 (absent from the 2025-07-02 snapshot on).', tags: ['Deprecated'] },
    { at: '10296:2-10296:6', text: '"id"', severity: 'Information', code: 'server-managed', message: '"id" is managed by the server and ignored on push.', tags: ['Unnecessary'], fixes: [{ title: 'Remove property "id"', edits: [['10296:2-10297:2', '']] }] },
    { at: '10297:2-10297:16', text: '"hipaaEnabled"', severity: 'Warning', code: 'legacy-field', message: '"hipaaEnabled" left the published Vapi API after 2024-11-21 (absent from the 2025-02-19 snapshot on). It moved to "compliancePlan.hipaaEnabled".', tags: ['Deprecated'], fixes: [{ title: 'Move "hipaaEnabled" to "compliancePlan.hipaaEnabled"', edits: [['10296:14-10297:22', ',\n  "compliancePlan": { "hipaaEnabled": true }']], isPreferred: true }, { title: 'Remove property "hipaaEnabled"', edits: [['10296:14-10297:22', '']] }] },
  ],
  [`${toolCount} tools, a syntax error and a wrong type in tool 305`]: [
    { at: '2:2-2:16', text: '"firstMessage"', severity: 'Error', code: 'syntax', message: 'Comma expected.' },
    { at: '6067:22-6067:29', text: '5551234', severity: 'Error', code: 'type', message: 'Incorrect type for "number": expected string, got number (number destination).' },
  ],
};

const rangeText = (range: Diagnostic['range']) => `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
const severities = ['', 'Error', 'Warning', 'Information', 'Hint'];
const tagNames = ['', 'Unnecessary', 'Deprecated'];

/** A diagnostic as the user meets it: where, what text, how severe, which code, what words, which fixes. */
function seen(text: string, diagnostic: Diagnostic): Expected {
  assert.equal(diagnostic.source, 'assistant-config');
  const result: Expected = {
    at: rangeText(diagnostic.range),
    text: textAt(text, diagnostic.range),
    severity: severities[diagnostic.severity!] as Expected['severity'],
    code: String(diagnostic.code),
    message: messageOf(diagnostic),
  };
  if (diagnostic.tags) result.tags = diagnostic.tags.map((tag) => tagNames[tag] as 'Unnecessary' | 'Deprecated');
  const fixes = (diagnostic.data as { fixes?: { title: string; edits: { range: Diagnostic['range']; newText: string }[]; isPreferred?: boolean }[] } | undefined)?.fixes;
  if (fixes) {
    result.fixes = fixes.map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((edit): [string, string] => [rangeText(edit.range), edit.newText]),
      ...(fix.isPreferred ? { isPreferred: true as const } : {}),
    }));
  }
  return result;
}

describe('diagnostics quality on broken files', () => {
  test('every broken file has its expectation', () => {
    assert.deepEqual(brokenFiles.map((file) => file.name).sort(), Object.keys(expected).sort());
  });

  for (const file of brokenFiles) {
    test(`validateFile: ${file.name}`, () => {
      const diagnostics = validateFile(file.text, kindById(file.kind ?? 'vapi-assistant'));
      assert.deepEqual(diagnostics.map((d) => seen(file.text, d)), expected[file.name]);
    });
  }

  describe('as the language server publishes them', () => {
    let client: LspClient;
    before(async () => (client = await LspClient.start()));
    after(async () => client.stop());

    for (const file of brokenFiles) {
      test(`server: ${file.name}`, async () => {
        const fileName = file.kind === 'insighto-assistant' ? 'test.insighto.assistant.json' : undefined;
        const { diagnostics } = await client.diagnose(file.text, fileName);
        assert.deepEqual(diagnostics.map((d) => seen(file.text, d)), expected[file.name]);
      });
    }
  });
});
