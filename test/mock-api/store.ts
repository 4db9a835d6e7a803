// The resources of one mock collection (a vendor's assistants, Vapi's tools, …), with creation times that
// order them strictly (as list paging needs).
import { randomUUID } from 'node:crypto';

export interface StoredResource {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Only what clients set; server-managed fields are added when the vendor answers. */
  fields: Record<string, unknown>;
}

export class ResourceStore {
  readonly items = new Map<string, StoredResource>();
  /** Top-level keys the API accepts but does not keep (to test read-back reports). */
  readonly discard = new Set<string>();
  private lastTime = 0;

  /** Real time, but never the same millisecond twice unless `sameTimeAsPrevious`. */
  private now(sameTimeAsPrevious = false): string {
    this.lastTime = sameTimeAsPrevious ? this.lastTime : Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  }

  /** `fields` is a request's own parsed body: kept, not copied. */
  create(fields: Record<string, unknown>, options: { sameTimeAsPrevious?: boolean } = {}): StoredResource {
    const time = this.now(options.sameTimeAsPrevious);
    const kept = withoutNulls(fields);
    for (const key of this.discard) delete kept[key];
    const resource = { id: randomUUID(), createdAt: time, updatedAt: time, fields: kept };
    this.items.set(resource.id, resource);
    return resource;
  }

  /** Top-level replacement: each key given replaces its whole value; null removes it. `changes` is kept, not copied. */
  update(id: string, changes: Record<string, unknown>): StoredResource | undefined {
    const resource = this.items.get(id);
    if (!resource) return undefined;
    for (const [key, value] of Object.entries(changes)) {
      if (this.discard.has(key)) continue;
      if (value === null) delete resource.fields[key];
      else resource.fields[key] = value;
    }
    resource.updatedAt = this.now();
    return resource;
  }

  /** A change made outside the API client under test, as in the vendor's dashboard. */
  editInDashboard(id: string, changes: Record<string, unknown>): void {
    if (!this.update(id, structuredClone(changes))) throw new Error(`no resource ${id}`);
  }

  /** Newest first, as both vendors list. */
  newestFirst(): StoredResource[] {
    return [...this.items.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }
}

function withoutNulls(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}
