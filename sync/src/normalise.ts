// One canonical form for comparing, hashing and writing resources: what a user controls, keys sorted.
import { createHash } from 'node:crypto';
import type { ResourceKind } from '../../core/src/kinds';
// The key sets alone, not the validators: the VS Code client bundles this module (its validation is the server's).
import { pushableKeys, serverManagedKeys } from '../../core/src/validation/schemas';

export type JsonObject = Record<string, unknown>;

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    const sorted: JsonObject = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep((value as JsonObject)[key]);
    return sorted;
  }
  return value;
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
    kept[key] = field;
  }
  return sortKeysDeep(kept) as JsonObject;
}

/** The file text the engine writes: sorted keys, 2-space indent, trailing newline; `$schema` first when given. */
export function formatResource(normalised: JsonObject, schemaRef?: string): string {
  const withSchema = schemaRef === undefined ? normalised : { $schema: schemaRef, ...normalised };
  return JSON.stringify(withSchema, null, 2) + '\n';
}

/** sha256 of the canonical JSON of an already normalised resource. */
export function hashOf(normalised: unknown): string {
  return 'sha256:' + createHash('sha256').update(JSON.stringify(sortKeysDeep(normalised))).digest('hex');
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeysDeep(a)) === JSON.stringify(sortKeysDeep(b));
}
