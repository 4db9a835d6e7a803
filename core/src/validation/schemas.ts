// The schemas in use: each kind's bundled schema (a schemas/ folder beside this file or above it:
// dist/server.js finds the package's schemas/, the sources the project's), parsed once, unless a live schema
// of its vendor has been installed (core/src/liveSchemas: converted from the environment's OpenAPI document,
// with its own validator). A live set replaces the bundled one for every kind it has, schema and validator
// together, in one step: the check never pairs one schema with another's validator.
import { readFileSync } from 'node:fs';
import type { KindId, ResourceKind, Vendor } from '../kinds';
import { packageFile } from '../packageFiles';
import type { Validator } from '../schemaGeneration/compile';

export type JSONSchema = { [keyword: string]: any };

const bundled = new Map<KindId, JSONSchema>();

/** Where the kind's bundled schema is, or undefined when no schemas/ folder beside this file or above it has it. */
export function schemaPath(kind: ResourceKind): string | undefined {
  return packageFile('schemas', kind.schemaFile);
}

/** The schema shipped with the product (the build's conversion of a dated snapshot). */
export function bundledSchema(kind: ResourceKind): JSONSchema {
  let schema = bundled.get(kind.id);
  if (!schema) {
    const path = schemaPath(kind);
    if (!path) throw new Error(`schemas/${kind.schemaFile} is not beside ${__dirname} or above it`);
    schema = JSON.parse(readFileSync(path, 'utf8')) as JSONSchema;
    bundled.set(kind.id, schema);
  }
  return schema;
}

/** Schemas converted from a vendor's live OpenAPI document, with their compiled validators. */
export interface LiveSchemaSet {
  vendor: Vendor;
  /** The day this version of the document was first seen (YYYY-MM-DD). */
  date: string;
  /** Where the document was fetched from. */
  document: string;
  schemas: Partial<Record<KindId, JSONSchema>>;
  validators: Partial<Record<KindId, Validator>>;
}

/** Which schema a kind is checked against, and where it came from. */
export interface SchemaInUse {
  schema: JSONSchema;
  origin: 'bundled' | 'live';
  /** The date of the API description it was made from, when it has one (the Insighto schema comes from a seed). */
  date?: string;
  /** The document's name (bundled) or URL (live). */
  document?: string;
  /** The live set's validator; the bundled schema's is compiled into the build. */
  validator?: Validator;
}

const live = new Map<Vendor, LiveSchemaSet>();

/**
 * Installs a vendor's live schemas (undefined: back to the bundled ones). Callers that keep anything made
 * from a schema (the language server's services, parsed documents) drop it when this returns.
 */
export function useLiveSchemas(vendor: Vendor, set: LiveSchemaSet | undefined): void {
  if (set) live.set(vendor, set);
  else live.delete(vendor);
  topLevelKeysCache.clear();
}

/** The live set of a vendor in use, if any. */
export function liveSchemas(vendor: Vendor): LiveSchemaSet | undefined {
  return live.get(vendor);
}

export function schemaInUse(kind: ResourceKind): SchemaInUse {
  const set = live.get(kind.vendor);
  const schema = set?.schemas[kind.id];
  const validator = set?.validators[kind.id];
  if (set && schema && validator) return { schema, origin: 'live', date: set.date, document: set.document, validator };
  const own = bundledSchema(kind);
  const source = own['x-source'] as { date?: unknown; document?: unknown } | undefined;
  return {
    schema: own,
    origin: 'bundled',
    date: typeof source?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(source.date) ? source.date : undefined,
    document: typeof source?.document === 'string' ? source.document : undefined,
  };
}

/** The schema a kind's files are checked against now: the live one when installed, else the bundled one. */
export function loadSchema(kind: ResourceKind): JSONSchema {
  return schemaInUse(kind).schema;
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
