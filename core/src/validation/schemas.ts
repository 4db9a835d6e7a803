// The bundled schemas: a schemas/ folder beside this file or above it (dist/server.js finds the package's
// schemas/, the sources the project's), parsed once.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KindId, ResourceKind } from '../kinds';

export type JSONSchema = { [keyword: string]: any };

const cache = new Map<KindId, JSONSchema>();

/** Where the kind's bundled schema is, or undefined when no schemas/ folder beside this file or above it has it. */
export function schemaPath(kind: ResourceKind): string | undefined {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'schemas', kind.schemaFile);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

export function loadSchema(kind: ResourceKind): JSONSchema {
  let schema = cache.get(kind.id);
  if (!schema) {
    const path = schemaPath(kind);
    if (!path) throw new Error(`schemas/${kind.schemaFile} is not beside ${__dirname} or above it`);
    schema = JSON.parse(readFileSync(path, 'utf8')) as JSONSchema;
    cache.set(kind.id, schema);
  }
  return schema;
}

/** Top-level keys the server sets (GET-only); allowed in a file, ignored on push. */
export function serverManagedKeys(kind: ResourceKind): ReadonlySet<string> {
  return topLevelKeys(kind).serverManaged;
}

/** Top-level keys the API accepts on create: neither server-managed, local (`$schema`) nor legacy. */
export function pushableKeys(kind: ResourceKind): ReadonlySet<string> {
  return topLevelKeys(kind).pushable;
}

/** Per kind, read once: normalise asks for both sets for every resource it sees. */
const topLevelKeysCache = new Map<KindId, { serverManaged: ReadonlySet<string>; pushable: ReadonlySet<string> }>();

function topLevelKeys(kind: ResourceKind): { serverManaged: ReadonlySet<string>; pushable: ReadonlySet<string> } {
  let keys = topLevelKeysCache.get(kind.id);
  if (!keys) {
    const properties: Record<string, JSONSchema> = loadSchema(kind).properties ?? {};
    const keep = (test: (property: JSONSchema) => boolean) => new Set(Object.keys(properties).filter((key) => test(properties[key])));
    keys = {
      serverManaged: keep((property) => property['x-server-managed'] === true),
      pushable: keep((property) => !property['x-server-managed'] && !property['x-local'] && !property['x-legacy']),
    };
    topLevelKeysCache.set(kind.id, keys);
  }
  return keys;
}
