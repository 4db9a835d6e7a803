// One canonical form for comparing, hashing and writing resources: what a user controls, keys sorted.
import { createHash } from 'node:crypto';
import type { ResourceKind } from '../../core/src/kinds';
// The key sets alone, not the validators: the VS Code client bundles this module (its validation is the server's).
import { pushableKeys, serverManagedKeys } from '../../core/src/validation/schemas';

export type JsonObject = Record<string, unknown>;

/** Sets an own property: `object["__proto__"] = …` would change the object's prototype instead. */
export function setOwn(object: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/** Whether `keys` is in the order `sort()` gives (UTF-16 code units). */
export function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if (keys[i - 1] > keys[i]) return false;
  return true;
}

interface Frame {
  value: unknown[] | JsonObject;
  /** The object's keys (undefined for an array). */
  keys?: string[];
  index: number;
  /** The children's results, once one of them differs from the child (until then the children stay as they are). */
  out?: unknown[];
}

/**
 * `value` with every object's keys sorted. A container already in order is kept as it is, not copied (files
 * this engine wrote are sorted, so normalising them allocates almost nothing); one walk with an explicit stack,
 * so any depth is fine.
 */
function sortKeysDeep(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const frameOf = (container: object): Frame =>
    Array.isArray(container) ? { value: container, index: 0 } : { value: container as JsonObject, keys: Object.keys(container), index: 0 };
  const childOf = (frame: Frame, index: number): unknown =>
    frame.keys ? (frame.value as JsonObject)[frame.keys[index]] : (frame.value as unknown[])[index];
  const stack: Frame[] = [frameOf(value)];
  let result: unknown;
  for (;;) {
    const frame = stack[stack.length - 1];
    const length = frame.keys ? frame.keys.length : (frame.value as unknown[]).length;
    if (frame.index < length) {
      const child = childOf(frame, frame.index);
      if (child !== null && typeof child === 'object') stack.push(frameOf(child));
      else {
        frame.out?.push(child);
        frame.index++;
      }
      continue;
    }
    stack.pop();
    const { keys, out } = frame;
    if (!keys) result = out ?? frame.value;
    else if (!out && isSorted(keys)) result = frame.value;
    else {
      const values = out ?? keys.map((key) => (frame.value as JsonObject)[key]);
      const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
      const sorted: JsonObject = {};
      for (const i of order) setOwn(sorted, keys[i], values[i]);
      result = sorted;
    }
    const parent = stack[stack.length - 1];
    if (!parent) return result;
    if (!parent.out && result !== childOf(parent, parent.index)) {
      parent.out = [];
      for (let i = 0; i < parent.index; i++) parent.out.push(childOf(parent, i));
    }
    parent.out?.push(result);
    parent.index++;
  }
}

/** Whether two key lists are the same keys in the same order. */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The user-controlled part of a resource with every object's keys sorted (code-point order): drops `$schema`,
 * server-managed top-level keys and top-level nulls (null means "unset" to both APIs). A live copy also loses any
 * top-level key the create endpoint does not accept, since GET returns extras the spec does not list.
 */
export function normalise(value: JsonObject, kind: ResourceKind, options: { liveCopy?: boolean } = {}): JsonObject {
  const managed = serverManagedKeys(kind);
  const pushable = pushableKeys(kind);
  const kept: JsonObject = {};
  for (const key of Object.keys(value)) {
    const field = value[key];
    if (key === '$schema' || managed.has(key) || field === null || field === undefined) continue;
    if (options.liveCopy && !pushable.has(key)) continue;
    setOwn(kept, key, field);
  }
  return sortKeysDeep(kept) as JsonObject;
}

/** The file text the engine writes: sorted keys, 2-space indent, trailing newline; `$schema` first when given. */
export function formatResource(normalised: JsonObject, schemaRef?: string): string {
  const withSchema = schemaRef === undefined ? normalised : { $schema: schemaRef, ...normalised };
  return JSON.stringify(withSchema, null, 2) + '\n';
}

/** Hashes already taken: one sync compares and records the same normalised body several times. */
const hashes = new WeakMap<object, string>();

/**
 * sha256 of the canonical JSON of a normalised resource (or a part of one): its keys are sorted already.
 * Taken once per object: normalised values are never changed once made.
 */
export function hashOf(normalised: unknown): string {
  const known = normalised !== null && typeof normalised === 'object' ? hashes.get(normalised) : undefined;
  if (known) return known;
  const hash = 'sha256:' + createHash('sha256').update(JSON.stringify(normalised)).digest('hex');
  if (normalised !== null && typeof normalised === 'object') hashes.set(normalised, hash);
  return hash;
}

/**
 * Equality of two normalised values (or parts of them): what comparing their JSON texts says (keys in the same
 * order), without writing either out and stopping at the first difference. An explicit stack: any depth is fine.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  const containers: [object, object][] = [];
  const same = (x: unknown, y: unknown): boolean => {
    if (x === y) return true;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object' || Array.isArray(x) !== Array.isArray(y)) return false;
    containers.push([x, y]);
    return true;
  };
  if (!same(a, b)) return false;
  for (let next = containers.pop(); next; next = containers.pop()) {
    const [x, y] = next;
    if (Array.isArray(x)) {
      const other = y as unknown[];
      if (x.length !== other.length) return false;
      for (let i = 0; i < x.length; i++) if (!same(x[i], other[i])) return false;
      continue;
    }
    const keys = Object.keys(x);
    const otherKeys = Object.keys(y);
    if (keys.length !== otherKeys.length) return false;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== otherKeys[i] || !same((x as JsonObject)[keys[i]], (y as JsonObject)[keys[i]])) return false;
    }
  }
  return true;
}
