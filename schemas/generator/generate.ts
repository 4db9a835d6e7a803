// Generates schemas/vapi-assistant.schema.json (from a Vapi OpenAPI document, plus the older snapshots
// and the seeds for legacy fields) and schemas/insighto-assistant.schema.json (from seed 003).
//
//   npm run generate-schemas -- [snapshot-path-or-https-url] [--snapshots DIR] [--seeds DIR] [--report FILE] [--out DIR]
// --out writes schemas/ under DIR instead of the project (for a trial run).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { convert, convertNamed, type ConvertContext } from './convert';
import { insightoSchema } from './insighto';
import { encodeLegacyValues, LegacyCollector, type LegacyRecord } from './legacy';
import { loadSnapshot, reachable, type Schema, type Snapshot } from './openapi';
import { loadSeeds } from './seeds';
import { shareRepeatedUnions } from './share';
import { addPlanSnippets, addToolSnippets, dropInvalidSnippets } from './snippets';
import { compileStandalone } from './standalone';
import { markTemplates } from './templates';

const PROJECT = resolvePath(__dirname, '../..');
const SHARED = resolvePath(PROJECT, '../shared');
const CREATE = 'CreateAssistantDTO';
/** GET-only keys seen in practice that the spec's Assistant schema does not list. */
const SERVER_MANAGED_IN_PRACTICE: Record<string, string> = {
  isServerUrlSecretSet: 'Whether a server URL secret is set. Returned by GET.',
  analyticsMetadata: 'Analytics data kept by Vapi. Returned by GET.',
  isDeleted: 'Whether the assistant was deleted. Returned by GET.',
  workflowIds: 'Workflows that use this assistant. Returned by GET.',
};

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

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const current = await loadSnapshot(options.source);
  const older = await olderSnapshots(options.snapshots, current);
  const seeds = loadSeeds(options.seeds);

  const create = current.schemas[CREATE];
  const assistant = current.schemas.Assistant ?? { properties: {} };
  const getOnly = Object.keys(assistant.properties).filter((key) => !create.properties[key]);
  const names = reachable(current.schemas, [create, ...getOnly.map((key) => assistant.properties[key])]);
  names.add(CREATE);

  const ctx: ConvertContext = { schemas: current.schemas, unions: [] };
  const definitions: Record<string, Schema> = {};
  for (const name of [...names].sort()) definitions[name] = convertNamed(ctx, name);

  const root = definitions[CREATE];
  for (const key of getOnly) {
    root.properties[key] = { ...convert(ctx, assistant.properties[key], { owner: 'Assistant', property: key, items: false }), 'x-server-managed': true };
  }
  for (const [key, description] of Object.entries(SERVER_MANAGED_IN_PRACTICE)) {
    root.properties[key] ??= { description, 'x-server-managed': true };
  }
  root.properties.$schema = { type: 'string', description: 'The JSON schema this file follows (local only; never pushed).', 'x-local': true };

  const templates = markTemplates(definitions);
  const legacy = new LegacyCollector(definitions, current, older, ctx.unions);
  legacy.compareSnapshots();
  legacy.compareSeeds(seeds.filter((seed) => seed.id !== '003'));
  encodeLegacyValues(root);
  Object.values(definitions).forEach(encodeLegacyValues);
  const toolSnippets = addToolSnippets(definitions, ctx.unions);
  const planSnippets = addPlanSnippets(root, definitions);

  const sharedUnions = shareRepeatedUnions(definitions, root);
  delete definitions[CREATE];
  const referencesRoot = JSON.stringify(definitions).includes(`"#/definitions/${CREATE}"`);
  const vapi: Schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Vapi assistant',
    description: 'A Vapi assistant (CreateAssistantDTO), as kept in a *.assistant.json file.',
    'x-source': { document: /^https:/.test(current.source) ? current.source : basename(current.source), date: current.date },
    ...root,
    definitions: referencesRoot ? { ...definitions, [CREATE]: root } : definitions,
  };
  const insighto = insightoSchema(seeds.find((seed) => seed.id === '003')!.text, '003');

  const vapiPath = join(options.out, 'schemas/vapi-assistant.schema.json');
  const insightoPath = join(options.out, 'schemas/insighto-assistant.schema.json');
  mkdirSync(dirname(vapiPath), { recursive: true });
  // The snippets are checked against the schema they ship in; the build compiles the validators it bundles.
  const droppedSnippets = dropInvalidSnippets(vapi, compileStandalone(vapi).validate);
  writeFileSync(vapiPath, JSON.stringify(vapi, null, 1) + '\n');
  writeFileSync(insightoPath, JSON.stringify(insighto, null, 2) + '\n');

  const report = legacyReport(legacy.records);
  if (options.report) writeFileSync(options.report, report);
  console.log(
    `${basename(vapiPath)}: source ${current.date}, ${Object.keys(vapi.definitions).length} definitions, ` +
      `${ctx.unions.length} discriminated unions (${sharedUnions} shared), ${legacy.records.length} legacy fields/values, ` +
      `${toolSnippets} tool snippets, ${planSnippets} plan snippets, ${readFileSync(vapiPath).length} bytes`,
  );
  console.log(`Liquid templates: ${templates.marked.length} fields (${templates.marked.join(', ')}); their own variables: ${templates.withVariables.join(', ')}`);
  console.log(`${basename(insightoPath)}: ${Object.keys(insighto.properties).length} properties`);
  if (droppedSnippets.length) console.log(`snippets dropped (their bodies would not validate): ${droppedSnippets.join(', ')}`);
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
