// What the server tests compare against: facts read straight from the current OpenAPI snapshot (not from
// the generated schema the server uses), the seed request bodies and a large realistic assistant.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../helpers/lspClient';

type OpenApiSchema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: boolean | OpenApiSchema;
  items?: OpenApiSchema;
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  required?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
  deprecated?: boolean;
};

export const openApiPath = path.join(projectRoot, '..', 'shared', 'vapi-openapi', 'openapi-2026-08-18.json');
const openApi = JSON.parse(readFileSync(openApiPath, 'utf8')) as {
  components: { schemas: Record<string, OpenApiSchema> };
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: OpenApiSchema }> } }>>;
};
const schemas = openApi.components.schemas;

export function openApiSchema(name: string): OpenApiSchema {
  const schema = schemas[name];
  if (!schema) throw new Error(`${name} is not in ${openApiPath}`);
  return schema;
}

function resolve(schema: OpenApiSchema): OpenApiSchema {
  if (schema.$ref) return resolve(openApiSchema(schema.$ref.replace('#/components/schemas/', '')));
  if (schema.allOf?.length === 1 && !schema.properties) return resolve(schema.allOf[0]);
  return schema;
}

/** The variants of a CreateAssistantDTO union property (`voice`, `model`, `transcriber`), resolved. */
export function unionVariants(property: string): OpenApiSchema[] {
  const union = openApiSchema('CreateAssistantDTO').properties?.[property];
  if (!union?.oneOf) throw new Error(`CreateAssistantDTO.${property} is not a oneOf`);
  return union.oneOf.map(resolve);
}

/** The create DTOs of POST /tool (one per tool `type`), resolved. */
export function toolVariants(): OpenApiSchema[] {
  const body = openApi.paths['/tool'].post.requestBody!.content['application/json'].schema;
  return (body.oneOf ?? []).map(resolve);
}

/** The create DTO of POST /tool for one tool `type`. */
export function toolVariant(type: string): OpenApiSchema {
  const variant = toolVariants().find((v) => v.properties?.type?.enum?.includes(type));
  if (!variant) throw new Error(`POST /tool has no ${type} tool`);
  return variant;
}

/** Every `provider` value a union property accepts in the current API. */
export function providersOf(property: string): string[] {
  return unionVariants(property).flatMap((variant) => (variant.properties?.provider?.enum ?? []) as string[]);
}

/** The resolved variant of a union property for one provider. */
export function variantFor(property: string, provider: string): OpenApiSchema {
  const variant = unionVariants(property).find((v) => v.properties?.provider?.enum?.includes(provider));
  if (!variant) throw new Error(`no ${property} variant for provider ${provider}`);
  return variant;
}

export type JsonPath = (string | number)[];

/**
 * Paths in `value` the current API does not accept: keys it has no property for, and enum values it
 * no longer lists. Only keys and enum values are judged (not types), which is what "dropped" means.
 */
export function droppedPaths(value: unknown, schema: OpenApiSchema = openApiSchema('CreateAssistantDTO'), at: JsonPath = []): JsonPath[] {
  const s = resolve(schema);
  const alternatives = s.oneOf ?? s.anyOf;
  if (alternatives) {
    // A union told apart by a one-value field (`type`, `provider`) means the branch that value names;
    // otherwise the alternative that accepts most of the value is the one the user meant.
    const named = alternatives.filter((alternative) =>
      Object.entries(resolve(alternative).properties ?? {}).some(
        ([key, property]) => property.enum?.length === 1 && (value as Record<string, unknown> | null)?.[key] === property.enum[0],
      ),
    );
    // A value naming no branch (a removed provider) is one dropped value: its other keys belong to it.
    const discriminator = alternatives
      .flatMap((alternative) => Object.entries(resolve(alternative).properties ?? {}))
      .find(([key, property]) => property.enum?.length === 1 && typeof (value as Record<string, unknown> | null)?.[key] === 'string')?.[0];
    if (named.length === 0 && discriminator) return [[...at, discriminator]];
    const tries = (named.length > 0 ? named : alternatives).map((alternative) => droppedPaths(value, alternative, at));
    return tries.reduce((best, next) => (next.length < best.length ? next : best));
  }
  if (Array.isArray(value)) {
    const items = s.items ?? (s.enum ? { enum: s.enum } : undefined);
    return items ? value.flatMap((item, index) => droppedPaths(item, items, [...at, index])) : [];
  }
  if (value !== null && typeof value === 'object') {
    if (!s.properties) return [];
    return Object.entries(value).flatMap(([key, child]) => {
      const property = s.properties?.[key];
      if (property) return droppedPaths(child, property, [...at, key]);
      return s.additionalProperties ? [] : [[...at, key]];
    });
  }
  if (s.enum && value !== null && !s.enum.includes(value)) return [at];
  return [];
}

/** Top-level keys GET returns that create does not take: allowed in files, ignored on push. */
export function serverManagedKeys(): string[] {
  const created = Object.keys(openApiSchema('CreateAssistantDTO').properties!);
  return Object.keys(openApiSchema('Assistant').properties!).filter((key) => !created.includes(key));
}

export const fixturesDir = path.join(projectRoot, 'test', 'fixtures');

/** The seed request bodies the SCHEMA helper extracted (test/fixtures/seed-*.json), by file name. */
export function seedBodies(): { name: string; text: string }[] {
  if (!existsSync(fixturesDir)) return [];
  return readdirSync(fixturesDir)
    .filter((name) => /^seed-.*\.json$/.test(name))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(fixturesDir, name), 'utf8') }));
}

/** test/fixtures/large.assistant.json when present, otherwise a generated one of the same kind. */
export function largeAssistant(): string {
  const file = path.join(fixturesDir, 'large.assistant.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : JSON.stringify(generatedLargeAssistant(), null, 2);
}

function generatedLargeAssistant() {
  const prompt = Array.from(
    { length: 400 },
    (_, i) => `Rule ${i + 1}: when the caller asks about topic ${i + 1}, answer briefly, confirm the details and offer more help.`,
  ).join('\n');
  const functionTools = Array.from({ length: 34 }, (_, i) => ({
    type: 'function',
    async: false,
    function: {
      name: `lookup_record_${i + 1}`,
      description: `Looks up record kind ${i + 1} for the caller.`,
      parameters: {
        type: 'object',
        properties: {
          recordId: { type: 'string', description: 'The id the caller reads out.' },
          includeHistory: { type: 'boolean', description: 'Whether to include past changes.' },
        },
        required: ['recordId'],
      },
    },
    server: { url: `https://example.com/tools/${i + 1}`, timeoutSeconds: 20 },
  }));
  const transfer = {
    type: 'transferCall',
    destinations: [{ type: 'number', number: '+14155550123', message: 'Transferring you now.', description: 'Human support' }],
  };
  return {
    name: 'Large support assistant',
    firstMessage: 'Hello, thanks for calling. How can I help?',
    firstMessageMode: 'assistant-speaks-first',
    model: {
      provider: 'openai',
      model: 'gpt-4o',
      temperature: 0.4,
      maxTokens: 400,
      messages: [{ role: 'system', content: prompt }],
      tools: [...functionTools, transfer],
    },
    voice: { provider: 'azure', voiceId: 'andrew', speed: 1.1 },
    transcriber: { provider: 'deepgram', model: 'nova-3', language: 'en' },
    endCallPhrases: ['goodbye', 'bye for now'],
    maxDurationSeconds: 1800,
    backgroundSound: 'office',
    metadata: { team: 'support' },
  };
}

/** A small, valid Vapi assistant: the base the broken-file cases change one thing in. */
export const smallAssistant = {
  name: 'Front desk',
  firstMessage: 'Hello, how can I help?',
  firstMessageMode: 'assistant-speaks-first',
  model: { provider: 'openai', model: 'gpt-4o', temperature: 0.4, messages: [{ role: 'system', content: 'Be brief.' }] },
  voice: { provider: 'azure', voiceId: 'andrew', speed: 1.1 },
  transcriber: { provider: 'deepgram', language: 'en' },
  maxDurationSeconds: 600,
};

type Tool = Record<string, any>;

/**
 * A valid assistant with `count` tools (function, transferCall, endCall, dtmf in turn, each with
 * messages), pretty-printed; `change` may break some tools first.
 */
export function manyToolsAssistant(count: number, change: (tools: Tool[]) => void = () => {}): string {
  const messages = (topic: string) => [
    { type: 'request-start', content: `One moment while I check the ${topic}.` },
    { type: 'request-failed', content: `Sorry, the ${topic} system is not reachable.` },
  ];
  const tools: Tool[] = Array.from({ length: count }, (_, i): Tool => {
    const topic = `topic ${i}`;
    switch (i % 4) {
      case 0:
        return {
          type: 'function',
          messages: messages(topic),
          function: {
            name: `check_topic_${i}`,
            description: `Checks ${topic}.`,
            parameters: { type: 'object', properties: { recordId: { type: 'string', description: 'The record id' } }, required: ['recordId'] },
          },
          server: { url: `https://example.com/tools/${i}`, timeoutSeconds: 10 },
        };
      case 1:
        return {
          type: 'transferCall',
          messages: messages(topic),
          destinations: [{ type: 'number', number: `+1415555${String(1000 + i).slice(-4)}`, description: `Transfer for ${topic}` }],
        };
      case 2:
        return { type: 'endCall', messages: messages(topic) };
      default:
        return { type: 'dtmf', messages: messages(topic) };
    }
  });
  change(tools);
  return JSON.stringify({ ...smallAssistant, model: { ...smallAssistant.model, tools } }, null, 2);
}
