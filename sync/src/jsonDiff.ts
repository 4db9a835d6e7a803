// Changed JSON paths between two values, dotted like the APIs' own messages (`model.tools.0.function.name`).
import type { DiffResult, PathChange } from './types';
import { formatResource, isJsonObject, type JsonObject } from './normalise';

/** Differences from `live` to `local`, depth-first in key order; a subtree that exists on one side only is one entry. */
export function diffPaths(local: unknown, live: unknown, prefix = ''): PathChange[] {
  const join = (key: string | number) => (prefix ? `${prefix}.${key}` : String(key));
  if (isJsonObject(local) && isJsonObject(live)) {
    const keys = [...new Set([...Object.keys(local), ...Object.keys(live)])].sort();
    return keys.flatMap((key) => {
      if (!(key in live)) return [{ path: join(key), kind: 'added' as const }];
      if (!(key in local)) return [{ path: join(key), kind: 'removed' as const }];
      return diffPaths(local[key], live[key], join(key));
    });
  }
  if (Array.isArray(local) && Array.isArray(live)) {
    const changes: PathChange[] = [];
    for (let i = 0; i < Math.max(local.length, live.length); i++) {
      if (i >= live.length) changes.push({ path: join(i), kind: 'added' });
      else if (i >= local.length) changes.push({ path: join(i), kind: 'removed' });
      else changes.push(...diffPaths(local[i], live[i], join(i)));
    }
    return changes;
  }
  if (JSON.stringify(local) === JSON.stringify(live)) return [];
  return [{ path: prefix, kind: 'changed' }];
}

/** Both normalised sides as file text plus the changed paths between them. */
export function diffResult(id: string, localNorm: JsonObject, liveNorm: JsonObject): DiffResult {
  const changes = diffPaths(localNorm, liveNorm);
  return { id, equal: changes.length === 0, localText: formatResource(localNorm), liveText: formatResource(liveNorm), changes };
}
