// Walks the document's value alongside the schema to find what ajv cannot report as errors: legacy
// fields and values, server-managed and deprecated fields, which union branch applies where, and the
// keys an object may have (for did-you-mean). Works on the plain value so that a clean document never
// needs a syntax tree.
import type { LegacyInfo } from './messages';
import type { JSONSchema } from './schemas';

export interface Annotation {
  kind: 'legacy-field' | 'legacy-value' | 'server-managed' | 'deprecated';
  key: string;
  /** JSON pointer of the field's value (or of the legacy value). */
  pointer: string;
  /** For a legacy value: the value. */
  value?: string;
  info?: LegacyInfo;
}

export interface SchemaFacts {
  annotations: Annotation[];
  /** JSON pointer of each union instance -> its branch label, e.g. "/voice" -> "azure voice". */
  branchLabels: Map<string, string>;
  /** JSON pointer of each union instance -> the property that tells its branches apart, e.g. "provider". */
  unionTags: Map<string, string>;
  /** JSON pointer of each object with unknown keys -> the current keys it may have. */
  knownKeys: Map<string, string[]>;
  /** JSON pointer of each value that has enum alternatives -> its legacy values (excluded from suggestions). */
  legacyValues: Map<string, Set<string>>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * With `annotationsOnly`, subtrees whose schemas cannot lead to a legacy, server-managed or deprecated
 * mark are skipped: `annotations` and the branch labels of their ancestors are complete (all that a file
 * without errors needs), the other facts are not.
 */
export function collectFacts(root: JSONSchema, document: unknown, annotationsOnly = false): SchemaFacts {
  const facts: SchemaFacts = { annotations: [], branchLabels: new Map(), unionTags: new Map(), knownKeys: new Map(), legacyValues: new Map() };
  const definitions: Record<string, JSONSchema> = root.definitions ?? {};
  const mayAnnotate = annotationsOnly ? annotatingSchemas(root) : undefined;

  const { unconditional, byTag, byTagProperty } = expansionCache(root);
  const applicable = (schemas: JSONSchema[], value: Json): JSONSchema[] => {
    const single = schemas.length === 1 ? schemas[0] : undefined;
    if (single) {
      const known = unconditional.get(single) ?? byTag.get(single)?.get(tagKey(value, byTagProperty.get(single)!));
      if (known) return known;
    }
    const found: JSONSchema[] = [];
    let conditional = false;
    // The one property every `if` met so far tests (a union's discriminator), or null when another test was met.
    let tested: string | null | undefined;
    const visit = (schema: JSONSchema | undefined, depth: number): void => {
      if (!schema || typeof schema !== 'object' || depth > 32) return;
      if (typeof schema.$ref === 'string') return visit(definitions[schema.$ref.slice('#/definitions/'.length)], depth + 1);
      found.push(schema);
      if (schema.if) {
        conditional = true;
        const property = testedProperty(schema.if);
        tested = tested === undefined || tested === property ? property : null;
        visit(matches(schema.if, value) ? schema.then : schema.else, depth + 1);
      }
      for (const sub of schema.allOf ?? []) visit(sub, depth + 1);
      for (const sub of schema.anyOf ?? []) visit(sub, depth + 1);
      for (const sub of schema.oneOf ?? []) visit(sub, depth + 1);
    };
    for (const schema of schemas) visit(schema, 0);
    if (single && !conditional) unconditional.set(single, found);
    // Expansions that depend on one property's value only (a tool's `type`) are kept per value.
    else if (single && tested && (byTagProperty.get(single) ?? tested) === tested) {
      byTagProperty.set(single, tested);
      let cached = byTag.get(single);
      if (!cached) byTag.set(single, (cached = new Map()));
      cached.set(tagKey(value, tested), found);
    }
    return found;
  };

  const walk = (value: Json, schemas: JSONSchema[], pointer: string): void => {
    if (!schemas.length || (mayAnnotate && !schemas.some((schema) => mayAnnotate.has(schema)))) return;
    const here = applicable(schemas, value);
    if (Array.isArray(value)) {
      const items = here.map((schema) => schema.items).filter((items) => items && typeof items === 'object' && !Array.isArray(items));
      value.forEach((item, index) => walk(item, items, `${pointer}/${index}`));
    } else if (value !== null && typeof value === 'object') walkObject(value, here, pointer);
    else if (typeof value === 'string') {
      const legacy = here.find((schema) => schema['x-legacy-values']);
      if (!legacy) return;
      facts.legacyValues.set(pointer, new Set(Object.keys(legacy['x-legacy-values'])));
      const info: LegacyInfo | undefined = legacy['x-legacy-values'][value];
      if (info) facts.annotations.push({ kind: 'legacy-value', key: pointerKey(pointer), pointer, value, info });
    }
  };

  const walkObject = (object: { [key: string]: Json }, here: JSONSchema[], pointer: string): void => {
    for (const schema of here) {
      const union = schema['x-union'];
      if (!union) continue;
      const tag = object[union.property];
      const known = typeof tag === 'string' && schema.allOf?.some((branch: JSONSchema) => branch.if?.properties?.[union.property]?.const === tag);
      // Several wrappers may apply (branches of an outer union); a label that knows the tag wins.
      if (known || !facts.branchLabels.has(pointer)) facts.branchLabels.set(pointer, known ? `${tag} ${union.label}` : union.label);
      facts.unionTags.set(pointer, union.property);
    }
    for (const [key, child] of Object.entries(object)) {
      const childPointer = `${pointer}/${escapePointer(key)}`;
      const subschemas: JSONSchema[] = [];
      let flagged: Annotation['kind'] | undefined;
      let info: LegacyInfo | undefined;
      for (const schema of here) {
        const sub = schema.properties?.[key];
        if (!sub) continue;
        subschemas.push(sub);
        if (sub['x-server-managed']) flagged = 'server-managed';
        else if (sub['x-legacy']) [flagged, info] = ['legacy-field', sub['x-legacy']];
        else if (sub.deprecated && !flagged) flagged = 'deprecated';
      }
      if (flagged) facts.annotations.push({ kind: flagged, key, pointer: childPointer, info });
      if (flagged === 'server-managed' || flagged === 'legacy-field') continue;
      if (!subschemas.length) {
        for (const schema of here) if (typeof schema.additionalProperties === 'object') subschemas.push(schema.additionalProperties);
        if (!subschemas.length && here.some((schema) => schema.additionalProperties === false)) recordKnownKeys(pointer, here);
      }
      walk(child, subschemas, childPointer);
    }
  };

  const recordKnownKeys = (pointer: string, here: JSONSchema[]): void => {
    if (facts.knownKeys.has(pointer)) return;
    const keys = new Set<string>();
    for (const schema of here) {
      for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, JSONSchema>)) {
        if (!sub['x-legacy'] && !sub['x-server-managed'] && !sub['x-local']) keys.add(key);
      }
    }
    facts.knownKeys.set(pointer, [...keys]);
  };

  walk(document as Json, [root], '');
  return facts;
}

/**
 * Per root schema, the expansions of a schema through $ref/allOf/anyOf/oneOf/if: those without an `if`
 * do not depend on the value; those whose every `if` tests the same property's constant depend on that
 * property's value alone.
 */
interface ExpansionCache {
  unconditional: Map<JSONSchema, JSONSchema[]>;
  byTag: Map<JSONSchema, Map<string, JSONSchema[]>>;
  byTagProperty: Map<JSONSchema, string>;
}
const expansionCaches = new WeakMap<JSONSchema, ExpansionCache>();

function expansionCache(root: JSONSchema): ExpansionCache {
  let cache = expansionCaches.get(root);
  if (!cache) {
    cache = { unconditional: new Map(), byTag: new Map(), byTagProperty: new Map() };
    expansionCaches.set(root, cache);
  }
  return cache;
}

/** The property an `if` tests when `matches` reads nothing but that property's value, else null. */
function testedProperty(condition: JSONSchema): string | null {
  if (condition.type !== undefined) return null;
  const properties = Object.keys(condition.properties ?? {});
  return properties.length === 1 ? properties[0] : null;
}

/** What `matches` sees of a value when its conditions test only `property`. */
function tagKey(value: Json, property: string): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `not an object`;
  const tag = value[property];
  return tag === undefined ? 'absent' : `=${JSON.stringify(tag)}`;
}

/** Per root schema: the subschemas from which the walk can reach a mark it reports as an annotation. */
const annotatingCache = new WeakMap<JSONSchema, Set<JSONSchema>>();

function annotatingSchemas(root: JSONSchema): Set<JSONSchema> {
  let found = annotatingCache.get(root);
  if (found) return found;
  const definitions: Record<string, JSONSchema> = root.definitions ?? {};
  // Every schema the walk can step into, with the schemas it is reached from.
  const reachedFrom = new Map<JSONSchema, JSONSchema[]>([[root, []]]);
  const marked: JSONSchema[] = [];
  const pending = [root];
  for (let schema = pending.pop(); schema; schema = pending.pop()) {
    const properties = Object.values((schema.properties ?? {}) as Record<string, JSONSchema>);
    if (schema['x-legacy-values'] || properties.some((sub) => sub['x-server-managed'] || sub['x-legacy'] || sub.deprecated)) marked.push(schema);
    const children = [...properties, ...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), schema.then, schema.else, schema.additionalProperties, schema.items];
    if (typeof schema.$ref === 'string') children.push(definitions[schema.$ref.slice('#/definitions/'.length)]);
    for (const child of children) {
      if (!child || typeof child !== 'object' || Array.isArray(child)) continue;
      const parents = reachedFrom.get(child);
      if (parents) parents.push(schema);
      else {
        reachedFrom.set(child, [schema]);
        pending.push(child);
      }
    }
  }
  found = new Set(marked);
  for (let index = 0; index < marked.length; index++) {
    for (const parent of reachedFrom.get(marked[index]) ?? []) {
      if (found.has(parent)) continue;
      found.add(parent);
      marked.push(parent);
    }
  }
  annotatingCache.set(root, found);
  return found;
}

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matches(condition: JSONSchema, value: Json): boolean {
  if (condition.type !== undefined) {
    const types: string[] = Array.isArray(condition.type) ? condition.type : [condition.type];
    const type = jsonType(value);
    return types.some((wanted) => wanted === type || (wanted === 'integer' && type === 'number' && Number.isInteger(value)));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries((condition.properties ?? {}) as Record<string, JSONSchema>).every(
    ([key, sub]) => sub.const === undefined || value[key] === sub.const,
  );
}

export function escapePointer(key: string): string {
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The last key of a pointer, or `parent[index]` for an array item. */
export function pointerKey(pointer: string): string {
  const segments = pointer.split('/').slice(1).map(unescapePointer);
  const last = segments[segments.length - 1] ?? '';
  if (!/^\d+$/.test(last)) return last;
  return `${segments[segments.length - 2] ?? ''}[${last}]`;
}
