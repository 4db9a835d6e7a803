// The assistants one mock vendor holds, with creation times that order them strictly (as list paging needs).
import { randomUUID } from 'node:crypto';

export interface StoredAssistant {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Only what clients set; server-managed fields are added when the vendor answers. */
  fields: Record<string, unknown>;
}

export class AssistantStore {
  readonly assistants = new Map<string, StoredAssistant>();
  /** Top-level keys the API accepts but does not keep (to test read-back reports). */
  readonly discard = new Set<string>();
  private lastTime = 0;

  /** Real time, but never the same millisecond twice unless `sameTimeAsPrevious`. */
  private now(sameTimeAsPrevious = false): string {
    this.lastTime = sameTimeAsPrevious ? this.lastTime : Math.max(Date.now(), this.lastTime + 1);
    return new Date(this.lastTime).toISOString();
  }

  create(fields: Record<string, unknown>, options: { sameTimeAsPrevious?: boolean } = {}): StoredAssistant {
    const time = this.now(options.sameTimeAsPrevious);
    const kept = withoutNulls(fields);
    for (const key of this.discard) delete kept[key];
    const assistant = { id: randomUUID(), createdAt: time, updatedAt: time, fields: kept };
    this.assistants.set(assistant.id, assistant);
    return assistant;
  }

  /** Top-level replacement: each key given replaces its whole value; null removes it. */
  update(id: string, changes: Record<string, unknown>): StoredAssistant | undefined {
    const assistant = this.assistants.get(id);
    if (!assistant) return undefined;
    for (const [key, value] of Object.entries(changes)) {
      if (this.discard.has(key)) continue;
      if (value === null) delete assistant.fields[key];
      else assistant.fields[key] = structuredClone(value);
    }
    assistant.updatedAt = this.now();
    return assistant;
  }

  /** A change made outside the API client under test, as in the vendor's dashboard. */
  editInDashboard(id: string, changes: Record<string, unknown>): void {
    if (!this.update(id, changes)) throw new Error(`no assistant ${id}`);
  }

  /** Newest first, as both vendors list. */
  newestFirst(): StoredAssistant[] {
    return [...this.assistants.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }
}

function withoutNulls(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(structuredClone(fields)).filter(([, value]) => value !== null));
}
