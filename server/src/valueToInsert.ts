// The value a completed key is inserted with: one its own schema accepts, so accepting a completion never
// writes a problem (vscode-json-languageservice inserts `0` for any number and `""` for any string, so
// `"speed": 0` in an azure voice, whose minimum is 0.5). As a snippet placeholder, selected for typing over.
import type { JSONSchema } from 'vscode-json-languageservice';

type Scalar = string | number | boolean | null;

/**
 * The snippet text of a value for a property of `schema`: its default when the schema accepts it, else a
 * choice of its allowed values, else an example it accepts, else a value made inside its range, length or
 * pattern; of a union, the first branch's that has one (never a legacy value's). Undefined for objects and
 * arrays without a default, whose insertion the library already gets right (`{}` to fill, plan snippets),
 * and for plain values it inserts acceptably (`""`, `${1:0}`).
 */
export function valueToInsert(property: JSONSchema, key: string): string | undefined {
  // A language service resolves its schema once, so the same property schemas come back on every completion.
  let byKey = inserted.get(property);
  if (!byKey) inserted.set(property, (byKey = new Map()));
  if (!byKey.has(key)) byKey.set(key, madeValue(property, key));
  return byKey.get(key);
}

const inserted = new WeakMap<JSONSchema, Map<string, string | undefined>>();

function madeValue(property: JSONSchema, key: string): string | undefined {
  const schema = folded(property);
  const branches = branchesOf(schema);
  if (branches) {
    for (const branch of branches) {
      if (branch.deprecationMessage || (branch as Record<string, unknown>)['x-legacy-values']) continue;
      const value = madeValue(branch, key);
      if (value !== undefined) return value;
    }
    return undefined;
  }
  const types = typesOf(schema);
  if (!types.length) return undefined;
  if (types.some((type) => type === 'object' || type === 'array')) {
    return schema.default !== null && typeof schema.default === 'object' ? escapeText(JSON.stringify(schema.default, null, '\t')) : undefined;
  }
  const accepts = (value: unknown): value is Scalar => isScalar(value) && satisfies(schema, types, value);

  if (accepts(schema.default)) return placeholder(schema.default);
  if (schema.const !== undefined && accepts(schema.const)) return placeholder(schema.const);
  if (Array.isArray(schema.enum)) {
    // `null` is how a file unsets a field; the values to choose from are the others.
    const allowed = schema.enum.filter((value): value is Scalar => value !== null && accepts(value));
    return allowed.length ? choice(allowed) : undefined;
  }
  const example = schema.examples?.find(accepts);
  if (example !== undefined) return placeholder(example);
  if (types.includes('boolean')) return choice([true, false]);
  if (types.includes('number') || types.includes('integer')) {
    const made = numberInRange(schema, types.includes('integer') && !types.includes('number'));
    return made === undefined || made === 0 ? undefined : placeholder(made);
  }
  if (types.includes('string')) {
    if (!constrainsString(schema)) return undefined;
    const made = stringCandidates(schema, key).find(accepts);
    return made === undefined ? undefined : placeholder(made);
  }
  return undefined;
}

/** A property that is only a reference (`allOf: [target]`, resolved by the library), its target's keywords under its own. */
function folded(schema: JSONSchema): JSONSchema {
  const only = schema.allOf?.length === 1 ? schema.allOf[0] : undefined;
  if (typeof only !== 'object' || only.if) return schema;
  const { allOf: _allOf, ...own } = schema;
  return { ...folded(only), ...Object.fromEntries(Object.entries(own).filter(([, value]) => value !== undefined)) };
}

/**
 * The branches of a union, each with the keywords the union states for all of them: `anyOf`/`oneOf`, or the
 * generator's unions by type (an `allOf` of `if: {type}` / `then`).
 */
function branchesOf(schema: JSONSchema): JSONSchema[] | undefined {
  const { anyOf, oneOf, allOf, ...shared } = schema;
  const list = anyOf ?? oneOf;
  if (list) return list.filter((branch): branch is JSONSchema => typeof branch === 'object').map((branch) => ({ ...shared, ...branch }));
  const conditions = allOf?.filter((branch): branch is JSONSchema => typeof branch === 'object');
  if (!conditions?.length || !conditions.every((branch) => typeof branch.if === 'object' && typeof branch.then === 'object')) return undefined;
  return conditions.map((branch) => ({ ...shared, type: (branch.if as JSONSchema).type ?? shared.type, ...(branch.then as JSONSchema) }));
}

function typesOf(schema: JSONSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type.filter((type) => type !== 'null');
  if (typeof schema.type === 'string') return schema.type === 'null' ? [] : [schema.type];
  if (Array.isArray(schema.enum)) return [...new Set(schema.enum.filter((value) => value !== null).map((value) => typeof value))];
  return [];
}

function isScalar(value: unknown): value is Scalar {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Whether the scalar keywords of `schema` accept `value` (all that completion's values meet). */
function satisfies(schema: JSONSchema, types: string[], value: Scalar): boolean {
  if (value === null) return false;
  const typed = typeof value === 'number' ? types.includes('number') || (types.includes('integer') && Number.isInteger(value)) : types.includes(typeof value);
  if (!typed) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (schema.const !== undefined && schema.const !== value) return false;
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return false;
    if (typeof schema.maximum === 'number' && value > schema.maximum) return false;
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) return false;
    if (typeof schema.exclusiveMaximum === 'number' && value >= schema.exclusiveMaximum) return false;
    if (typeof schema.multipleOf === 'number' && Math.abs(value / schema.multipleOf - Math.round(value / schema.multipleOf)) > 1e-9) return false;
  }
  if (typeof value === 'string') {
    const length = [...value].length;
    if (typeof schema.minLength === 'number' && length < schema.minLength) return false;
    if (typeof schema.maxLength === 'number' && length > schema.maxLength) return false;
    if (typeof schema.pattern === 'string' && !patternOf(schema.pattern)?.test(value)) return false;
    if (typeof schema.format === 'string' && formats[schema.format] && !formats[schema.format].test(value)) return false;
  }
  return true;
}

function patternOf(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

/** The formats the bundled validators check, with a value of each that passes. */
const formats: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i,
  uri: /^[a-z][a-z0-9+.-]*:\S*$/i,
  email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
};
const formatSamples: Record<string, string> = {
  uuid: '00000000-0000-4000-8000-000000000000',
  'date-time': '2026-01-01T00:00:00Z',
  uri: 'https://example.com',
  email: 'name@example.com',
};

function constrainsString(schema: JSONSchema): boolean {
  return (typeof schema.minLength === 'number' && schema.minLength > 0) || typeof schema.pattern === 'string' || (typeof schema.format === 'string' && schema.format in formats);
}

/** Values to try for a constrained string: a sample of its format, else the key itself in a few spellings. */
function stringCandidates(schema: JSONSchema, key: string): string[] {
  if (typeof schema.format === 'string' && formatSamples[schema.format]) return [formatSamples[schema.format]];
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  const base = [key, words, words.toUpperCase(), `my_${words}`, `${words}_1`];
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  // Pad to the minimum length, and cut to the maximum.
  return base.flatMap((text) => {
    const padded = text.length >= minLength ? text : text.padEnd(minLength, '_');
    return typeof schema.maxLength === 'number' ? [padded, padded.slice(0, schema.maxLength)] : [padded];
  });
}

/** Zero when the range allows it, else the bound nearest to it (inside an exclusive bound by one step). */
function numberInRange(schema: JSONSchema, integer: boolean): number | undefined {
  const step = integer ? 1 : typeof schema.multipleOf === 'number' ? schema.multipleOf : 0.1;
  let low = typeof schema.minimum === 'number' ? schema.minimum : -Infinity;
  let high = typeof schema.maximum === 'number' ? schema.maximum : Infinity;
  if (typeof schema.exclusiveMinimum === 'number') low = Math.max(low, schema.exclusiveMinimum + step);
  if (typeof schema.exclusiveMaximum === 'number') high = Math.min(high, schema.exclusiveMaximum - step);
  if (integer) [low, high] = [Math.ceil(low), Math.floor(high)];
  if (low > high) return undefined;
  return Number(Math.min(Math.max(0, low), high).toFixed(10));
}

/** One value as a placeholder, in JSON: `"${1:text}"`, `${1:0.5}`. */
function placeholder(value: Scalar): string {
  if (typeof value === 'string') return `"\${1:${escapeText(JSON.stringify(value).slice(1, -1))}}"`;
  return `\${1:${JSON.stringify(value)}}`;
}

/** Allowed values as a snippet choice (`"${1|a,b|}"`), the first one inserted. */
function choice(values: Scalar[]): string {
  if (values.length === 1) return placeholder(values[0]);
  const strings = values.every((value) => typeof value === 'string');
  const options = values.map((value) => escapeChoice(strings ? JSON.stringify(value).slice(1, -1) : JSON.stringify(value)));
  return strings ? `"\${1|${options.join(',')}|}"` : `\${1|${options.join(',')}|}`;
}

/** Text as a snippet inserts it: the snippet syntax characters escaped. */
function escapeText(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$},|]/g, '\\$&');
}
