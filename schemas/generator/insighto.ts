// The Insighto assistant schema, read from seed 003 (Insighto's "Create Assistant" reference page).
import type { Schema } from '../../core/src/schemaGeneration/openapi';

/** Short descriptions in our words; the seed page lists types, enums and defaults but no prose per field. */
const DESCRIPTIONS: Record<string, string> = {
  assistant_type: 'What kind of assistant this is.',
  llm_model: 'The language model the assistant uses.',
  name: 'The assistant\'s name.',
  description: 'A description of the assistant.',
  attributes: 'Free-form attributes stored with the assistant.',
  system_prompt: 'The system prompt that instructs the model.',
  voice: 'Whether voice is enabled for the assistant.',
  custom_voice: 'Whether the assistant uses a custom voice.',
  voice_languages: 'Language codes the voice supports, e.g. "en-US".',
  org_id: 'The organisation the assistant belongs to (UUID).',
  show_images: 'Whether images are shown in conversations.',
  hide_ds: 'Whether data sources are hidden.',
  webhook_id: 'The webhook to notify (UUID).',
  has_human_agent: 'Whether a human agent can take over.',
  use_tools: 'Whether the assistant may use tools.',
  conversation_flow_id: 'The conversation flow to follow (UUID).',
};

const FIELD_NAME = /^[a-z][a-z0-9_]*$/;

export function insightoSchema(seedText: string, seedId: string): Schema {
  const lines = seedText.split('\n').map((line) => line.trim()).filter(Boolean);
  const body = lines.indexOf('Body');
  const end = lines.indexOf('Response', body);
  if (body === -1 || end === -1) throw new Error(`seed ${seedId}: no Body section`);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  let i = body + 1;
  while (i < end) {
    const name = lines[i];
    const typeLine = lines[i + 1] ?? '';
    if (!FIELD_NAME.test(name) || !/\||\[\]|·|^(string|boolean|integer|number)/.test(typeLine)) {
      i++;
      continue;
    }
    const schema = parseType(typeLine);
    i += 2;
    while (i < end) {
      const line = lines[i];
      if (line === 'required') required.push(name);
      else if (line.startsWith('default:')) schema.default = JSON.parse(line.slice('default:'.length));
      else if (line === 'Available options:') {
        const values: unknown[] = [];
        while (++i < end) {
          values.push(lines[i].replace(/,$/, ''));
          if (!lines[i].endsWith(',')) break;
        }
        schema.enum = Array.isArray(schema.type) && schema.type.includes('null') ? [...values, null] : values;
      } else break;
      i++;
    }
    if (DESCRIPTIONS[name]) schema.description = DESCRIPTIONS[name];
    properties[name] = schema;
  }
  properties.id = {
    type: 'string',
    format: 'uuid',
    description: 'The assistant\'s id, set by Insighto. Ignored on push.',
    'x-server-managed': true,
  };
  properties.$schema = { type: 'string', description: 'The JSON schema this file follows (local only; never pushed).', 'x-local': true };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Insighto assistant',
    description: 'An Insighto assistant (POST/PUT /api/v1/assistant body).',
    'x-source': { document: `seed ${seedId} (Insighto API reference: Create Assistant)`, date: 'seed' },
    type: 'object',
    properties,
    required,
    additionalProperties: false,
  };
}

function parseType(line: string): Schema {
  const [main, ...rest] = line.split('|').map((part) => part.trim());
  const nullable = rest.includes('null');
  const withType = (type: string): string | string[] => (nullable ? [type, 'null'] : type);
  if (main.endsWith('[]')) return { type: withType('array') };
  const object = /^(.*)·\s*object$/.exec(main);
  if (object) return { type: withType('object'), title: object[1].trim() };
  const typed = /^(enum<)?(\w+)(?:<(\w+)>)?>?$/.exec(main);
  if (!typed) throw new Error(`unknown type line: ${line}`);
  const [, , base, format] = typed;
  const schema: Schema = { type: withType(base) };
  if (format) schema.format = format;
  return schema;
}
