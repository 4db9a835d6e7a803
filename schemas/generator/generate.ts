// Generates the bundled schemas: one per Vapi resource kind (schemas/vapi-<resource>.schema.json) from a Vapi
// OpenAPI snapshot, with the older snapshots and the seeds for legacy fields; and
// schemas/insighto-assistant.schema.json (from seed 003). The conversion itself is the product's
// (core/src/schemaGeneration), which also converts the live document at run time.
//
//   npm run generate-schemas -- [snapshot-path] [--snapshots DIR] [--seeds DIR] [--report FILE] [--out DIR]
// --out writes schemas/ under DIR instead of the project (for a trial run). To use a newer live document
// without a release, users run "Update Schemas from Live API" (or `assistant-config schemas update`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve as resolvePath } from 'node:path';
import { kindById, resourceKinds } from '../../core/src/kinds';
import { compileGroup } from '../../core/src/schemaGeneration/compile';
import type { LegacyRecord } from '../../core/src/schemaGeneration/legacy';
import { dropInvalidSnippets, loadSnippets } from '../../core/src/schemaGeneration/snippets';
import { generateVapiSchemas } from '../../core/src/schemaGeneration/vapi';
import { insightoSchema } from './insighto';
import { loadSeeds } from './seeds';
import { loadSnapshot, olderSnapshots } from './snapshots';

const PROJECT = resolvePath(__dirname, '../..');
const SHARED = resolvePath(PROJECT, '../shared');

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

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const current = await loadSnapshot(options.source);
  const older = await olderSnapshots(options.snapshots, current);
  const seeds = loadSeeds(options.seeds);
  const generated = generateVapiSchemas({ current, documentName: basename(current.source), history: { older, seeds } });
  const { stats } = generated;

  mkdirSync(join(options.out, 'schemas'), { recursive: true });
  const summary: string[] = [];
  for (const kind of resourceKinds) {
    const schema = generated.schemas[kind.id];
    if (!schema) continue;
    const path = join(options.out, 'schemas', kind.schemaFile);
    writeFileSync(path, JSON.stringify(schema, null, 1) + '\n');
    summary.push(`${basename(path)}: ${Object.keys(schema.definitions).length} definitions, ${readFileSync(path).length} bytes`);
  }
  const insighto = insightoSchema(seeds.find((seed) => seed.id === '003')!.text, '003');
  const insightoSnippets = loadSnippets(kindById('insighto-assistant'));
  if (insightoSnippets.length) insighto.defaultSnippets = insightoSnippets;
  const insightoValidator = compileGroup({ 'insighto-assistant': insighto }).validators['insighto-assistant'];
  stats.droppedSnippets.push(...dropInvalidSnippets(insighto, insightoValidator).map((label) => `${label} (insighto-assistant)`));
  const insightoPath = join(options.out, 'schemas/insighto-assistant.schema.json');
  writeFileSync(insightoPath, JSON.stringify(insighto, null, 2) + '\n');

  const report = legacyReport(generated.legacy);
  if (options.report) writeFileSync(options.report, report);
  console.log(
    `Vapi ${current.date}: ${stats.definitions} definitions, ${stats.unions} discriminated unions (${stats.sharedUnions} shared), ` +
      `${generated.legacy.length} legacy fields/values, ${stats.references} reference fields, ` +
      `${stats.toolSnippets} tool snippets, ${stats.planSnippets} plan snippets; ajv compile ${generated.compiled.compileMs.toFixed(0)} ms`,
  );
  console.log(`Liquid templates: ${stats.templates.marked.length} fields (${stats.templates.marked.join(', ')}); their own variables: ${stats.templates.withVariables.join(', ')}`);
  for (const line of summary) console.log(line);
  console.log(`${basename(insightoPath)}: ${Object.keys(insighto.properties).length} properties`);
  if (stats.droppedSnippets.length) console.log(`snippets dropped (their bodies would not validate): ${stats.droppedSnippets.join(', ')}`);
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

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? `${error.message}${error.cause ? ` (${error.cause})` : ''}` : error);
    process.exit(1);
  });
}
