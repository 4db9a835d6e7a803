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

/** Pushable keys the update DTO lacks (`x-create-only`): sent when creating, never in a PATCH. */
export function createOnlyKeys(kind: ResourceKind): ReadonlySet<string> {
  return topLevelKeys(kind).createOnly;
}

/**
 * The property that tells a kind's variants apart when its file is a union (a tool's `type`): an update
 * names it so that the API knows which update DTO applies.
 */
export function variantKey(kind: ResourceKind): string | undefined {
  const union = loadSchema(kind)['x-union'] as { property?: unknown } | undefined;
  return typeof union?.property === 'string' ? union.property : undefined;
}

interface TopLevelKeys {
  serverManaged: ReadonlySet<string>;
  pushable: ReadonlySet<string>;
  createOnly: ReadonlySet<string>;
}

/** Per kind, read once: normalise asks for these sets for every resource it sees. */
const topLevelKeysCache = new Map<KindId, TopLevelKeys>();

/** The root's properties and, for a union root (a tool), those of every variant. */
function rootProperties(root: JSONSchema): [string, JSONSchema][] {
  const definitions: Record<string, JSONSchema> = root.definitions ?? {};
  const resolved = (schema: JSONSchema | undefined) =>
    typeof schema?.$ref === 'string' ? definitions[schema.$ref.slice('#/definitions/'.length)] : schema;
  const variants = [root, ...((root.allOf ?? []) as JSONSchema[]).map((branch) => resolved(branch.then ?? branch))];
  return variants.flatMap((variant) => Object.entries((variant?.properties ?? {}) as Record<string, JSONSchema>));
}

function topLevelKeys(kind: ResourceKind): TopLevelKeys {
  let keys = topLevelKeysCache.get(kind.id);
  if (!keys) {
    const properties = rootProperties(loadSchema(kind));
    const keep = (test: (property: JSONSchema) => boolean) => new Set(properties.filter(([, property]) => test(property)).map(([key]) => key));
    const pushable = keep((property) => !property['x-server-managed'] && !property['x-local'] && !property['x-legacy']);
    // A key is server-managed or create-only only where no variant accepts it otherwise.
    const serverManaged = new Set([...keep((property) => property['x-server-managed'] === true)].filter((key) => !pushable.has(key)));
    const updatable = keep((property) => !property['x-server-managed'] && !property['x-local'] && !property['x-legacy'] && !property['x-create-only']);
    const createOnly = new Set([...pushable].filter((key) => !updatable.has(key)));
    keys = { serverManaged, pushable, createOnly };
    topLevelKeysCache.set(kind.id, keys);
  }
  return keys;
}
