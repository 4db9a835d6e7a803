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

export function collectFacts(root: JSONSchema, document: unknown): SchemaFacts {
  const facts: SchemaFacts = { annotations: [], branchLabels: new Map(), unionTags: new Map(), knownKeys: new Map(), legacyValues: new Map() };
  const definitions: Record<string, JSONSchema> = root.definitions ?? {};

  // Expansions without an if/then do not depend on the value, so they are computed once per schema.
  const unconditional = new Map<JSONSchema, JSONSchema[]>();
  const applicable = (schemas: JSONSchema[], value: Json): JSONSchema[] => {
    if (schemas.length === 1 && unconditional.has(schemas[0])) return unconditional.get(schemas[0])!;
    const found: JSONSchema[] = [];
    let conditional = false;
    const visit = (schema: JSONSchema | undefined, depth: number): void => {
      if (!schema || typeof schema !== 'object' || depth > 32) return;
      if (typeof schema.$ref === 'string') return visit(definitions[schema.$ref.slice('#/definitions/'.length)], depth + 1);
      found.push(schema);
      if (schema.if) {
        conditional = true;
        visit(matches(schema.if, value) ? schema.then : schema.else, depth + 1);
      }
      for (const sub of schema.allOf ?? []) visit(sub, depth + 1);
      for (const sub of schema.anyOf ?? []) visit(sub, depth + 1);
      for (const sub of schema.oneOf ?? []) visit(sub, depth + 1);
    };
    for (const schema of schemas) visit(schema, 0);
    if (schemas.length === 1 && !conditional) unconditional.set(schemas[0], found);
    return found;
  };

  const walk = (value: Json, schemas: JSONSchema[], pointer: string): void => {
    if (!schemas.length) return;
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
