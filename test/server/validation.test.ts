// Function-level tests of validateFile (core/src/validation) and of the bundled schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { getLanguageService, TextDocument as JsonDocument } from 'vscode-json-languageservice';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { kindById } from '../../core/src/kinds';
import { loadSchema, pushableKeys, serverManagedKeys, validateFile, type QuickFix } from '../../core/src/validation';

const vapi = kindById('vapi-assistant');
/** A day within 60 days of the bundled Vapi snapshot (2026-08-18). */
const freshDay = new Date('2026-09-01T12:00:00Z');
const insighto = kindById('insighto-assistant');

const FIXTURES = join(__dirname, '..', 'fixtures');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** The text a diagnostic's range covers. */
function covered(text: string, diagnostic: Diagnostic): string {
  const document = TextDocument.create('file:///t.json', 'json', 1, text);
  return document.getText(diagnostic.range);
}

function applyFix(text: string, fix: QuickFix): string {
  return TextDocument.applyEdits(TextDocument.create('file:///t.json', 'json', 1, text), fix.edits);
}

function fixes(diagnostic: Diagnostic): QuickFix[] {
  return (diagnostic.data as { fixes?: QuickFix[] } | undefined)?.fixes ?? [];
}

const message = (diagnostic: Diagnostic): string => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);
const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error);
const warnedKeys = (text: string, diagnostics: Diagnostic[], code: string) =>
  diagnostics.filter((d) => d.code === code).map((d) => covered(text, d).replace(/^"|"$/g, ''));

describe('validateFile: done criteria', () => {
  it('reports speed 9 in an azure voice once, on exactly the 9, naming the branch', () => {
    const text = '{"voice": {"provider": "azure", "voiceId": "andrew", "speed": 9}}';
    const diagnostics = validateFile(text, vapi);
    assert.equal(diagnostics.length, 1);
    const [only] = diagnostics;
    assert.equal(only.severity, DiagnosticSeverity.Error);
    assert.equal(only.code, 'range');
    assert.equal(only.source, 'assistant-config');
    assert.deepEqual(only.range, { start: { line: 0, character: 62 }, end: { line: 0, character: 63 } });
    assert.equal(covered(text, only), '9');
    assert.equal(message(only), 'Value 9 is above the maximum of 2 for "speed" (azure voice).');
  });

  const seedCases: [string, string[], string[]][] = [
    [
      'seed-000.assistant.json',
      ['function_call', 'tool_calls', 'semanticCachingEnabled', 'functions', 'forwardingPhoneNumber', 'recordingEnabled', 'endCallFunctionEnabled', 'dialKeypadFunctionEnabled', 'hipaaEnabled', 'silenceTimeoutSeconds', 'responseDelaySeconds', 'llmRequestDelaySeconds', 'numWordsToInterruptAssistant', 'forwardingPhoneNumbers', 'voicemailDetectionEnabled', 'serverUrl', 'serverUrlSecret'],
      [],
    ],
    [
      'seed-001.assistant.json',
      ['async', 'function', 'server', 'inputPreprocessingEnabled', 'inputReformattingEnabled', 'inputMinCharacters', 'inputPunctuationBoundaries', 'fillerInjectionEnabled', 'recordingEnabled', 'hipaaEnabled', 'silenceTimeoutSeconds', 'responseDelaySeconds', 'llmRequestDelaySeconds', 'numWordsToInterruptAssistant', 'backchannelingEnabled', 'backgroundDenoisingEnabled', 'serverUrl', 'serverUrlSecret', 'summaryPrompt', 'summaryRequestTimeoutSeconds', 'structuredDataRequestTimeoutSeconds', 'successEvaluationPrompt', 'successEvaluationRubric', 'successEvaluationRequestTimeoutSeconds', 'structuredDataPrompt', 'structuredDataSchema', 'messagePlan'],
      ['canonical'],
    ],
    [
      'seed-002.assistant.json',
      ['dialKeypadFunctionEnabled', 'endCallFunctionEnabled', 'forwardingPhoneNumber', 'forwardingPhoneNumbers', 'hipaaEnabled', 'llmRequestDelaySeconds', 'numWordsToInterruptAssistant', 'recordingEnabled', 'responseDelaySeconds', 'serverUrl', 'serverUrlSecret', 'silenceTimeoutSeconds', 'voicemailDetectionEnabled'],
      [],
    ],
    ['seed-004.assistant.json', ['hipaaEnabled', 'silenceTimeoutSeconds', 'backgroundDenoisingEnabled', 'messagePlan'], []],
  ];
  for (const [file, legacyFields, legacyValues] of seedCases) {
    it(`${file}: no errors, a legacy warning on each field and value the current API dropped`, () => {
      const text = fixture(file);
      const diagnostics = validateFile(text, vapi);
      assert.deepEqual(errors(diagnostics).map(message), []);
      assert.deepEqual(warnedKeys(text, diagnostics, 'legacy-field'), legacyFields);
      assert.deepEqual(warnedKeys(text, diagnostics, 'legacy-value'), legacyValues);
      for (const d of diagnostics.filter((d) => String(d.code).startsWith('legacy'))) {
        assert.equal(d.severity, DiagnosticSeverity.Warning);
        assert.deepEqual(d.tags, [DiagnosticTag.Deprecated]);
        assert.match(message(d), /left the published Vapi API (after \d{4}-\d{2}-\d{2} \(absent from the \d{4}-\d{2}-\d{2} snapshot on\)|before 2024-10-10: only the seed-era reference documents it)/);
      }
    });
  }

  it('seed-004 (a GET response) marks id, orgId, createdAt and updatedAt as ignored on push', () => {
    const text = fixture('seed-004.assistant.json');
    const managed = validateFile(text, vapi).filter((d) => d.code === 'server-managed');
    assert.deepEqual(managed.map((d) => covered(text, d)), ['"id"', '"orgId"', '"createdAt"', '"updatedAt"']);
    assert.equal(message(managed[0]), '"id" is managed by the server and ignored on push.');
    assert.equal(managed[0].severity, DiagnosticSeverity.Information);
    assert.deepEqual(managed[0].tags, [DiagnosticTag.Unnecessary]);
  });

  it('seed 003 as an Insighto assistant has no diagnostics at all', () => {
    assert.deepEqual(validateFile(fixture('seed-003.insighto.assistant.json'), insighto), []);
  });

  it('the large realistic assistant (30+ tools of several types, long prompt, plans) has no diagnostics', () => {
    const text = fixture('large.assistant.json');
    const assistant = JSON.parse(text);
    assert.ok(assistant.model.tools.length >= 30);
    assert.ok(new Set(assistant.model.tools.map((tool: { type: string }) => tool.type)).size >= 8);
    assert.ok(assistant.model.messages[0].content.length > 4000);
    assert.deepEqual(validateFile(text, vapi), []);
  });
});

describe('validateFile: each kind of diagnostic', () => {
  it('syntax: a trailing comma is reported once, on the comma', () => {
    const text = '{\n  "name": "Ava",\n}';
    const diagnostics = validateFile(text, vapi);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'syntax');
    assert.equal(message(diagnostics[0]), 'Trailing comma is not allowed in JSON.');
    assert.deepEqual(diagnostics[0].range, { start: { line: 1, character: 15 }, end: { line: 1, character: 16 } });
  });

  it('syntax: comments are errors, on the comment', () => {
    const text = '{\n  // support line\n  "name": "Ava"\n}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(message(only), 'Comments are not allowed in an assistant file.');
    assert.equal(covered(text, only), '// support line');
  });

  it('wrong type: on the value', () => {
    const text = '{"maxDurationSeconds": "long"}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(only.code, 'type');
    assert.equal(covered(text, only), '"long"');
    assert.equal(message(only), 'Incorrect type for "maxDurationSeconds": expected number, got string.');
  });

  it('out of range below the minimum: on the value, naming the branch', () => {
    const text = '{"voice": {"provider": "azure", "voiceId": "andrew", "speed": 0.1}}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, only), '0.1');
    assert.equal(message(only), 'Value 0.1 is below the minimum of 0.5 for "speed" (azure voice).');
  });

  it('maxLength: name is at most 40 characters', () => {
    const name = 'Acme Dental After-Hours Emergency Line 24';
    const text = JSON.stringify({ name });
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(only.code, 'max-length');
    assert.equal(covered(text, only), JSON.stringify(name));
    assert.equal(message(only), '"name" is 41 characters long; the maximum is 40.');
  });

  it('enum: lists the allowed values, suggests the closest, and the fix replaces the value', () => {
    const text = '{"voice": {"provider": "azur", "voiceId": "andrew"}}';
    // A bundled schema younger than 60 days: an unknown provider is an error (older, a warning: below).
    const [only, ...rest] = validateFile(text, vapi, { now: freshDay });
    assert.equal(rest.length, 0);
    assert.equal(only.code, 'enum');
    assert.equal(covered(text, only), '"azur"');
    assert.match(message(only), /^Value "azur" is not allowed for "provider" \(voice\)\. Did you mean "azure"\? Allowed values: "azure", "cartesia", .*"microsoft"\.$/);
    assert.doesNotMatch(message(only), /neets/, 'legacy values are not offered');
    const [fix] = fixes(only);
    assert.equal(fix.title, 'Change to "azure"');
    assert.equal(applyFix(text, fix), '{"voice": {"provider": "azure", "voiceId": "andrew"}}');
  });

  it('an old bundled schema: an unknown model, voice or provider is a warning that says how to update; other enums stay errors', () => {
    const text = JSON.stringify({
      firstMessageMode: 'assistant-speaks-frist',
      model: { provider: 'openai', model: 'gpt-9' },
      voice: { provider: 'azure', voiceId: 'andrew', fallbackPlan: { voices: [{ provider: 'deepgram', voiceId: 'brand-new-voice' }] } },
      transcriber: { provider: 'openai', model: 'whisper-9' },
    });
    const found = validateFile(text, vapi, { now: new Date('2026-12-03T12:00:00Z') }).map((d) => ({ value: covered(text, d), severity: d.severity, code: d.code }));
    const Warning = DiagnosticSeverity.Warning;
    assert.deepEqual(found, [
      { value: '"assistant-speaks-frist"', severity: DiagnosticSeverity.Error, code: 'enum' },
      { value: '"gpt-9"', severity: Warning, code: 'outdated-enum' },
      { value: '"brand-new-voice"', severity: Warning, code: 'outdated-enum' },
      { value: '"whisper-9"', severity: Warning, code: 'outdated-enum' },
    ]);
    const [model] = validateFile(JSON.stringify({ model: { provider: 'openai', model: 'gpt-9' } }), vapi, { now: new Date('2026-12-03T12:00:00Z') });
    assert.match(message(model), /^Value "gpt-9" is not among the bundled schema's values for "model" \(openai model\)\..* The schema \(API 2026-08-18\) is over 60 days old and may not know it yet: run "Assistant Config: Update Schemas from Live API" or `assistant-config schemas update`\. Known values: /);
    // Day 60 is still fresh.
    assert.equal(validateFile(JSON.stringify({ model: { provider: 'openai', model: 'gpt-9' } }), vapi, { now: new Date('2026-10-17T00:00:00Z') })[0].severity, DiagnosticSeverity.Error);
    // Insighto's schema has no API date: its lists stay errors.
    assert.equal(validateFile(JSON.stringify({ llm_model: 'gpt-9' }), insighto, { now: new Date('2026-12-03T12:00:00Z') })[0].severity, DiagnosticSeverity.Error);
  });

  it('enum inside a tool: names the tool union and suggests the tool type', () => {
    const text = '{"model": {"provider": "openai", "model": "gpt-4o", "tools": [{"type": "transferCal"}]}}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, only), '"transferCal"');
    assert.match(message(only), /^Value "transferCal" is not allowed for "type" \(tool\)\. Did you mean "transferCall"\?/);
  });

  it('unknown key: on the key, with rename (preferred) and remove fixes that take the comma too', () => {
    const text = '{\n  "voice": {\n    "provider": "azure",\n    "spead": 1.2,\n    "voiceId": "andrew"\n  }\n}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(only.code, 'unknown-property');
    assert.equal(covered(text, only), '"spead"');
    assert.equal(message(only), 'Property "spead" is not allowed (azure voice); the API rejects unknown properties. Did you mean "speed"?');
    const [rename, remove] = fixes(only);
    assert.equal(rename.title, 'Rename to "speed"');
    assert.equal(rename.isPreferred, true);
    assert.equal(applyFix(text, rename), text.replace('"spead"', '"speed"'));
    assert.equal(remove.title, 'Remove property "spead"');
    assert.equal(applyFix(text, remove), '{\n  "voice": {\n    "provider": "azure",\n    "voiceId": "andrew"\n  }\n}');
  });

  it('unknown last key: the remove fix takes the comma before it', () => {
    const text = '{"name": "Ava", "nmae": "Ava"}';
    const [only] = validateFile(text, vapi);
    const remove = fixes(only).find((fix) => fix.title.startsWith('Remove'))!;
    assert.equal(applyFix(text, remove), '{"name": "Ava"}');
  });

  it('missing required: on the parent key, naming the branch', () => {
    const text = '{"voice": {"provider": "azure"}}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(only.code, 'required');
    assert.equal(covered(text, only), '"voice"');
    assert.equal(message(only), 'Missing required property "voiceId" in "voice" (azure voice).');
  });

  it('missing required at the top level: on the opening brace (Insighto)', () => {
    const text = '{"assistant_type": "simple"}';
    const [only, ...rest] = validateFile(text, insighto);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, only), '{');
    assert.equal(message(only), 'Missing required property "llm_model".');
  });

  it('a value of one type in a string-or-object union: the object branch reports on its key', () => {
    const text = '{"voicemailDetection": {"provider": "twilio", "enabled": 5}}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, only), '5');
    assert.equal(message(only), 'Incorrect type for "enabled": expected boolean, got number (twilio voicemailDetection).');
  });

  it('a union without a tag field (hooks): reports the mistake in the branch that matches, once', () => {
    const text = '{"hooks": [{"on": "call.ending", "do": [{"type": "say", "exact": 5}]}]}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(covered(text, only), '5');
    assert.equal(message(only), 'Incorrect type for "exact": expected string or array, got number (say do).');
  });

  it('a union of strings (backgroundSound): a number is one type error, a typo one enum error', () => {
    const [wrongType, ...rest] = validateFile('{"backgroundSound": 5}', vapi);
    assert.equal(rest.length, 0);
    assert.equal(message(wrongType), 'Incorrect type for "backgroundSound": expected string, got number.');
    const [typo, ...others] = validateFile('{"backgroundSound": "offic"}', vapi);
    assert.equal(others.length, 0);
    assert.equal(message(typo), 'Value "offic" is not allowed for "backgroundSound". Did you mean "office"? Allowed values: "off", "office".');
    assert.deepEqual(validateFile('{"backgroundSound": "https://example.com/cafe.mp3"}', vapi), []);
  });

  it('deprecated in the current API: a warning on the key', () => {
    const text = '{"analysisPlan": {"summaryPlan": {"enabled": true}}}';
    const diagnostics = validateFile(text, vapi);
    assert.deepEqual(diagnostics.map((d) => [d.code, covered(text, d), message(d)]), [
      ['deprecated', '"analysisPlan"', '"analysisPlan" is deprecated in the current Vapi API.'],
      ['deprecated', '"summaryPlan"', '"summaryPlan" is deprecated in the current Vapi API.'],
    ]);
    assert.ok(diagnostics.every((d) => d.severity === DiagnosticSeverity.Warning));
  });

  it('legacy field: a warning that says when it left and where it went, with a move fix', () => {
    const text = '{\n  "name": "Ava",\n  "serverUrl": "https://example.com/hook"\n}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(only.code, 'legacy-field');
    assert.equal(only.severity, DiagnosticSeverity.Warning);
    assert.deepEqual(only.tags, [DiagnosticTag.Deprecated]);
    assert.equal(covered(text, only), '"serverUrl"');
    assert.equal(message(only), '"serverUrl" left the published Vapi API after 2024-10-10 (absent from the 2024-11-21 snapshot on). It moved to "server.url".');
    const [move, remove] = fixes(only);
    assert.equal(move.title, 'Move "serverUrl" to "server.url"');
    assert.equal(move.isPreferred, true);
    const moved = applyFix(text, move);
    assert.deepEqual(JSON.parse(moved), { name: 'Ava', server: { url: 'https://example.com/hook' } });
    assert.deepEqual(validateFile(moved, vapi), []);
    assert.equal(applyFix(text, remove), '{\n  "name": "Ava"\n}');
  });

  it('legacy field: the move fix adds to an existing plan object', () => {
    const text = '{\n  "recordingEnabled": false,\n  "artifactPlan": {\n    "videoRecordingEnabled": true\n  }\n}';
    const [only] = validateFile(text, vapi);
    const moved = applyFix(text, fixes(only)[0]);
    assert.equal(moved, '{\n  "artifactPlan": {\n    "videoRecordingEnabled": true,\n    "recordingEnabled": false\n  }\n}');
  });

  it('legacy field older than every snapshot: says so from the seeds; no move when the place is not certain', () => {
    const text = '{"responseDelaySeconds": 0.4}';
    const [only] = validateFile(text, vapi);
    assert.equal(message(only), '"responseDelaySeconds" left the published Vapi API before 2024-10-10: only the seed-era reference documents it (seed 000, 001, 002).');
    assert.deepEqual(fixes(only).map((fix) => fix.title), ['Remove property "responseDelaySeconds"']);
  });

  it('legacy field inside a provider branch names the branch', () => {
    const text = '{"voice": {"provider": "cartesia", "voiceId": "x", "inputPreprocessingEnabled": true}}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(message(only), '"inputPreprocessingEnabled" (cartesia voice) left the published Vapi API before 2024-10-10: only the seed-era reference documents it (seed 001).');
  });

  it('legacy value: an old provider is a warning on the value, not an error', () => {
    const text = '{"voice": {"provider": "neets", "voiceId": "vits"}}';
    const [only, ...rest] = validateFile(text, vapi);
    assert.equal(rest.length, 0);
    assert.equal(only.code, 'legacy-value');
    assert.equal(only.severity, DiagnosticSeverity.Warning);
    assert.equal(covered(text, only), '"neets"');
    assert.equal(message(only), 'Value "neets" of "provider" (voice) left the published Vapi API after 2025-02-19 (absent from the 2025-07-02 snapshot on).');
  });
});

describe('schema helpers', () => {
  it('knows which top-level keys are server-managed and which are pushed', () => {
    assert.deepEqual([...serverManagedKeys(vapi)].sort(), ['analyticsMetadata', 'createdAt', 'id', 'isDeleted', 'isServerUrlSecretSet', 'latestVersion', 'orgId', 'updatedAt', 'workflowIds']);
    const pushable = pushableKeys(vapi);
    assert.equal(pushable.size, 31);
    for (const key of ['model', 'voice', 'transcriber', 'server', 'compliancePlan']) assert.ok(pushable.has(key), key);
    for (const key of ['id', '$schema', 'serverUrl', 'hipaaEnabled']) assert.ok(!pushable.has(key), key);
    assert.deepEqual([...serverManagedKeys(insighto)], ['id']);
    assert.equal(pushableKeys(insighto).size, 16);
  });

  it('records the source document and date', () => {
    assert.deepEqual(loadSchema(vapi)['x-source'], { document: 'openapi-2026-08-18.json', date: '2026-08-18' });
    assert.equal(loadSchema(vapi).$schema, 'http://json-schema.org/draft-07/schema#');
  });
});

describe('bundled schema in vscode-json-languageservice', () => {
  const service = getLanguageService({});
  service.configure({ validate: true, schemas: [{ uri: 'assistant://vapi', fileMatch: ['*.assistant.json'], schema: loadSchema(vapi) }] });
  async function labels(withCursor: string): Promise<string[]> {
    const offset = withCursor.indexOf('|');
    const document = JsonDocument.create('file:///x.assistant.json', 'json', 1, withCursor.replace('|', ''));
    const list = await service.doComplete(document, document.positionAt(offset), service.parseJSONDocument(document));
    return (list?.items ?? []).map((item) => item.label);
  }

  it('offers every current voice provider (and no legacy one) for "provider"', async () => {
    const providers = await labels('{"voice": {"provider": "|"}}');
    assert.deepEqual(providers, ['"azure"', '"cartesia"', '"custom-voice"', '"deepgram"', '"11labs"', '"hume"', '"lmnt"', '"neuphonic"', '"openai"', '"playht"', '"wellsaid"', '"rime-ai"', '"smallest-ai"', '"tavus"', '"vapi"', '"sesame"', '"inworld"', '"minimax"', '"xai"', '"microsoft"']);
  });

  it('offers exactly the azure voice keys once provider is azure', async () => {
    assert.deepEqual(await labels('{"voice": {"provider": "azure", |}}'), ['cachingEnabled', 'voiceId', 'chunkPlan', 'speed', 'fallbackPlan']);
  });

  it('offers a snippet per tool type inside model.tools', async () => {
    const tools = await labels('{"model": {"provider": "openai", "model": "gpt-4o", "tools": [|]}}');
    for (const label of ['function tool', 'transferCall tool', 'endCall tool', 'apiRequest tool', 'query tool', 'sms tool', 'dtmf tool', 'voicemail tool']) assert.ok(tools.includes(label), label);
  });
});
