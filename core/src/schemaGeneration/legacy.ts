// Finds the fields and values that older snapshots or the seeds have and the current API lacks, and
// writes them into the converted definitions as accepted-but-legacy (`x-legacy`, `x-legacy-values`).
import { legacyFieldMessage, type LegacyInfo } from '../validation/messages';
import { jsonType, oneValue, type UnionSite } from './convert';
import { refName, resolve, type Schema, type Snapshot } from './openapi';

/** A seed document (an old API reference page saved as text), as schemas/generator/seeds.ts reads it. */
export interface SeedDoc {
  /** Seed number, e.g. "000". */
  id: string;
  text: string;
  /** JSON request bodies shown in `curl --data '...'` examples. */
  bodies: unknown[];
  /** Top-level field names documented in the request or response field list. */
  fields: string[];
}

export interface LegacyRecord {
  /** Where it is: definition name and property (and value, for a legacy value). */
  definition: string;
  property: string;
  value?: string;
  info: LegacyInfo;
}

/** Moves whose current place is certain; each is checked against the current schema before use. */
const CERTAIN_MOVES: Record<string, string> = {
  serverUrl: 'server.url',
  hipaaEnabled: 'compliancePlan.hipaaEnabled',
  recordingEnabled: 'artifactPlan.recordingEnabled',
  backgroundDenoisingEnabled: 'backgroundSpeechDenoisingPlan.smartDenoisingPlan.enabled',
  voicemailDetectionEnabled: 'voicemailDetection',
  'model.functions': 'model.tools',
};

/** The seeds and the certain moves describe assistants: their fields are placed relative to this definition. */
const ROOT = 'CreateAssistantDTO';

export class LegacyCollector {
  readonly records: LegacyRecord[] = [];

  constructor(
    private readonly definitions: Record<string, Schema>,
    private readonly current: Snapshot,
    /** Older snapshots, oldest first. */
    private readonly older: Snapshot[],
    private readonly unions: UnionSite[],
  ) {}

  private snapshotInfo(lastIndex: number): LegacyInfo {
    const firstMissing = this.older[lastIndex + 1]?.date ?? this.current.date;
    return { removedAfter: this.older[lastIndex].date, firstMissing };
  }

  /** Properties and enum values that named schemas had in an older snapshot and lack now. */
  compareSnapshots(): void {
    for (const [name, schema] of Object.entries(this.definitions)) {
      if (!schema.properties) continue;
      const lastHad = new Map<string, number>();
      this.older.forEach((snapshot, index) => {
        for (const property of Object.keys(snapshot.schemas[name]?.properties ?? {})) lastHad.set(property, index);
      });
      for (const [property, index] of lastHad) {
        if (schema.properties[property]) continue;
        const old = this.older[index].schemas[name].properties[property];
        this.addField(name, property, this.snapshotInfo(index), old?.description);
      }
      for (const [property, sub] of Object.entries(schema.properties as Record<string, Schema>)) {
        this.compareEnum(name, property, sub);
      }
    }
    for (const site of this.unions) this.compareUnion(site);
  }

  private compareEnum(name: string, property: string, sub: Schema): void {
    const holder = Array.isArray(sub.enum) ? sub : Array.isArray(sub.items?.enum) ? sub.items : undefined;
    if (!holder || holder.enum.length < 2) return;
    const lastHad = new Map<string, number>();
    this.older.forEach((snapshot, index) => {
      const old = snapshot.schemas[name]?.properties?.[property];
      const values = old?.enum ?? old?.items?.enum;
      if (Array.isArray(values)) for (const value of values) if (typeof value === 'string') lastHad.set(value, index);
    });
    for (const [value, index] of lastHad) {
      if (!holder.enum.includes(value)) this.addValue(holder, name, property, value, this.snapshotInfo(index));
    }
  }

  /** Branch values (e.g. an old provider) that the same union location had in an older snapshot. */
  private compareUnion(site: UnionSite): void {
    const holder = site.wrapper.properties[site.discriminator];
    const lastHad = new Map<string, number>();
    this.older.forEach((snapshot, index) => {
      let located = site.locate ? site.locate(snapshot) : site.property ? snapshot.schemas[site.owner]?.properties?.[site.property] : undefined;
      if (site.items) located = located?.items;
      if (!located) return;
      const variants: Schema[] = located.oneOf ?? located.anyOf ?? located.allOf ?? [located];
      for (const variant of variants) {
        const value = oneValue(snapshot.schemas, resolve(snapshot.schemas, variant)?.properties?.[site.discriminator]);
        if (value !== undefined) lastHad.set(value, index);
      }
    });
    for (const [value, index] of lastHad) {
      if (holder.enum.includes(value)) continue;
      const where = site.property ? `${site.property}${site.items ? '[]' : ''}.${site.discriminator}` : site.discriminator;
      this.addValue(holder, site.owner, where, value, this.snapshotInfo(index));
    }
  }

  /**
   * Fields and values the seeds document that neither the current API nor any snapshot has. `responseKeys`
   * are the ones GET returns (server-managed): the seeds list them among the response fields, and they are
   * current, not legacy.
   */
  compareSeeds(seeds: SeedDoc[], responseKeys: ReadonlySet<string>): void {
    const firstMissing = this.older[0]?.date ?? this.current.date;
    const seedInfo = (seed: SeedDoc): LegacyInfo => ({ removedAfter: 'seed', firstMissing, seeds: [seed.id] });
    for (const seed of seeds) {
      for (const field of seed.fields) if (!responseKeys.has(field)) this.seedField(ROOT, this.definitions[ROOT], field, seed, seedInfo(seed));
      for (const body of seed.bodies) this.walkSeedValue(this.definitions[ROOT], ROOT, body, seed, seedInfo);
    }
  }

  private seedField(owner: string, schema: Schema, property: string, seed: SeedDoc, info: LegacyInfo): void {
    const existing = schema.properties?.[property];
    if (!existing) this.addField(owner, property, info);
    else if (existing['x-legacy']?.removedAfter === 'seed') {
      const seeds: string[] = existing['x-legacy'].seeds;
      if (!seeds.includes(seed.id)) seeds.push(seed.id);
    }
  }

  private walkSeedValue(schema: Schema, owner: string, value: unknown, seed: SeedDoc, seedInfo: (s: SeedDoc) => LegacyInfo): void {
    const applicable = this.applicable(schema, owner, value);
    if (Array.isArray(value)) {
      for (const { schema: s, owner: o } of applicable) {
        if (s.items) for (const item of value) this.walkSeedValue(s.items, o, item, seed, seedInfo);
      }
      return;
    }
    if (typeof value === 'string') {
      this.seedValue(applicable, value, seedInfo(seed));
      return;
    }
    if (!value || typeof value !== 'object') return;
    const objects = applicable.filter(({ schema: s }) => s.properties && !s['x-union']);
    if (!objects.length || objects.some(({ schema: s }) => s.additionalProperties !== false)) return;
    for (const [key, child] of Object.entries(value)) {
      const holder = applicable.find(({ schema: s }) => s.properties?.[key]);
      if (!holder) {
        // A field every branch of a union had in the seed era: record it on all sibling branches.
        const target = objects[objects.length - 1];
        const union = this.unions.find((site) => site.branches.includes(target.owner));
        for (const branch of union ? union.branches.filter(Boolean) : [target.owner]) {
          this.seedField(branch, this.definitions[branch], key, seed, seedInfo(seed));
        }
        continue;
      }
      const sub = holder.schema.properties[key];
      if (sub['x-legacy']) {
        this.seedField(holder.owner, holder.schema, key, seed, seedInfo(seed));
        continue;
      }
      this.walkSeedValue(sub, holder.owner, child, seed, seedInfo);
    }
  }

  private seedValue(applicable: { schema: Schema; owner: string }[], value: string, info: LegacyInfo): void {
    if (/^<.*>$/.test(value)) return;
    const enums = applicable.filter(({ schema }) => Array.isArray(schema.enum));
    const freeText = applicable.some(({ schema }) => (schema.type === 'string' || schema.type?.includes?.('string')) && !schema.enum && !schema.format);
    if (!enums.length || freeText) return;
    const holder = enums[0].schema;
    if (holder.enum.includes(value)) return;
    const known = holder['x-legacy-values']?.[value];
    if (known) return;
    this.addValue(holder, enums[0].owner, '', value, info);
  }

  private applicable(schema: Schema, owner: string, value: unknown, anyBranch = false): { schema: Schema; owner: string }[] {
    return applicableSchemas(this.definitions, schema, owner, value, anyBranch);
  }

  private addField(definition: string, property: string, info: LegacyInfo, description?: string): void {
    const schema = this.definitions[definition];
    const from = this.dottedPath(definition, property);
    const move = CERTAIN_MOVES[from];
    if (move && this.pathExists(move)) {
      info.movedFrom = from;
      info.movedTo = move;
      info.moveValue = this.leafType(move) !== undefined && this.leafType(move) === typeOfOld(definition, property, this.older);
    }
    schema.properties ??= {};
    schema.properties[property] = legacyField(property, info, description);
    this.records.push({ definition, property, info });
  }

  private addValue(holder: Schema, definition: string, property: string, value: string, info: LegacyInfo): void {
    holder.enum = [...holder.enum, value];
    holder['x-legacy-values'] ??= {};
    holder['x-legacy-values'][value] = info;
    this.records.push({ definition, property, value, info });
  }

  /** The field's dotted path from the root, when its definition is the root or a branch of a root-level union. */
  private dottedPath(definition: string, property: string): string {
    if (definition === ROOT) return property;
    const site = this.unions.find((u) => u.owner === ROOT && u.branches.includes(definition));
    return site?.property ? `${site.property}.${property}` : '';
  }

  private target(path: string): Schema | undefined {
    return assistantSchemaAt(this.definitions, path);
  }

  private pathExists(path: string): boolean {
    return this.target(path) !== undefined;
  }

  private leafType(path: string): string | undefined {
    const leaf = this.target(path);
    const resolved = leaf?.$ref ? this.definitions[refName(leaf.$ref)] : leaf;
    return typeof resolved?.type === 'string' ? resolved.type : undefined;
  }
}

/** The schema of a field the vendor no longer accepts: accepted, documented as legacy, reported with its dates. */
export function legacyField(property: string, info: LegacyInfo, description?: string): Schema {
  const message = legacyFieldMessage(property, info);
  return {
    ...(description ? { description } : {}),
    markdownDescription: `**Legacy.** ${message}${description ? `\n\n${description}` : ''}`,
    deprecationMessage: message,
    'x-legacy': info,
  };
}

/**
 * The schemas that apply to `value` at this point: follows $ref, allOf, anyOf and matching if/then
 * (every if/then branch when `anyBranch`).
 */
function applicableSchemas(definitions: Record<string, Schema>, schema: Schema, owner: string, value: unknown, anyBranch: boolean): { schema: Schema; owner: string }[] {
  const found: { schema: Schema; owner: string }[] = [];
  const visit = (s: Schema, o: string, depth: number): void => {
    if (!s || depth > 20) return;
    if (s.$ref) {
      const name = refName(s.$ref);
      visit(definitions[name], name, depth + 1);
      return;
    }
    found.push({ schema: s, owner: o });
    for (const sub of s.allOf ?? []) {
      if (sub.if) {
        if (anyBranch || matchesCondition(sub.if, value)) visit(sub.then, o, depth + 1);
      } else visit(sub, o, depth + 1);
    }
    for (const sub of s.anyOf ?? []) visit(sub, o, depth + 1);
  };
  visit(schema, owner, 0);
  return found;
}

/** Follows a dotted path from the assistant's root through properties (and the branches of unions); undefined when it does not exist or is legacy. */
export function assistantSchemaAt(definitions: Record<string, Schema>, path: string): Schema | undefined {
  let schema: Schema | undefined = definitions[ROOT];
  for (const key of path.split('.')) {
    const candidates: Schema[] = applicableSchemas(definitions, schema!, '', undefined, true).map(({ schema: s }) => s);
    schema = candidates.find((s) => s.properties?.[key])?.properties[key];
    if (!schema || schema['x-legacy']) return undefined;
  }
  return schema;
}

function matchesCondition(condition: Schema, value: unknown): boolean {
  if (condition.type) return jsonType(value) === condition.type || (condition.type === 'number' && jsonType(value) === 'integer');
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(condition.properties ?? {}).every(
    ([key, sub]) => (value as Record<string, unknown>)[key] === (sub as Schema).const,
  );
}

/** The type a legacy field had: from the last snapshot that had it, else the seeds' documented types. */
function typeOfOld(definition: string, property: string, older: Snapshot[]): string | undefined {
  for (let i = older.length - 1; i >= 0; i--) {
    const type = older[i].schemas[definition]?.properties?.[property]?.type;
    if (type) return type;
  }
  return SEED_TYPES[property];
}

/** Types of the seed-era fields that no snapshot has, as the seed pages document them. */
const SEED_TYPES: Record<string, string> = {
  recordingEnabled: 'boolean',
  voicemailDetectionEnabled: 'boolean',
};

/**
 * Legacy values are collected as extra `enum` members; written out, they move to a second anyOf branch
 * matched by `pattern`, so editors accept them without offering them in completion and enum errors list
 * only current values.
 */
export function encodeLegacyValues(schema: Schema): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach(encodeLegacyValues);
  for (const [keyword, value] of Object.entries(schema)) {
    if (keyword !== 'x-legacy-values' && keyword !== 'enum' && keyword !== 'default' && keyword !== 'x-legacy') encodeLegacyValues(value);
  }
  const legacy: Record<string, LegacyInfo> | undefined = schema['x-legacy-values'];
  if (!legacy || !Array.isArray(schema.enum)) return;
  const values = Object.keys(legacy);
  const current: Schema = { enum: schema.enum.filter((value: unknown) => typeof value !== 'string' || !legacy[value]) };
  if (schema.enumDescriptions) current.enumDescriptions = schema.enumDescriptions;
  const pattern = `^(${values.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
  delete schema.enum;
  delete schema.enumDescriptions;
  delete schema['x-legacy-values'];
  schema.anyOf = [current, { type: 'string', pattern, 'x-legacy-values': legacy, deprecationMessage: 'A value the current Vapi API no longer accepts.' }];
}
