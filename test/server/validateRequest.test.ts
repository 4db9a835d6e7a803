// assistantConfig/validate: the check a push makes, asked of the language server by the VS Code client
// (which carries no validator of its own). It must say exactly what validateFile says, for any text.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErrorCodes, ResponseError, type Diagnostic } from 'vscode-languageserver-protocol';
import { kindById } from '../../core/src/kinds';
import { validateFile } from '../../core/src/validation';
import { ValidateRequest } from '../../shared/src/protocol';
import { LspClient, messageOf } from '../helpers/lspClient';
import { brokenFiles } from './brokenFiles';

describe('assistantConfig/validate', () => {
  let client: LspClient;
  before(async () => (client = await LspClient.start({ settings: { validate: false, templateVariables: ['caller'] } })));
  after(async () => client.stop());

  const validate = (text: string, kind: string) => client.request<Diagnostic[]>(ValidateRequest.method, { text, kind });

  test('says what validateFile says, for files the editor never opened', async () => {
    for (const file of brokenFiles.filter((file) => !file.name.includes('520 tools'))) {
      const kind = file.kind ?? 'vapi-assistant';
      assert.deepEqual(await validate(file.text, kind), validateFile(file.text, kindById(kind)), file.name);
    }
  });

  test('checks as the kind it is given (the kind push sends the file as)', async () => {
    const insighto = JSON.stringify({ assistant_type: 'simple', llm_model: 'gpt-4o-mini', name: 'Support' });
    assert.deepEqual(await validate(insighto, 'insighto-assistant'), []);
    const asVapi = await validate(insighto, 'vapi-assistant');
    assert.deepEqual(asVapi.map((d) => d.message), validateFile(insighto, kindById('vapi-assistant')).map((d) => d.message));
    assert.ok(asVapi.some((d) => d.code === 'unknown-property'), 'Insighto keys are unknown to the Vapi schema');
  });

  test('checks even with assistantConfig.validate off (that setting is for the editor\'s problems)', async () => {
    const problems = await validate('{"name": 7}', 'vapi-assistant');
    assert.deepEqual(problems.map((d) => d.message), ['Incorrect type for "name": expected string, got number.']);
  });

  test('knows the template variables the settings declare, as the editor\'s problems do', async () => {
    const text = JSON.stringify({ name: 'Front desk', firstMessage: 'Hi {{ caller }}, {{ callr }} here.' }, null, 2);
    const problems = await validate(text, 'vapi-assistant');
    assert.deepEqual(problems, validateFile(text, kindById('vapi-assistant'), { templateVariables: ['caller'] }));
    assert.deepEqual(problems.map((d) => messageOf(d).split(' is not')[0]), ['"callr"']);
  });

  test('refuses a request without text or with an unknown kind, saying what it needs', async () => {
    for (const params of [{ kind: 'vapi-assistant' }, { text: '{}', kind: 'vapi-phone-number' }, null]) {
      await assert.rejects(client.request(ValidateRequest.method, params), (error: ResponseError<unknown>) => {
        assert.equal(error.code, ErrorCodes.InvalidParams);
        assert.match(error.message, /needs \{ text: string, kind: a known kind id \}/);
        return true;
      });
    }
  });
});
