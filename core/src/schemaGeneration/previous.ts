// What a new conversion keeps from the previous one (the bundled schemas, or the last live set) and how the
// two differ. The live document has no history of its own, so the legacy fields and values the bundled
// schemas learnt from the older snapshots and the seeds are carried over, and whatever the vendor removed
// since the previous version becomes legacy too, dated: accepted with a warning, exactly like the seed-era
// fields. The same walk lists what was added and removed, for the log and `schemas status`.
import type { LegacyInfo } from '../validation/messages';
import { legacyField, type LegacyRecord } from './legacy';
import { refName, type Schema } from './openapi';

export interface PreviousSchemas {
  /** Where they came from, for the diff's heading. */
  origin: 'bundled' | 'live';
  /** The date of the document they were made from (YYYY-MM-DD). */
  date: string;
  /** Each kind's schema as written (legacy values already encoded). */
  schemas: Record<string, Schema>;
}

export interface SchemaDiff {
  from: { origin: 'bundled' | 'live'; date: string };
  to: string;
  /** `Definition.path.field` */
  fieldsAdded: string[];
  fieldsRemoved: string[];
  /** `Definition.path.field: "value"` */
  valuesAdded: string[];
  valuesRemoved: string[];
  definitionsAdded: string[];
  definitionsRemoved: string[];
}

/** Values of a written enum: current ones, and the legacy ones encoded as a pattern branch (encodeLegacyValues). */
function writtenEnum(schema: Schema): { current: unknown[]; legacy: Record<string, LegacyInfo> } | undefined {
  if (Array.isArray(schema.enum)) return { current: schema.enum, legacy: {} };
  const [current, legacy] = Array.isArray(schema.anyOf) ? schema.anyOf : [];
  if (Array.isArray(current?.enum) && legacy?.['x-legacy-values']) return { current: current.enum, legacy: legacy['x-legacy-values'] };
  return undefined;
}

export class PreviousVersion {
  readonly records: LegacyRecord[] = [];
  readonly diff: SchemaDiff;
  private readonly definitions: Record<string, Schema> = {};

  constructor(
    private readonly previous: PreviousSchemas,
    private readonly date: string,
  ) {
    for (const schema of Object.values(previous.schemas)) Object.assign(this.definitions, schema.definitions ?? {});
    this.diff = { from: { origin: previous.origin, date: previous.date }, to: date, fieldsAdded: [], fieldsRemoved: [], valuesAdded: [], valuesRemoved: [], definitionsAdded: [], definitionsRemoved: [] };
  }

  /** Compares the new (raw, unencoded) definitions with the previous ones and carries the legacy over into them. */
  carryOver(definitions: Record<string, Schema>): void {
    for (const name of Object.keys(definitions)) {
      if (this.definitions[name]) this.walk(this.definitions[name], definitions[name], name);
      else this.diff.definitionsAdded.push(name);
    }
    for (const name of Object.keys(this.definitions)) {
      // Shared unions of the previous set (written as their own definitions) are not API definitions.
      if (!definitions[name] && !this.definitions[name]['x-union']) this.diff.definitionsRemoved.push(name);
    }
  }

  /** A union file root (a tool's `type`), compared with the previous schema of that kind. */
  carryOverRoot(kind: string, root: Schema): void {
    const previous = this.previous.schemas[kind];
    if (previous) this.walk(previous, root, kind);
  }

  private info(): LegacyInfo {
    return { removedAfter: this.previous.date, firstMissing: this.date };
  }

  private resolved(schema: Schema, depth = 0): Schema {
    return typeof schema?.$ref === 'string' && depth < 10 ? this.resolved(this.definitions[refName(schema.$ref)] ?? {}, depth + 1) : schema;
  }

  private walk(old: Schema, next: Schema, path: string): void {
    if (!old || !next || typeof old !== 'object' || typeof next !== 'object') return;
    // A named definition is walked on its own; a previous shared union meets its inline original.
    if (typeof next.$ref === 'string') return;
    old = this.resolved(old);
    this.compareEnum(old, next, path);
    if (old.properties && next.properties) this.compareProperties(old, next, path);
    if (old.items && next.items && typeof old.items === 'object') this.walk(old.items, next.items, `${path}[]`);
    if (typeof old.additionalProperties === 'object' && typeof next.additionalProperties === 'object') this.walk(old.additionalProperties, next.additionalProperties, `${path}{}`);
  }

  private compareProperties(old: Schema, next: Schema, path: string): void {
    const definition = path.split('.')[0];
    for (const [key, property] of Object.entries(old.properties as Record<string, Schema>)) {
      const where = `${path}.${key}`;
      if (next.properties[key]) {
        if (property['x-legacy']) this.diff.fieldsAdded.push(where);
        else this.walk(property, next.properties[key], where);
        continue;
      }
      if (property['x-legacy']) {
        next.properties[key] = structuredClone(property);
        continue;
      }
      if (property['x-server-managed'] || property['x-local']) continue;
      this.diff.fieldsRemoved.push(where);
      const info = this.info();
      next.properties[key] = legacyField(key, info, typeof property.description === 'string' ? property.description : undefined);
      this.records.push({ definition, property: key, info });
    }
    for (const key of Object.keys(next.properties)) if (!old.properties[key]) this.diff.fieldsAdded.push(`${path}.${key}`);
  }

  private compareEnum(old: Schema, next: Schema, path: string): void {
    const written = writtenEnum(old);
    if (!written || !Array.isArray(next.enum)) return;
    // One allowed value is a union branch's tag, not a list: the union's own list says what changed.
    if (written.current.length < 2 && next.enum.length < 2) return;
    const definition = path.split('.')[0];
    const property = path.split('.').slice(1).join('.');
    const addLegacy = (value: string, info: LegacyInfo) => {
      next.enum = [...next.enum, value];
      next['x-legacy-values'] = { ...(next['x-legacy-values'] ?? {}), [value]: info };
      this.records.push({ definition, property, value, info });
    };
    for (const value of next.enum) if (!written.current.includes(value)) this.diff.valuesAdded.push(`${path}: ${JSON.stringify(value)}`);
    for (const value of written.current) {
      if (next.enum.includes(value) || typeof value !== 'string') continue;
      this.diff.valuesRemoved.push(`${path}: ${JSON.stringify(value)}`);
      addLegacy(value, this.info());
    }
    for (const [value, info] of Object.entries(written.legacy)) if (!next.enum.includes(value)) addLegacy(value, info);
  }
}

/** The diff as lines for a log or a terminal; empty when nothing changed. */
export function diffLines(diff: SchemaDiff): string[] {
  const section = (title: string, items: string[]) => (items.length ? [`${title} (${items.length}):`, ...items.map((item) => `  ${item}`)] : []);
  return [
    ...section('Definitions added', diff.definitionsAdded),
    ...section('Definitions removed', diff.definitionsRemoved),
    ...section('Fields added', diff.fieldsAdded),
    ...section('Fields removed (now legacy warnings)', diff.fieldsRemoved),
    ...section('Values added', diff.valuesAdded),
    ...section('Values removed (now legacy warnings)', diff.valuesRemoved),
  ];
}
