// The bundled schemas: found by walking up from this file (works from dist/ and from sources), parsed once.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type AssistantKind = 'vapi' | 'insighto';
export type JSONSchema = { [keyword: string]: any };

const FILE_NAMES: Record<AssistantKind, string> = {
  vapi: 'vapi-assistant.schema.json',
  insighto: 'insighto-assistant.schema.json',
};
const cache = new Map<AssistantKind, JSONSchema>();

export function schemaPath(kind: AssistantKind): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', FILE_NAMES[kind]);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`schemas/${FILE_NAMES[kind]} not found above ${__dirname}`);
  }
}

export function loadSchema(kind: AssistantKind): JSONSchema {
  let schema = cache.get(kind);
  if (!schema) {
    schema = JSON.parse(readFileSync(schemaPath(kind), 'utf8')) as JSONSchema;
    cache.set(kind, schema);
  }
  return schema;
}

/** Top-level keys the server sets (GET-only); allowed in a file, ignored on push. */
export function serverManagedKeys(kind: AssistantKind): ReadonlySet<string> {
  return topLevelKeys(kind).serverManaged;
}

/** Top-level keys the API accepts on create: neither server-managed, local (`$schema`) nor legacy. */
export function pushableKeys(kind: AssistantKind): ReadonlySet<string> {
  return topLevelKeys(kind).pushable;
}

/** Per kind, read once: normalise asks for both sets for every assistant it sees. */
const topLevelKeysCache = new Map<AssistantKind, { serverManaged: ReadonlySet<string>; pushable: ReadonlySet<string> }>();

function topLevelKeys(kind: AssistantKind): { serverManaged: ReadonlySet<string>; pushable: ReadonlySet<string> } {
  let keys = topLevelKeysCache.get(kind);
  if (!keys) {
    const properties: Record<string, JSONSchema> = loadSchema(kind).properties ?? {};
    const keep = (test: (property: JSONSchema) => boolean) => new Set(Object.keys(properties).filter((key) => test(properties[key])));
    keys = {
      serverManaged: keep((property) => property['x-server-managed'] === true),
      pushable: keep((property) => !property['x-server-managed'] && !property['x-local'] && !property['x-legacy']),
    };
    topLevelKeysCache.set(kind, keys);
  }
  return keys;
}
