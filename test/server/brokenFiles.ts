// Assistant files with known mistakes, one or a few per file: what diagnosticsQuality.test.ts checks the
// exact diagnostics of (so that making validation faster cannot change what users are told).
import type { KindId } from '../../core/src/kinds';
import { manyToolsAssistant, smallAssistant } from './fixtures';

export interface BrokenFile {
  name: string;
  text: string;
  kind?: KindId;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const base = smallAssistant;
/** Middle of a file with more than 500 tools: tools 300–305 are function, transferCall, endCall, dtmf, function, transferCall. */
const toolCount = 520;

export const brokenFiles: BrokenFile[] = [
  { name: 'missing comma', text: pretty(base).replace('"Front desk",', '"Front desk"') },
  { name: 'trailing comma', text: pretty(base).replace('"maxDurationSeconds": 600', '"maxDurationSeconds": 600,') },
  { name: 'syntax error and a wrong type in what could be read', text: pretty({ ...base, maxDurationSeconds: 'long' }).replace('"Front desk",', '"Front desk"') },
  { name: 'wrong type', text: pretty({ ...base, maxDurationSeconds: '600' }) },
  { name: 'out of range in a provider branch', text: pretty({ ...base, voice: { ...base.voice, speed: 9 } }) },
  { name: 'enum typo', text: pretty({ ...base, firstMessageMode: 'assistant-speaks-frist' }) },
  { name: 'unknown key with a likely meaning', text: pretty({ ...base, backgroundSoud: 'office' }) },
  { name: 'unknown key inside a branch', text: pretty({ ...base, voice: { ...base.voice, colour: 'blue' } }) },
  { name: 'too long', text: pretty({ ...base, name: 'A support assistant with a very long name indeed' }) },
  { name: 'missing required', text: pretty({ ...base, voice: { provider: 'azure' } }) },
  { name: 'unknown provider', text: pretty({ ...base, voice: { provider: 'azur', voiceId: 'andrew' } }) },
  { name: 'legacy field', text: pretty({ ...base, hipaaEnabled: true }) },
  { name: 'legacy value', text: pretty({ ...base, voice: { provider: 'neets', voiceId: 'vits' } }) },
  { name: 'server-managed', text: pretty({ id: 'a1b2', orgId: 'org-1', createdAt: '2026-01-01T00:00:00.000Z', ...base }) },
  { name: 'not an object', text: '[1, 2]' },
  { name: 'insighto enum typo', kind: 'insighto-assistant', text: pretty({ assistant_type: 'simpel', llm_model: 'gpt-4o', name: 'Chat' }) },
  { name: `${toolCount} tools, all valid`, text: manyToolsAssistant(toolCount) },
  { name: `${toolCount} tools, a message type typo in tool 300`, text: manyToolsAssistant(toolCount, (tools) => (tools[300].messages[0].type = 'request-strat')) },
  { name: `${toolCount} tools, a legacy field in tool 302`, text: manyToolsAssistant(toolCount, (tools) => (tools[302].server = { url: 'https://example.com/end' })) },
  { name: `${toolCount} tools, a wrong type in tool 304's parameters`, text: manyToolsAssistant(toolCount, (tools) => (tools[304].function.parameters.properties.recordId.type = 7)) },
  { name: `${toolCount} tools, an unknown key in tool 305`, text: manyToolsAssistant(toolCount, (tools) => (tools[305].destinatons = [])) },
  { name: `${toolCount} tools, a syntax error in tool 303`, text: manyToolsAssistant(toolCount, (tools) => (tools[303].type = 'dtmf-303')).replace('"dtmf-303",', '"dtmf"') },
  // Mistakes whose messages read facts found along their path only (did-you-mean keys, branch labels,
  // union tags), beside annotations whose ranges need other paths of the same file.
  { name: `${toolCount} tools, a misspelt key with a likely meaning in tool 300`, text: manyToolsAssistant(toolCount, (tools) => (tools[300].asynk = true)) },
  { name: `${toolCount} tools, a destination without its number in tool 301`, text: manyToolsAssistant(toolCount, (tools) => delete tools[301].destinations[0].number) },
  { name: `${toolCount} tools, a misspelt model provider`, text: manyToolsAssistant(toolCount).replace('"provider": "openai"', '"provider": "opnai"') },
  {
    name: `${toolCount} tools, legacy and server-managed fields beside mistakes in tools 300 and 304`,
    text: pretty({
      ...JSON.parse(
        manyToolsAssistant(toolCount, (tools) => {
          tools[300].messages[1].type = 'request-faild';
          tools[304].function.parameters.properties.recordId.type = 7;
        }),
      ),
      voice: { provider: 'neets', voiceId: 'vits' },
      id: 'a1b2',
      hipaaEnabled: true,
    }),
  },
  {
    name: `${toolCount} tools, a syntax error and a wrong type in tool 305`,
    text: manyToolsAssistant(toolCount, (tools) => (tools[305].destinations[0].number = 5551234)).replace('"Front desk",', '"Front desk"'),
  },
];
