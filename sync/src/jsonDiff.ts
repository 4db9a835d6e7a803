// Changed JSON paths between two values, dotted like the APIs' own messages (`model.tools.0.function.name`).
import type { DiffResult, PathChange } from './types';
import { formatResource, isJsonObject, type JsonObject } from './normalise';

/**
 * Differences from `live` to `local`, depth-first in key order; a subtree that exists on one side only is one
 * entry. One pass over both values with an explicit stack: no recursion, so any depth is fine, and each change is
 * written once (time and memory grow with the values' size).
 */
export function diffPaths(local: unknown, live: unknown, prefix = ''): PathChange[] {
  const changes: PathChange[] = [];
  // Pushed in reverse, popped in order. `undefined` marks a side where the path is absent (JSON has no undefined).
  const pending: { local: unknown; live: unknown; path: string }[] = [{ local, live, path: prefix }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { local: mine, live: theirs, path } = next;
    if (mine === theirs) continue; // the same value, or the same subtree (normalising keeps sorted ones as they are)
    if (isJsonObject(mine) && isJsonObject(theirs)) {
      const keys = Object.keys(mine);
      for (const key of Object.keys(theirs)) if (!Object.hasOwn(mine, key)) keys.push(key);
      keys.sort();
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i];
        pending.push({ local: Object.hasOwn(mine, key) ? mine[key] : undefined, live: Object.hasOwn(theirs, key) ? theirs[key] : undefined, path: join(path, key) });
      }
    } else if (Array.isArray(mine) && Array.isArray(theirs)) {
      for (let i = Math.max(mine.length, theirs.length) - 1; i >= 0; i--) {
        pending.push({ local: i < mine.length ? mine[i] : undefined, live: i < theirs.length ? theirs[i] : undefined, path: join(path, i) });
      }
    } else if (theirs === undefined) {
      changes.push({ path, kind: 'added' });
    } else if (mine === undefined) {
      changes.push({ path, kind: 'removed' });
    } else {
      changes.push({ path, kind: 'changed' }); // different primitives, or different types
    }
  }
  return changes;
}

/** Both normalised sides as file text plus the changed paths between them. */
export function diffResult(id: string, localNorm: JsonObject, liveNorm: JsonObject): DiffResult {
  const changes = diffPaths(localNorm, liveNorm);
  return { id, equal: changes.length === 0, localText: formatResource(localNorm), liveText: formatResource(liveNorm), changes };
}
