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

/**
 * The keys (in order) and values of the objects normalise returned or kept: a later walk of a normalised value
 * (diff, equality, the live copy's layout) reads them here instead of asking the object again, which for an
 * object of a million keys costs most of a second each time (V8 sorts a large object's keys on every
 * Object.keys). Only large objects are kept; normalised values are never changed once made.
 */
const shapes = new WeakMap<object, Shape>();
/** Objects with fewer keys are read afresh each time (it costs less than keeping them). */
const shapeMinKeys = 32;

export interface Shape {
  keys: readonly string[];
  values: readonly unknown[];
}

/** An object's own keys in order and their values: known ones for a large normalised object, else read now. */
export function shapeOf(object: JsonObject): Shape {
  const known = shapes.get(object);
  if (known) return known;
  const keys = Object.keys(object);
  const values = new Array<unknown>(keys.length);
  for (let i = 0; i < keys.length; i++) values[i] = object[keys[i]];
  return { keys, values };
}

interface Frame {
  value: unknown[] | JsonObject;
  /** The object's keys (undefined for an array). */
  keys?: string[];
  index: number;
  /** The children's results so far, in order. */
  out: unknown[];
  /** Whether a child's result differs from the child (then the container is copied). */
  changed: boolean;
}

/**
 * `value` with every object's keys sorted. A container already in order is kept as it is, not copied (files
 * this engine wrote are sorted, so normalising them allocates almost nothing), and an object normalised before
 * (a large one whose shape is known) is not walked again; one walk with an explicit stack, so any depth is fine.
 */
function sortKeysDeep(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (shapes.has(value)) return value;
  const frameOf = (container: object): Frame =>
    Array.isArray(container)
      ? { value: container, index: 0, out: [], changed: false }
      : { value: container as JsonObject, keys: Object.keys(container), index: 0, out: [], changed: false };
  const stack: Frame[] = [frameOf(value)];
  let result: unknown;
  for (;;) {
    const frame = stack[stack.length - 1];
    const { keys, out } = frame;
    const length = keys ? keys.length : (frame.value as unknown[]).length;
    if (frame.index < length) {
      const child = keys ? (frame.value as JsonObject)[keys[frame.index]] : (frame.value as unknown[])[frame.index];
      if (child !== null && typeof child === 'object' && !shapes.has(child)) stack.push(frameOf(child));
      else {
        out.push(child);
        frame.index++;
      }
      continue;
    }
    stack.pop();
    if (!keys) result = frame.changed ? out : frame.value;
    else if (!frame.changed && isSorted(keys)) {
      result = frame.value;
      if (keys.length >= shapeMinKeys) shapes.set(frame.value, { keys, values: out });
    } else {
      const order = keys.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
      const sorted: JsonObject = {};
      const sortedKeys = order.map((i) => keys[i]);
      const sortedValues = order.map((i) => out[i]);
      for (let i = 0; i < order.length; i++) setOwn(sorted, sortedKeys[i], sortedValues[i]);
      result = sorted;
      if (keys.length >= shapeMinKeys) shapes.set(sorted, { keys: sortedKeys, values: sortedValues });
    }
    const parent = stack[stack.length - 1];
    if (!parent) return result;
    const original = parent.keys ? (parent.value as JsonObject)[parent.keys[parent.index]] : (parent.value as unknown[])[parent.index];
    if (result !== original) parent.changed = true;
    parent.out.push(result);
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
 * The JSON texts of large values inside a normalised object, written out when the object was hashed: the body
 * a push sends is made of the same values (the whole file, or its changed top-level keys), and writing a 55 MB
 * value out takes a second.
 */
const texts = new WeakMap<object, string>();
/** Shorter texts are not kept: writing them again costs little. */
const textMinLength = 1 << 20;

/** Whether JSON.stringify writes `value` out as an object of its own enumerable keys (no toJSON of its own). */
function isPlainJsonObject(value: unknown): value is JsonObject {
  if (!isJsonObject(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * JSON.stringify(value), the same text, with the texts of its top-level values taken from those already written
 * (see `texts`); with `keep`, those it writes that are long are kept for the next time.
 */
export function jsonText(value: unknown, keep = false): string {
  if (!isPlainJsonObject(value)) return JSON.stringify(value);
  const parts: string[] = [];
  for (const key of Object.keys(value)) {
    const field = value[key];
    const object = field !== null && typeof field === 'object';
    if (object && typeof (field as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value); // called with its key
    let text = object ? texts.get(field) : undefined;
    if (text === undefined) {
      text = JSON.stringify(field) as string | undefined;
      if (text === undefined) continue; // undefined, a function: JSON.stringify leaves the key out
      if (keep && object && text.length >= textMinLength) texts.set(field, text);
    }
    parts.push(JSON.stringify(key) + ':' + text);
  }
  return '{' + parts.join(',') + '}';
}

/**
 * sha256 of the canonical JSON of a normalised resource (or a part of one): its keys are sorted already.
 * Taken once per object: normalised values are never changed once made.
 */
export function hashOf(normalised: unknown): string {
  const known = normalised !== null && typeof normalised === 'object' ? hashes.get(normalised) : undefined;
  if (known) return known;
  const hash = 'sha256:' + createHash('sha256').update(jsonText(normalised, true)).digest('hex');
  if (normalised !== null && typeof normalised === 'object') hashes.set(normalised, hash);
  return hash;
}

/**
 * hashOf(value), taken from `reference`'s hash when the two are equal (a read-back that kept what was sent, a
 * live copy in sync with the file): comparing walks the known shapes of both, several times faster than
 * writing the value out to hash it. Equal values have the same JSON text, so the hash is the same either way.
 */
export function hashLike(value: JsonObject, reference: JsonObject | undefined): string {
  if (reference && value !== reference && !hashes.has(value) && deepEqual(value, reference)) hashes.set(value, hashOf(reference));
  return hashOf(value);
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
    const mine = shapeOf(x as JsonObject);
    const theirs = shapeOf(y as JsonObject);
    if (mine.keys.length !== theirs.keys.length) return false;
    for (let i = 0; i < mine.keys.length; i++) {
      if (mine.keys[i] !== theirs.keys[i] || !same(mine.values[i], theirs.values[i])) return false;
    }
  }
  return true;
}
