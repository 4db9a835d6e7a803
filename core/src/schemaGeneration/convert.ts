// OpenAPI 3.0 component schemas -> JSON Schema draft-07 definitions, with unions rewritten so that
// editors and validators can tell the branches apart.
import { refName, resolve, type Schema, type Snapshot } from './openapi';

/** Where a schema sits: which named schema owns it, under which property, and whether it is the items. */
export interface Location {
  owner: string;
  property?: string;
  items: boolean;
}

/** A union told apart by a one-value field, as written into the output. */
export interface UnionSite extends Location {
  discriminator: string;
  wrapper: Schema;
  /** Definition names of the branches, in `wrapper.allOf` order. */
  branches: string[];
  /** Finds the same union in another snapshot, for one that is no named schema's property (a request body). */
  locate?: (snapshot: Snapshot) => Schema | undefined;
}

export interface ConvertContext {
  schemas: Record<string, Schema>;
  unions: UnionSite[];
}

/** Keywords OpenAPI has and JSON Schema does not, or that only document. */
const OPENAPI_ONLY = new Set(['nullable', 'discriminator', 'examples', 'xml', 'externalDocs', 'readOnly', 'writeOnly']);
const DISCRIMINATOR_PREFERENCE = ['provider', 'type'];
const JSON_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

export function convertNamed(ctx: ConvertContext, name: string): Schema {
  return convert(ctx, ctx.schemas[name], { owner: name, items: false });
}

export function convert(ctx: ConvertContext, raw: Schema, at: Location): Schema {
  if (typeof raw.$ref === 'string') return { $ref: `#/definitions/${refName(raw.$ref)}` };
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(raw)) {
    if (OPENAPI_ONLY.has(keyword)) continue;
    switch (keyword) {
      case 'properties':
        out.properties = {};
        for (const [property, sub] of Object.entries(value as Record<string, Schema>)) {
          out.properties[property] = convert(ctx, sub, { owner: at.owner, property, items: false });
        }
        break;
      case 'items':
        out.items = convert(ctx, value, { ...at, items: true });
        break;
      case 'additionalProperties':
        out.additionalProperties = typeof value === 'object' ? convert(ctx, value, at) : value;
        break;
      case 'allOf':
        out.allOf = (value as Schema[]).map((sub) => convert(ctx, sub, at));
        break;
      case 'not':
        out.not = convert(ctx, value, at);
        break;
      case 'oneOf':
      case 'anyOf':
        adoptUnion(ctx, out, convertUnion(ctx, value, at));
        break;
      case 'deprecated':
        if (value === true) {
          out.deprecated = true;
          out.deprecationMessage = 'Deprecated in the Vapi API.';
        }
        break;
      case 'example':
        // OpenAPI's single example is draft-07's `examples` (editors offer it as a value); some published
        // examples do not even have the declared type, and those are dropped.
        if (raw.type === undefined || raw.type === jsonType(value) || (raw.type === 'number' && jsonType(value) === 'integer')) out.examples = [value];
        break;
      case 'type':
        // Older documents say `"type": "enum"`; the JSON type is then read from the values.
        if (JSON_TYPES.has(value)) out.type = value;
        else if (Array.isArray(raw.enum) && raw.enum.every((v: unknown) => typeof v === 'string')) out.type = 'string';
        break;
      case 'pattern':
        // Some patterns are published as JS regex literals ("/^...$/u"); JSON Schema wants the source.
        out.pattern = typeof value === 'string' ? value.replace(/^\/(.*)\/[a-z]*$/s, '$1') : value;
        break;
      case 'enum':
        // Some published enums repeat a value or are empty; draft-07 allows neither.
        if (Array.isArray(value) && value.length) out.enum = [...new Set(value)];
        break;
      default:
        out[keyword] = value;
    }
  }
  // NestJS-generated documents put an array's item enum on the array itself.
  if (out.type === 'array' && Array.isArray(out.enum)) {
    if (out.items && !out.items.enum && !out.items.$ref) out.items.enum = out.enum;
    delete out.enum;
  }
  if (raw.nullable === true) makeNullable(out);
  // The API rejects unknown properties; only schemas without declared properties are free-form.
  // (A union wrapper declares only its discriminator; its branches close the object.)
  if (out.properties && Object.keys(out.properties).length > 0 && out.additionalProperties === undefined && !out['x-union']) {
    out.additionalProperties = false;
  }
  if (typeof out.description === 'string' && /`|\*\*|\n\s*[-*\d]/.test(out.description)) {
    out.markdownDescription = out.description;
  }
  return out;
}

/** Merges a converted union into its schema node, keeping the recorded union site pointing at the node. */
function adoptUnion(ctx: ConvertContext, node: Schema, union: Schema): void {
  Object.assign(node, union);
  const site = ctx.unions.find((candidate) => candidate.wrapper === union);
  if (site) site.wrapper = node;
}

/** The JSON Schema type of a value; whole numbers are `integer`. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function makeNullable(schema: Schema): void {
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum)) schema.enum = [...schema.enum, null];
  } else if (schema.allOf) {
    schema.anyOf = [{ allOf: schema.allOf }, { type: 'null' }];
    delete schema.allOf;
  }
}

function rootType(ctx: ConvertContext, variant: Schema): string | undefined {
  const target = resolve(ctx.schemas, variant);
  if (!target) return undefined;
  if (typeof target.type === 'string') return JSON_TYPES.has(target.type) ? target.type : 'string';
  return target.properties ? 'object' : undefined;
}

/** The one value a property allows, when it allows exactly one. */
export function oneValue(schemas: Record<string, Schema>, property: Schema | undefined): string | undefined {
  const target = resolve(schemas, property);
  if (!target) return undefined;
  if (Array.isArray(target.enum) && target.enum.length === 1 && typeof target.enum[0] === 'string') return target.enum[0];
  return typeof target.const === 'string' ? target.const : undefined;
}

function findDiscriminator(ctx: ConvertContext, variants: Schema[]): string | undefined {
  const targets = variants.map((variant) => resolve(ctx.schemas, variant));
  const first = targets[0]?.properties;
  if (!first) return undefined;
  const candidates = Object.keys(first)
    .filter((property) => oneValue(ctx.schemas, first[property]) !== undefined)
    .sort((a, b) => rank(a) - rank(b));
  for (const property of candidates) {
    if (variants.length === 1 && !DISCRIMINATOR_PREFERENCE.includes(property)) continue;
    const values = targets.map((target) => oneValue(ctx.schemas, target?.properties?.[property]));
    if (values.every((value) => value !== undefined) && new Set(values).size === values.length) return property;
  }
  return undefined;
}

function rank(property: string): number {
  const index = DISCRIMINATOR_PREFERENCE.indexOf(property);
  return index === -1 ? DISCRIMINATOR_PREFERENCE.length : index;
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
}

/**
 * A union becomes, per JSON type of its branches: the one branch, a discriminated wrapper
 * (`provider` enum + if/then per value), or a plain anyOf. Several JSON types are dispatched on `type`.
 */
function convertUnion(ctx: ConvertContext, variants: Schema[], at: Location): Schema {
  const byType = new Map<string, Schema[]>();
  for (const variant of variants) {
    const type = rootType(ctx, variant);
    if (type === undefined) return { anyOf: variants.map((v) => convert(ctx, v, at)) };
    byType.set(type, [...(byType.get(type) ?? []), variant]);
  }
  const groups = [...byType].map(([type, group]) => ({ type, schema: convertGroup(ctx, type, group, at) }));
  if (groups.length === 1) {
    const only = groups[0].schema;
    return only.$ref ? { allOf: [only] } : only;
  }
  const dispatch = groups
    .filter((group) => Object.keys(group.schema).some((key) => key !== 'type'))
    .map((group) => ({ if: { type: group.type }, then: group.schema }));
  return dispatch.length ? { type: groups.map((g) => g.type), allOf: dispatch } : { type: groups.map((g) => g.type) };
}

function convertGroup(ctx: ConvertContext, type: string, group: Schema[], at: Location): Schema {
  const discriminator = type === 'object' ? findDiscriminator(ctx, group) : undefined;
  if (discriminator) return discriminatedWrapper(ctx, group, discriminator, at);
  if (group.length === 1) return convert(ctx, group[0], at);
  return { anyOf: group.map((variant) => convert(ctx, variant, at)) };
}

function discriminatedWrapper(ctx: ConvertContext, group: Schema[], discriminator: string, at: Location): Schema {
  const targets = group.map((variant) => resolve(ctx.schemas, variant)!);
  const values = targets.map((target) => oneValue(ctx.schemas, target.properties[discriminator])!);
  const branches = group.map((variant) => (variant.$ref ? refName(variant.$ref) : ''));
  const firstProperty = resolve(ctx.schemas, targets[0].properties[discriminator]) ?? {};
  const label = at.property ? (at.items ? singular(at.property) : at.property) : at.owner;
  const wrapper: Schema = {
    type: 'object',
    required: [discriminator],
    properties: {
      [discriminator]: {
        type: 'string',
        description: firstProperty.description ?? `Which kind of ${label} this is.`,
        enum: values,
        enumDescriptions: group.map((variant, i) => variant.title ?? branches[i] ?? values[i]),
      },
    },
    allOf: group.map((variant, i) => ({
      if: { required: [discriminator], properties: { [discriminator]: { const: values[i] } } },
      then: convert(ctx, variant, at),
    })),
    'x-union': { property: discriminator, label },
  };
  ctx.unions.push({ ...at, discriminator, wrapper, branches });
  return wrapper;
}
