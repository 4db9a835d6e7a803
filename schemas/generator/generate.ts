// Generates the bundled schemas: one per Vapi resource kind (schemas/vapi-<resource>.schema.json) from a Vapi
// OpenAPI document, plus the older snapshots and the seeds for legacy fields; and
// schemas/insighto-assistant.schema.json (from seed 003). The Vapi kinds share one set of definitions,
// converted once: a squad's inline assistant is the same CreateAssistantDTO as an assistant file's.
//
//   npm run generate-schemas -- [snapshot-path-or-https-url] [--snapshots DIR] [--seeds DIR] [--report FILE] [--out DIR]
// --out writes schemas/ under DIR instead of the project (for a trial run).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve as resolvePath } from 'node:path';
import { kindTitle, resourceKinds, type ResourceKind, type ResourceType } from '../../core/src/kinds';
import { convert, convertNamed, type ConvertContext, type UnionSite } from './convert';
import { createOnly, endpoints, serverManaged, type Endpoints, type Variant } from './endpoints';
import { insightoSchema } from './insighto';
import { encodeLegacyValues, LegacyCollector, type LegacyRecord } from './legacy';
import { loadSnapshot, reachable, refName, type Schema, type Snapshot } from './openapi';
import { markReferences } from './references';
import { loadSeeds } from './seeds';
import { shareRepeatedUnions } from './share';
import { addPlanSnippets, addToolSnippets, dropInvalidSnippets, loadSnippets, unionSnippets } from './snippets';
import { compileSchema } from './standalone';
import { markTemplates } from './templates';

const PROJECT = resolvePath(__dirname, '../..');
const SHARED = resolvePath(PROJECT, '../shared');
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

interface Options {
  source: string;
  snapshots: string;
  seeds: string;
  report?: string;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    source: join(SHARED, 'vapi-openapi/openapi-2026-08-18.json'),
    snapshots: join(SHARED, 'vapi-openapi'),
    seeds: join(SHARED, 'seeds'),
    out: PROJECT,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--snapshots') options.snapshots = argv[++i];
    else if (arg === '--seeds') options.seeds = argv[++i];
    else if (arg === '--report') options.report = argv[++i];
    else if (arg === '--out') options.out = argv[++i];
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else options.source = arg;
  }
  return options;
}

async function olderSnapshots(dir: string, current: Snapshot): Promise<Snapshot[]> {
  const files = readdirSync(dir).filter((name) => /^openapi-\d{4}-\d{2}-\d{2}\.json$/.test(name)).sort();
  const older: Snapshot[] = [];
  for (const file of files) {
    if (file.slice(8, 18) < current.date) older.push(await loadSnapshot(join(dir, file)));
  }
  return older;
}

interface VapiResource {
  kind: ResourceKind;
  api: Endpoints;
  /** The converted union of a body told apart by a field (a tool's `type`), before its branches become file roots. */
  union?: UnionSite;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const current = await loadSnapshot(options.source);
  const older = await olderSnapshots(options.snapshots, current);
  const seeds = loadSeeds(options.seeds);

  const resources: VapiResource[] = resourceKinds
    .filter((kind) => kind.vendor === 'vapi')
    .map((kind) => {
      const api = endpoints(current, kind.apiPath);
      if (!api) throw new Error(`${current.source} has no POST ${kind.apiPath}`);
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

  const legacy = new LegacyCollector(definitions, current, older, ctx.unions);
  legacy.compareSnapshots();
  // The seeds document assistants only.
  const assistant = resources.find(({ kind }) => kind.resource === 'assistant')!.api.variants[0];
  const assistantResponseKeys = new Set([...serverManaged(current, assistant), ...Object.keys(SERVER_MANAGED_IN_PRACTICE.assistant ?? {})]);
  legacy.compareSeeds(seeds.filter((seed) => seed.id !== '003'), assistantResponseKeys);
  Object.values(definitions).forEach(encodeLegacyValues);
  for (const { union } of resources) if (union) encodeLegacyValues(union.wrapper);
  const toolSnippets = addToolSnippets(definitions, ctx.unions, loadSnippets(kindOfResource(resources, 'tool')));
  // On the definition, so an inline assistant (a squad member's) offers them too.
  const planSnippets = addPlanSnippets(definitions[assistant.create], definitions);
  const sharedUnions = shareRepeatedUnions(definitions);

  mkdirSync(join(options.out, 'schemas'), { recursive: true });
  const summary: string[] = [];
  const dropped: string[] = [];
  // The assistant first: the tool snippets of the shared definitions are checked inside an assistant.
  for (const resource of resources) {
    const { kind } = resource;
    const root = fileRoot(ctx, current, resource, definitions);
    const schema: Schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: kindTitle(kind),
      description: `A Vapi ${kind.noun} (${bodyName(resource)}), as kept in a *${kind.fileSuffix} file.`,
      'x-source': { document: /^https:/.test(current.source) ? current.source : basename(current.source), date: current.date },
      ...root,
      definitions: reachableDefinitions(root, definitions),
    };
    // The snippets are checked against the schema they ship in; the build compiles the validators it bundles.
    const validate = compileSchema(schema);
    const inlineTool = kind.resource === 'assistant' ? (tool: unknown) => ({ model: { provider: 'openai', model: 'gpt-4o', tools: [tool] } }) : undefined;
    dropped.push(...dropInvalidSnippets(schema, validate, inlineTool).map((label) => `${label} (${kind.id})`));
    const path = join(options.out, 'schemas', kind.schemaFile);
    writeFileSync(path, JSON.stringify(schema, null, 1) + '\n');
    summary.push(`${basename(path)}: ${Object.keys(schema.definitions).length} definitions, ${readFileSync(path).length} bytes`);
  }
  const insighto = insightoSchema(seeds.find((seed) => seed.id === '003')!.text, '003');
  const insightoPath = join(options.out, 'schemas/insighto-assistant.schema.json');
  writeFileSync(insightoPath, JSON.stringify(insighto, null, 2) + '\n');

  const report = legacyReport(legacy.records);
  if (options.report) writeFileSync(options.report, report);
  console.log(
    `Vapi ${current.date}: ${Object.keys(definitions).length} definitions, ${ctx.unions.length} discriminated unions (${sharedUnions} shared), ` +
      `${legacy.records.length} legacy fields/values, ${references} reference fields, ${toolSnippets} tool snippets, ${planSnippets} plan snippets`,
  );
  console.log(`Liquid templates: ${templates.marked.length} fields (${templates.marked.join(', ')}); their own variables: ${templates.withVariables.join(', ')}`);
  for (const line of summary) console.log(line);
  console.log(`${basename(insightoPath)}: ${Object.keys(insighto.properties).length} properties`);
  if (dropped.length) console.log(`snippets dropped (their bodies would not validate): ${dropped.join(', ')}`);
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

/** Markdown table of the legacy fields and values, one row per field or value (listing where it occurs). */
function legacyReport(records: LegacyRecord[]): string {
  const rows = new Map<string, { definitions: string[]; record: LegacyRecord }>();
  for (const record of records) {
    const { property, value, info } = record;
    const key = JSON.stringify([property, value, info.removedAfter, info.firstMissing, info.movedTo]);
    const row = rows.get(key) ?? { definitions: [], record };
    row.definitions.push(record.definition);
    rows.set(key, row);
  }
  const lines = [...rows.values()].map(({ definitions, record: { property, value, info } }) => {
    const what = value === undefined ? `\`${property}\`` : `\`${property || '(value)'}\` = \`"${value}"\``;
    const where = definitions.length > 3 ? `${definitions.slice(0, 3).join(', ')} and ${definitions.length - 3} more` : definitions.join(', ');
    const last = info.removedAfter === 'seed' ? `seed era (seeds ${info.seeds?.join(', ')})` : info.removedAfter;
    return `| ${what} | ${where} | ${last} | ${info.firstMissing} | ${info.movedTo ?? ''} |`;
  });
  const header = ['| field or value | in (definition) | last in | first missing | moved to |', '|---|---|---|---|---|'];
  return [...header, ...lines.sort()].join('\n') + '\n';
}

main().catch((error) => {
  console.error(error instanceof Error ? `${error.message}${error.cause ? ` (${error.cause})` : ""}` : error);
  process.exit(1);
});
