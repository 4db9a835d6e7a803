// Walks the document's value alongside the schema to find what ajv cannot report as errors: legacy
// fields and values, server-managed and deprecated fields, which union branch applies where, the keys an
// object may have (for did-you-mean), and the strings the vendor renders as templates with the variables
// the file declares. Works on the plain value so that a clean document never needs a syntax tree.
import type { DeclarationKind, DeclaredVariable, TemplatePlace } from '../templates/variables';
import type { LegacyInfo } from './messages';
import type { JSONSchema } from './schemas';

export interface Annotation {
  kind: 'legacy-field' | 'legacy-value' | 'server-managed' | 'deprecated';
  key: string;
  /** JSON pointer of the field's value (or of the legacy value). */
  pointer: string;
  /** For a legacy value: the value. */
  value?: string;
  info?: LegacyInfo;
}

export interface SchemaFacts {
  annotations: Annotation[];
  /** JSON pointer of each union instance -> its branch label, e.g. "/voice" -> "azure voice". */
  branchLabels: Map<string, string>;
  /** JSON pointer of each union instance -> the property that tells its branches apart, e.g. "provider". */
  unionTags: Map<string, string>;
  /** JSON pointer of each object with unknown keys -> the current keys it may have. */
  knownKeys: Map<string, string[]>;
  /** JSON pointer of each value that has enum alternatives -> its legacy values (excluded from suggestions). */
  legacyValues: Map<string, Set<string>>;
  /** The strings the vendor renders as templates (`x-template`) that hold Liquid markup (or that the caller wants), with what their place says about variables. */
  templates: TemplateString[];
  /** The variables the file declares (`x-template-declares`). */
  declaredVariables: DeclaredVariable[];
}

export interface TemplateString {
  pointer: string;
  value: string;
  place: TemplatePlace;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths as a trie of their segments (object keys, array indexes as text): a path and all its ancestors. */
export interface PathTrie {
  [segment: string]: PathTrie;
}

export function pathTrie(paths: Iterable<readonly string[]>): PathTrie {
  const trie: PathTrie = Object.create(null);
  for (const path of paths) {
    let node = trie;
    for (const segment of path) node = node[segment] ??= Object.create(null);
  }
  return trie;
}

/** A JSON pointer's segments: `/tools/0/a~1b` -> ['tools', '0', 'a/b']. */
export function pointerPath(pointer: string): string[] {
  return pointer.split('/').slice(1).map(unescapePointer);
}

/**
 * Walks only the subtrees whose schemas can lead to a legacy, server-managed or deprecated mark (or to a
 * template or a declared variable, in values that hold one), and the paths in `focus`: `annotations`,
 * `templates` and `declaredVariables` are complete, and so are the branch labels of their ancestors; the other
 * facts are complete along the focused paths (for errors: at each error's value and its ancestors), which
 * is all that the messages read. A file without mistakes has an empty focus, and one mistake more costs the
 * walk of one more path, not of the whole file. Template strings are recorded when `wanted` (default: they
 * hold Liquid markup); the editor asks for more (a long prompt without markup yet is still a template).
 */
export function collectFacts(root: JSONSchema, document: unknown, focus?: PathTrie, wanted: (template: string) => boolean = hasMarkup): SchemaFacts {
  const facts: SchemaFacts = { annotations: [], branchLabels: new Map(), unionTags: new Map(), knownKeys: new Map(), legacyValues: new Map(), templates: [], declaredVariables: [] };
  const plans = walkPlans(root);
  /** Whether the walk can find something below a value with these schemas (outside the focus). */
  const worthWalking = (schemas: SchemaSet, value: Json): boolean =>
    schemas.mayAnnotate || (schemas.mayTemplate && mayHoldTemplates(value, plans.declaringKeys, wanted));

  const walk = (value: Json, schemas: SchemaSet, pointer: string, focused: PathTrie | undefined, place: TemplatePlace): void => {
    if (!schemas.schemas.length || (!focused && !worthWalking(schemas, value))) return;
    const here = plans.applicable(schemas, value);
    if (Array.isArray(value)) {
      const items = plans.items(here);
      if (!items.schemas.length) return;
      for (let index = 0; index < value.length; index++) {
        const inFocus = focused?.[index];
        if (inFocus || worthWalking(items, value[index])) walk(value[index], items, `${pointer}/${index}`, inFocus, place);
      }
    } else if (value !== null && typeof value === 'object') walkObject(value, here, pointer, focused, place);
    else if (typeof value === 'string') {
      if (here.templates && wanted(value)) facts.templates.push({ pointer, value, place });
      const legacy = here.schemas.find((schema) => schema['x-legacy-values']);
      if (!legacy) return;
      facts.legacyValues.set(pointer, new Set(Object.keys(legacy['x-legacy-values'])));
      const info: LegacyInfo | undefined = legacy['x-legacy-values'][value];
      if (info) facts.annotations.push({ kind: 'legacy-value', key: pointerKey(pointer), pointer, value, info });
    }
  };

  const walkObject = (object: { [key: string]: Json }, here: SchemaSet, pointer: string, focused: PathTrie | undefined, place: TemplatePlace): void => {
    const plan = plans.object(here);
    for (const union of plan.unions) {
      const tag = object[union.property];
      const known = typeof tag === 'string' && union.tags.has(tag);
      // Several wrappers may apply (branches of an outer union); a label that knows the tag wins.
      if (known || !facts.branchLabels.has(pointer)) facts.branchLabels.set(pointer, known ? `${tag} ${union.label}` : union.label);
      facts.unionTags.set(pointer, union.property);
    }
    for (const key in object) {
      const property = plans.property(plan, key);
      // An unknown key's error is reported on its object, with the keys it may have instead.
      if (property.unknown && focused) recordKnownKeys(pointer, here.schemas);
      const inFocus = focused?.[key];
      if (!property.flagged && !inFocus && !property.declares && !worthWalking(property.schemas, object[key])) continue;
      const childPointer = `${pointer}/${escapePointer(key)}`;
      if (property.declares) declare(object[key], childPointer, property.declares);
      if (property.flagged) facts.annotations.push({ kind: property.flagged, key, pointer: childPointer, info: property.info });
      if (property.flagged === 'server-managed' || property.flagged === 'legacy-field') continue;
      walk(object[key], property.schemas, childPointer, inFocus, property.place ? placeBelow(place, property.place, childPointer) : place);
    }
  };

  const declare = (value: Json, pointer: string, how: DeclarationKind): void => {
    const path = dottedPath(pointer);
    const add = (name: unknown) => {
      if (typeof name === 'string' && name) facts.declaredVariables.push({ name, path, how });
    };
    if (value === null || typeof value !== 'object') return how === 'name' ? add(value) : undefined;
    if (Array.isArray(value)) return;
    // An extraction schema's object properties become variables; an array is extracted under its title (or name).
    if (how === 'keys') Object.keys(value).forEach(add);
    else if (how === 'schema') {
      const properties = value.properties;
      if (properties && typeof properties === 'object' && !Array.isArray(properties)) Object.keys(properties).forEach(add);
      else add(value.title ?? value.name);
    }
  };

  const recordKnownKeys = (pointer: string, here: JSONSchema[]): void => {
    if (facts.knownKeys.has(pointer)) return;
    const keys = new Set<string>();
    for (const schema of here) {
      for (const [key, sub] of Object.entries((schema.properties ?? {}) as Record<string, JSONSchema>)) {
        if (!sub['x-legacy'] && !sub['x-server-managed'] && !sub['x-local']) keys.add(key);
      }
    }
    facts.knownKeys.set(pointer, [...keys]);
  };

  walk(document as Json, plans.root, '', focus, {});
  return facts;
}

function hasMarkup(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}

/**
 * Whether a value holds anything the template facts record: a wanted string, or a key that declares
 * variables. A plain scan, much cheaper than the schema walk it spares (the tools of a large file, whose
 * messages are templates without markup).
 */
function mayHoldTemplates(value: Json, declaringKeys: ReadonlySet<string>, wanted: (template: string) => boolean): boolean {
  if (typeof value === 'string') return wanted(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => mayHoldTemplates(item, declaringKeys, wanted));
  for (const key in value) if (declaringKeys.has(key) || mayHoldTemplates(value[key], declaringKeys, wanted)) return true;
  return false;
}

/** What a field says about the templates below it: the variables it adds, whether any name is one. */
interface PlaceMark {
  variables?: Record<string, string>;
  open?: boolean;
}

function placeBelow(place: TemplatePlace, mark: PlaceMark, pointer: string): TemplatePlace {
  return {
    variables: { ...place.variables, ...mark.variables },
    field: mark.variables ? dottedPath(pointer) : place.field,
    open: place.open || mark.open,
  };
}

/** `/model/messages/0/content` -> `model.messages[0].content`, as users read a path. */
export function dottedPath(pointer: string): string {
  let path = '';
  for (const segment of pointerPath(pointer)) path += /^\d+$/.test(segment) ? `[${segment}]` : path ? `.${segment}` : segment;
  return path;
}

/**
 * A list of schemas that apply to one value, kept once per distinct list (so the walk's caches can key on
 * it) with whether any of them can lead to a mark the walk reports.
 */
export interface SchemaSet {
  schemas: JSONSchema[];
  mayAnnotate: boolean;
  /** Can lead to a template or a declared variable. */
  mayTemplate: boolean;
  /** One of the schemas marks its strings as templates. */
  templates: boolean;
  /** Can lead to a field that holds another resource's id (`x-reference`), for core/src/references.ts. */
  mayReference: boolean;
}

/** What the walk needs to know about one key of an object whose applicable schemas are one SchemaSet. */
export interface PropertyPlan {
  schemas: SchemaSet;
  flagged?: Annotation['kind'];
  info?: LegacyInfo;
  /** The key's value declares variables. */
  declares?: DeclarationKind;
  /** The key's value is a place that adds variables to the templates in it. */
  place?: PlaceMark;
  /** No schema defines the key and one forbids unknown keys: the object's known keys are a fact. */
  unknown: boolean;
}

export interface ObjectPlan {
  /** The unions among the applicable schemas (their label, telling property and the tags they know). */
  unions: { property: string; label: string; tags: Set<string> }[];
  properties: Map<string, PropertyPlan>;
}

/**
 * Per root schema: the walk's plans, computed once per schema set and reused for every value it applies to
 * (a file with 600 tools walks 600 objects with the same few plans). Also walked by core/src/references.ts.
 */
export interface WalkPlans {
  root: SchemaSet;
  /** The property names whose values declare variables. */
  declaringKeys: ReadonlySet<string>;
  applicable(schemas: SchemaSet, value: Json): SchemaSet;
  items(here: SchemaSet): SchemaSet;
  object(here: SchemaSet): ObjectPlan;
  property(plan: ObjectPlan, key: string): PropertyPlan;
}

const walkPlanCache = new WeakMap<JSONSchema, WalkPlans>();

export function walkPlans(root: JSONSchema): WalkPlans {
  const cached = walkPlanCache.get(root);
  if (cached) return cached;
  const definitions: Record<string, JSONSchema> = root.definitions ?? {};
  const reach = reachOf(root);
  // One SchemaSet per distinct list of schemas, found by the list's members.
  const sets = new Map<string, SchemaSet>();
  const ids = new Map<JSONSchema, number>();
  const setOf = (schemas: JSONSchema[]): SchemaSet => {
    const key = schemas.map((schema) => ids.get(schema) ?? ids.set(schema, ids.size).get(schema)).join(',');
    let set = sets.get(key);
    if (!set) {
      set = {
        schemas,
        mayAnnotate: schemas.some((schema) => reach.annotation.has(schema)),
        mayTemplate: schemas.some((schema) => reach.template.has(schema)),
        templates: schemas.some((schema) => schema['x-template']),
        mayReference: schemas.some((schema) => reach.reference.has(schema)),
      };
      sets.set(key, set);
    }
    return set;
  };

  // Expansions through $ref/allOf/anyOf/oneOf/if: those without an `if` do not depend on the value; those
  // whose every `if` tests the same property's constant depend on that property's value alone.
  const unconditional = new Map<SchemaSet, SchemaSet>();
  const byTag = new Map<SchemaSet, { property: string; expansions: Map<string, SchemaSet> }>();
  const applicable = (schemas: SchemaSet, value: Json): SchemaSet => {
    const known = unconditional.get(schemas);
    if (known) return known;
    const tagged = byTag.get(schemas);
    const byValue = tagged?.expansions.get(tagKey(value, tagged.property));
    if (byValue) return byValue;
    const found: JSONSchema[] = [];
    let conditional = false;
    // The one property every `if` met so far tests (a union's discriminator), or null when another test was met.
    let tested: string | null | undefined;
    const visit = (schema: JSONSchema | undefined, depth: number): void => {
      if (!schema || typeof schema !== 'object' || depth > 32) return;
      if (typeof schema.$ref === 'string') return visit(definitions[schema.$ref.slice('#/definitions/'.length)], depth + 1);
      found.push(schema);
      if (schema.if) {
        conditional = true;
        const property = testedProperty(schema.if);
        tested = tested === undefined || tested === property ? property : null;
        visit(matches(schema.if, value) ? schema.then : schema.else, depth + 1);
      }
      for (const sub of schema.allOf ?? []) visit(sub, depth + 1);
      for (const sub of schema.anyOf ?? []) visit(sub, depth + 1);
      for (const sub of schema.oneOf ?? []) visit(sub, depth + 1);
    };
    for (const schema of schemas.schemas) visit(schema, 0);
    const expansion = setOf(found);
    if (!conditional) unconditional.set(schemas, expansion);
    // Expansions that depend on one property's value only (a tool's `type`) are kept per value.
    else if (tested && (tagged?.property ?? tested) === tested) {
      const entry = tagged ?? { property: tested, expansions: new Map<string, SchemaSet>() };
      byTag.set(schemas, entry);
      entry.expansions.set(tagKey(value, tested), expansion);
    }
    return expansion;
  };

  const itemsOf = new Map<SchemaSet, SchemaSet>();
  const items = (here: SchemaSet): SchemaSet => {
    let found = itemsOf.get(here);
    if (!found) {
      const schemas = here.schemas.map((schema) => schema.items).filter((sub) => sub && typeof sub === 'object' && !Array.isArray(sub));
      itemsOf.set(here, (found = setOf(schemas)));
    }
    return found;
  };

  const objectPlans = new Map<SchemaSet, ObjectPlan>();
  const object = (here: SchemaSet): ObjectPlan => {
    let plan = objectPlans.get(here);
    if (!plan) {
      const unions = here.schemas
        .filter((schema) => schema['x-union'])
        .map((schema) => {
          const { property, label } = schema['x-union'] as { property: string; label: string };
          const tags = new Set<string>();
          for (const branch of (schema.allOf ?? []) as JSONSchema[]) {
            const tag = branch.if?.properties?.[property]?.const;
            if (typeof tag === 'string') tags.add(tag);
          }
          return { property, label, tags };
        });
      objectPlans.set(here, (plan = { unions, properties: new Map() }));
      planOwners.set(plan, here);
    }
    return plan;
  };

  const planOwners = new Map<ObjectPlan, SchemaSet>();
  const property = (plan: ObjectPlan, key: string): PropertyPlan => {
    let found = plan.properties.get(key);
    if (found) return found;
    const here = planOwners.get(plan)!.schemas;
    const subschemas: JSONSchema[] = [];
    let flagged: Annotation['kind'] | undefined;
    let info: LegacyInfo | undefined;
    let declares: DeclarationKind | undefined;
    let place: PlaceMark | undefined;
    for (const schema of here) {
      const sub = schema.properties?.[key];
      if (!sub) continue;
      subschemas.push(sub);
      declares ??= sub['x-template-declares'];
      if (sub['x-template-variables'] || sub['x-template-open']) {
        place = { variables: { ...place?.variables, ...sub['x-template-variables'] }, open: place?.open || sub['x-template-open'] === true };
      }
      if (sub['x-server-managed']) flagged = 'server-managed';
      else if (sub['x-legacy']) [flagged, info] = ['legacy-field', sub['x-legacy']];
      else if (sub.deprecated && !flagged) flagged = 'deprecated';
    }
    let unknown = false;
    if (!subschemas.length) {
      for (const schema of here) if (typeof schema.additionalProperties === 'object') subschemas.push(schema.additionalProperties);
      unknown = !subschemas.length && here.some((schema) => schema.additionalProperties === false);
    }
    found = { schemas: setOf(subschemas), flagged, info, unknown, declares, place };
    plan.properties.set(key, found);
    return found;
  };

  const plans: WalkPlans = { root: setOf([root]), declaringKeys: reach.declaringKeys, applicable, items, object, property };
  walkPlanCache.set(root, plans);
  return plans;
}

/** The property an `if` tests when `matches` reads nothing but that property's value, else null. */
function testedProperty(condition: JSONSchema): string | null {
  if (condition.type !== undefined) return null;
  const properties = Object.keys(condition.properties ?? {});
  return properties.length === 1 ? properties[0] : null;
}

/** What `matches` sees of a value when its conditions test only `property`. */
function tagKey(value: Json, property: string): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `not an object`;
  const tag = value[property];
  return tag === undefined ? 'absent' : `=${JSON.stringify(tag)}`;
}

/**
 * Per root schema, the subschemas from which the walk can reach a mark it reports: an annotation (legacy,
 * server-managed, deprecated), a template or declared variable, or a reference field; and the property
 * names that declare.
 */
interface Reach {
  annotation: Set<JSONSchema>;
  template: Set<JSONSchema>;
  reference: Set<JSONSchema>;
  declaringKeys: Set<string>;
}

function reachOf(root: JSONSchema): Reach {
  const definitions: Record<string, JSONSchema> = root.definitions ?? {};
  // Every schema the walk can step into, with the schemas it is reached from.
  const reachedFrom = new Map<JSONSchema, JSONSchema[]>([[root, []]]);
  const annotating: JSONSchema[] = [];
  const templating: JSONSchema[] = [];
  const referencing: JSONSchema[] = [];
  const declaringKeys = new Set<string>();
  const pending = [root];
  for (let schema = pending.pop(); schema; schema = pending.pop()) {
    const properties = Object.entries((schema.properties ?? {}) as Record<string, JSONSchema>);
    for (const [key, sub] of properties) if (sub['x-template-declares']) declaringKeys.add(key);
    if (schema['x-legacy-values'] || properties.some(([, sub]) => sub['x-server-managed'] || sub['x-legacy'] || sub.deprecated)) annotating.push(schema);
    if (schema['x-template'] || properties.some(([, sub]) => sub['x-template-declares'])) templating.push(schema);
    if (schema['x-reference']) referencing.push(schema);
    const children = [...properties.map(([, sub]) => sub), ...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), schema.then, schema.else, schema.additionalProperties, schema.items];
    if (typeof schema.$ref === 'string') children.push(definitions[schema.$ref.slice('#/definitions/'.length)]);
    for (const child of children) {
      if (!child || typeof child !== 'object' || Array.isArray(child)) continue;
      const parents = reachedFrom.get(child);
      if (parents) parents.push(schema);
      else {
        reachedFrom.set(child, [schema]);
        pending.push(child);
      }
    }
  }
  const withAncestors = (marked: JSONSchema[]): Set<JSONSchema> => {
    const found = new Set(marked);
    for (let index = 0; index < marked.length; index++) {
      for (const parent of reachedFrom.get(marked[index]) ?? []) {
        if (found.has(parent)) continue;
        found.add(parent);
        marked.push(parent);
      }
    }
    return found;
  };
  return { annotation: withAncestors(annotating), template: withAncestors(templating), reference: withAncestors(referencing), declaringKeys };
}

function jsonType(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matches(condition: JSONSchema, value: Json): boolean {
  if (condition.type !== undefined) {
    const types: string[] = Array.isArray(condition.type) ? condition.type : [condition.type];
    const type = jsonType(value);
    return types.some((wanted) => wanted === type || (wanted === 'integer' && type === 'number' && Number.isInteger(value)));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries((condition.properties ?? {}) as Record<string, JSONSchema>).every(
    ([key, sub]) => sub.const === undefined || value[key] === sub.const,
  );
}

export function escapePointer(key: string): string {
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The last key of a pointer, or `parent[index]` for an array item. */
export function pointerKey(pointer: string): string {
  const segments = pointer.split('/').slice(1).map(unescapePointer);
  const last = segments[segments.length - 1] ?? '';
  if (!/^\d+$/.test(last)) return last;
  return `${segments[segments.length - 2] ?? ''}[${last}]`;
}
