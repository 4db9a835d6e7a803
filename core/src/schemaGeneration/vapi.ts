// A Vapi OpenAPI document -> the schema of every Vapi resource kind. One implementation for the build
// (schemas/generator/generate.ts, which writes the bundled schemas from a snapshot, the older snapshots and
// the seeds) and the product (core/src/liveSchemas, which converts the environment's live document). The
// kinds share one set of definitions, converted once: a squad's inline assistant is the same
// CreateAssistantDTO as an assistant file's.
import { kindTitle, resourceKinds, type KindId, type ResourceKind, type ResourceType } from '../kinds';
import { compileGroup, type CompiledGroup } from './compile';
import { convert, convertNamed, type ConvertContext, type UnionSite } from './convert';
import { createOnly, endpoints, serverManaged, type Endpoints, type Variant } from './endpoints';
import { encodeLegacyValues, LegacyCollector, type LegacyRecord, type SeedDoc } from './legacy';
import { reachable, refName, type Schema, type Snapshot } from './openapi';
import { PreviousVersion, type PreviousSchemas, type SchemaDiff } from './previous';
import { markReferences } from './references';
import { shareRepeatedUnions } from './share';
import { addPlanSnippets, addToolSnippets, dropInvalidSnippets, loadSnippets, unionSnippets } from './snippets';
import { markTemplates, type TemplateMarks } from './templates';

/** GET-only keys seen in practice that the spec's response schema does not list. */
const SERVER_MANAGED_IN_PRACTICE: Partial<Record<ResourceType, Record<string, string>>> = {
  assistant: {
    isServerUrlSecretSet: 'Whether a server URL secret is set. Returned by GET.',
    analyticsMetadata: 'Analytics data kept by Vapi. Returned by GET.',
    isDeleted: 'Whether the assistant was deleted. Returned by GET.',
    workflowIds: 'Workflows that use this assistant. Returned by GET.',
  },
};
const SCHEMA_PROPERTY: Schema = { type: 'string', description: 'The JSON schema this file follows (local only; never pushed).', 'x-local': true };

export interface VapiGenerationInput {
  current: Snapshot;
  /** How `x-source` names the document: a file name, or the URL of a live one. */
  documentName: string;
  /** The older snapshots (oldest first) and the seeds, which say what left the API and when. */
  history?: { older: Snapshot[]; seeds: SeedDoc[] };
  /**
   * The schemas in use before (a live document's conversion: the bundled ones or the last live set): their
   * legacy fields and values are kept, and what they have that `current` lacks becomes legacy, dated.
   */
  previous?: PreviousSchemas;
}

export interface VapiGeneration {
  /** Every Vapi kind's schema, in the order of resourceKinds. */
  schemas: Partial<Record<KindId, Schema>>;
  /** The schemas compiled together: validators for this process and the standalone module's code. */
  compiled: CompiledGroup;
  /** With `history`: the legacy fields and values found. */
  legacy: LegacyRecord[];
  /** With `previous`: what changed since. */
  diff?: SchemaDiff;
  stats: {
    definitions: number;
    unions: number;
    sharedUnions: number;
    references: number;
    templates: TemplateMarks;
    toolSnippets: number;
    planSnippets: number;
    /** Snippets whose bodies would not validate, `label (kind)`. */
    droppedSnippets: string[];
  };
}

interface VapiResource {
  kind: ResourceKind;
  api: Endpoints;
  /** The converted union of a body told apart by a field (a tool's `type`), before its branches become file roots. */
  union?: UnionSite;
}

/** Converts the document; throws an Error naming what it lacks when it cannot make a kind's schema. */
export function generateVapiSchemas(input: VapiGenerationInput): VapiGeneration {
  const { current } = input;
  const resources: VapiResource[] = resourceKinds
    .filter((kind) => kind.vendor === 'vapi')
    .map((kind) => {
      const api = endpoints(current, kind.apiPath);
      if (!api) throw new Error(`${current.source} has no POST ${kind.apiPath}`);
      for (const variant of api.variants) if (!current.schemas[variant.create]) throw new Error(`${current.source}: POST ${kind.apiPath} names ${variant.create}, which it does not define`);
      return { kind, api };
    });

  // One pool of definitions: everything any kind's bodies and server-managed fields reach.
  const roots: Schema[] = [];
  for (const { api } of resources) {
    for (const variant of api.variants) {
      roots.push(current.schemas[variant.create]);
      for (const key of serverManaged(current, variant)) roots.push(current.schemas[variant.response!].properties[key]);
    }
  }
  const names = reachable(current.schemas, roots);
  for (const { api } of resources) for (const variant of api.variants) names.add(variant.create);

  const ctx: ConvertContext = { schemas: current.schemas, unions: [] };
  const definitions: Record<string, Schema> = {};
  for (const name of [...names].sort()) definitions[name] = convertNamed(ctx, name);
  // A union body (POST /tool) becomes the file's root: a wrapper told apart by its discriminator.
  for (const resource of resources) {
    if (!resource.api.discriminator) continue;
    const wrapper = convert(ctx, { oneOf: resource.api.createSchema.oneOf }, { owner: resource.kind.noun, items: false });
    resource.union = ctx.unions.find((site) => site.wrapper === wrapper)!;
    resource.union.locate = (snapshot) => endpoints(snapshot, resource.kind.apiPath)?.createSchema;
  }
  const references = markReferences(Object.values(definitions));
  const templates = markTemplates(definitions);

  const legacy = new LegacyCollector(definitions, current, input.history?.older ?? [], ctx.unions);
  // The seeds document assistants only.
  const assistant = resources.find(({ kind }) => kind.resource === 'assistant')!.api.variants[0];
  if (input.history) {
    legacy.compareSnapshots();
    const assistantResponseKeys = new Set([...serverManaged(current, assistant), ...Object.keys(SERVER_MANAGED_IN_PRACTICE.assistant ?? {})]);
    legacy.compareSeeds(input.history.seeds.filter((seed) => seed.id !== '003'), assistantResponseKeys);
  }
  const previous = input.previous && new PreviousVersion(input.previous, current.date);
  if (previous) {
    previous.carryOver(definitions);
    for (const { kind, union } of resources) if (union) previous.carryOverRoot(kind.id, union.wrapper);
  }
  Object.values(definitions).forEach(encodeLegacyValues);
  for (const { union } of resources) if (union) encodeLegacyValues(union.wrapper);
  const toolSnippets = addToolSnippets(definitions, ctx.unions, loadSnippets(kindOfResource(resources, 'tool')));
  // On the definition, so an inline assistant (a squad member's) offers them too.
  const planSnippets = addPlanSnippets(definitions[assistant.create], definitions);
  const sharedUnions = shareRepeatedUnions(definitions);

  const schemas: Partial<Record<KindId, Schema>> = {};
  for (const resource of resources) {
    const { kind } = resource;
    const root = fileRoot(ctx, current, resource, definitions);
    schemas[kind.id] = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: kindTitle(kind),
      description: `A Vapi ${kind.noun} (${bodyName(resource)}), as kept in a *${kind.fileSuffix} file.`,
      'x-source': { document: input.documentName, date: current.date },
      ...root,
      definitions: reachableDefinitions(root, definitions),
    };
  }
  // The snippets are checked against the schemas they ship in, with the validators that will run. The
  // assistant first: the tool snippets of the shared definitions are checked inside an assistant.
  const compiled = compileGroup(schemas as Record<string, Schema>);
  const droppedSnippets: string[] = [];
  for (const { kind } of resources) {
    const inlineTool = kind.resource === 'assistant' ? (tool: unknown) => ({ model: { provider: 'openai', model: 'gpt-4o', tools: [tool] } }) : undefined;
    droppedSnippets.push(...dropInvalidSnippets(schemas[kind.id]!, compiled.validators[kind.id], inlineTool).map((label) => `${label} (${kind.id})`));
  }
  return {
    schemas,
    compiled,
    legacy: [...legacy.records, ...(previous?.records ?? [])],
    diff: previous?.diff,
    stats: { definitions: Object.keys(definitions).length, unions: ctx.unions.length, sharedUnions, references, templates, toolSnippets, planSnippets, droppedSnippets },
  };
}

function kindOfResource(resources: VapiResource[], resource: ResourceType): ResourceKind {
  return resources.find(({ kind }) => kind.resource === resource)!.kind;
}

function bodyName({ api, kind }: VapiResource): string {
  return api.variants.length === 1 ? api.variants[0].create : `one of the ${api.variants.length} bodies of POST ${kind.apiPath}, told apart by \`${api.discriminator}\``;
}

/**
 * A file's root: its create DTO (or, for a union, each branch's) with what a file may hold besides what
 * the API accepts: the server-managed keys GET returns, `$schema`; keys the update DTO lacks are marked
 * `x-create-only`. Copies, so that the shared definitions stay what the API accepts inline.
 */
function fileRoot(ctx: ConvertContext, current: Snapshot, resource: VapiResource, definitions: Record<string, Schema>): Schema {
  const { kind, api, union } = resource;
  const fileBranch = (variant: Variant): Schema => {
    const branch = structuredClone(definitions[variant.create]);
    for (const key of createOnly(current, variant)) if (branch.properties[key] && !branch.properties[key]['x-legacy']) branch.properties[key]['x-create-only'] = true;
    for (const key of serverManaged(current, variant)) {
      const response = current.schemas[variant.response!];
      branch.properties[key] = { ...convert(ctx, response.properties[key], { owner: variant.response!, property: key, items: false }), 'x-server-managed': true };
    }
    for (const [key, description] of Object.entries(SERVER_MANAGED_IN_PRACTICE[kind.resource] ?? {})) {
      branch.properties[key] ??= { description, 'x-server-managed': true };
    }
    branch.properties.$schema = { ...SCHEMA_PROPERTY };
    return branch;
  };
  if (!union) {
    const root = fileBranch(api.variants[0]);
    const snippets = loadSnippets(kind);
    if (snippets.length) root.defaultSnippets = snippets;
    return root;
  }
  const root = union.wrapper;
  root.properties[union.discriminator].description = `What kind of ${kind.noun} this file holds; its other keys depend on it.`;
  // Before the type is chosen, completion offers the keys the wrapper lists: the type, and `$schema`.
  root.properties.$schema = { ...SCHEMA_PROPERTY };
  root.allOf.forEach((branch: Schema, index: number) => {
    const variant = api.variants.find((candidate) => candidate.create === refName(branch.then.$ref));
    if (variant) branch.then = fileBranch(variant);
    else throw new Error(`${kind.apiPath}: branch ${index} is not one of the create DTOs`);
  });
  root.defaultSnippets = unionSnippets(definitions, union, loadSnippets(kind), kind.noun);
  return root;
}

/** The definitions a root reaches through `#/definitions/` references, in the pool's order. */
function reachableDefinitions(root: Schema, definitions: Record<string, Schema>): Record<string, Schema> {
  const seen = new Set<string>();
  const pending: unknown[] = [root];
  while (pending.length) {
    const node = pending.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    for (const [keyword, value] of Object.entries(node)) {
      if (keyword === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/')) {
        const name = value.slice('#/definitions/'.length);
        if (!seen.has(name) && definitions[name]) {
          seen.add(name);
          pending.push(definitions[name]);
        }
      } else if (keyword !== 'enum' && keyword !== 'default' && keyword !== 'examples' && keyword !== 'defaultSnippets') pending.push(value);
    }
  }
  return Object.fromEntries(Object.keys(definitions).filter((name) => seen.has(name)).map((name) => [name, definitions[name]]));
}
