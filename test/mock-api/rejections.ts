// What the mock APIs reject, derived from the bundled schema: unknown properties anywhere (Vapi's whitelist),
// wrong types, enums, lengths and ranges. Messages follow each vendor's style (dotted paths for Vapi).
import type { KindId, ResourceKind } from '../../core/src/kinds';
import { createOnlyKeys, loadSchema, pushableKeys, serverManagedKeys } from '../../core/src/validation';

type Schema = Record<string, unknown>;
type Segment = string | number;

export interface Rejection {
  path: Segment[];
  /** What went wrong, for the vendor to word: */
  problem:
    | { kind: 'unknown-property'; key: string }
    | { kind: 'type'; expected: string }
    | { kind: 'enum'; values: unknown[] }
    | { kind: 'max-length'; limit: number }
    | { kind: 'maximum'; limit: number }
    | { kind: 'minimum'; limit: number };
}

function resolve(root: Schema, schema: unknown): Schema | undefined {
  let current = schema as Schema | undefined;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 20; hops++) {
    const parts = current.$ref.replace(/^#\//, '').split('/');
    current = parts.reduce<unknown>((node, part) => (node as Schema | undefined)?.[part], root) as Schema | undefined;
  }
  return current;
}

/** The schema plus every `allOf` branch whose `if` (a const on a one-value field) matches the value. */
function effective(root: Schema, schema: Schema, value: Record<string, unknown>): Schema[] {
  const parts = [schema];
  for (const branch of (schema.allOf as Schema[] | undefined) ?? []) {
    const condition = branch.if as Schema | undefined;
    const then = branch.then;
    if (!condition) {
      const resolved = resolve(root, branch);
      if (resolved) parts.push(...effective(root, resolved, value));
      continue;
    }
    const properties = (condition.properties ?? {}) as Record<string, Schema>;
    const matches = Object.entries(properties).every(([key, test]) => 'const' in test && value[key] === test.const);
    const resolved = matches ? resolve(root, then) : undefined;
    if (resolved) parts.push(...effective(root, resolved, value));
  }
  return parts;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: unknown, value: unknown): boolean {
  const actual = typeOf(value);
  const allowed = Array.isArray(expected) ? expected : [expected];
  return allowed.some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

function check(root: Schema, rawSchema: unknown, value: unknown, path: Segment[], out: Rejection[]): void {
  const schema = resolve(root, rawSchema);
  if (!schema || value === null) return;
  if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    const expected = Array.isArray(schema.type) ? schema.type.join(' or ') : String(schema.type);
    out.push({ path, problem: { kind: 'type', expected } });
    return;
  }
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => allowed === value)) {
    out.push({ path, problem: { kind: 'enum', values: schema.enum } });
  }
  if (typeof value === 'string' && typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
    out.push({ path, problem: { kind: 'max-length', limit: schema.maxLength } });
  }
  if (typeof value === 'number') {
    if (typeof schema.maximum === 'number' && value > schema.maximum) out.push({ path, problem: { kind: 'maximum', limit: schema.maximum } });
    if (typeof schema.minimum === 'number' && value < schema.minimum) out.push({ path, problem: { kind: 'minimum', limit: schema.minimum } });
  }
  if (Array.isArray(value) && schema.items && typeof schema.items === 'object') {
    value.forEach((item, index) => check(root, schema.items, item, [...path, index], out));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const parts = effective(root, schema, object);
    const properties: Record<string, unknown> = {};
    for (const part of parts) Object.assign(properties, (part.properties as Record<string, unknown> | undefined) ?? {});
    // An object schema that lists properties is closed, as Vapi's whitelist validation is.
    const closed = Object.keys(properties).length > 0 && !parts.some((part) => part.additionalProperties === true || typeof part.additionalProperties === 'object');
    for (const [key, child] of Object.entries(object)) {
      if (key in properties) check(root, properties[key], child, [...path, key], out);
      else if (closed) out.push({ path, problem: { kind: 'unknown-property', key } });
    }
  }
}

const rootSchemas = new Map<KindId, Schema>();

/**
 * Problems with a create/update body. `closed`: unknown top-level keys (including server-managed ones) are
 * rejected (Vapi) rather than ignored (Insighto, like a default pydantic model). On `update`, keys only
 * the create DTO has (`x-create-only`) are unknown too, as the update DTO lacks them. A body told apart by
 * a field (a tool's `type`) is checked against the variant it names.
 */
export function rejectionsOf(kind: ResourceKind, body: Record<string, unknown>, closed: boolean, mode: 'create' | 'update' = 'create'): Rejection[] {
  let root = rootSchemas.get(kind.id);
  if (!root) {
    root = loadSchema(kind) as Schema;
    rootSchemas.set(kind.id, root);
  }
  const out: Rejection[] = [];
  const accepted = pushableKeys(kind);
  const managed = serverManagedKeys(kind);
  const createOnly = mode === 'update' ? createOnlyKeys(kind) : new Set<string>();
  const properties: Record<string, unknown> = {};
  for (const part of effective(root, root, body)) Object.assign(properties, (part.properties as Record<string, unknown> | undefined) ?? {});
  for (const [key, value] of Object.entries(body)) {
    if (!accepted.has(key) || managed.has(key) || createOnly.has(key) || !(key in properties)) {
      if (closed) out.push({ path: [], problem: { kind: 'unknown-property', key } });
      continue;
    }
    if (value !== null) check(root, properties[key], value, [key], out);
  }
  return out;
}
