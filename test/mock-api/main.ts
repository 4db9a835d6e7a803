// Runs the mock APIs standalone for demos and integration tests:
//   node --import tsx test/mock-api/main.ts --port 8787 --seed examples [--vapi-key K] [--insighto-key K]
// Seeds each resource file of the folder (*.assistant.json, *.tool.json, …) into the collection its kind
// names, then prints one JSON line {"vapiUrl": …, "insightoUrl": …, "seeded": [{"file", "kind", "id"}]}
// and serves until SIGINT/SIGTERM.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { detectKind } from '../../core/src/kindOfFile';
import { pushableKeys } from '../../core/src/validation';
import { resourceKinds } from '../../core/src/kinds';
import { startMockApi, storeOf } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    seed: { type: 'string' },
    'vapi-key': { type: 'string' },
    'insighto-key': { type: 'string' },
  },
});

async function main(): Promise<void> {
const api = await startMockApi({ port: Number(values.port), vapiKey: values['vapi-key'], insightoKey: values['insighto-key'] });
const seeded: Array<{ file: string; kind: string; id: string }> = [];
if (values.seed) {
  for (const file of readdirSync(values.seed).filter((name) => resourceKinds.some((kind) => name.endsWith(kind.fileSuffix))).sort()) {
    const text = readFileSync(path.join(values.seed, file), 'utf8');
    const kind = detectKind(file, text);
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue; // examples may show broken files on purpose
    }
    // Keep only what the API would accept, as if it had been created through it.
    const accepted = pushableKeys(kind);
    const kept = Object.fromEntries(Object.entries(fields).filter(([key]) => accepted.has(key)));
    seeded.push({ file, kind: kind.id, id: storeOf(api.stores, kind).create(kept).id });
  }
}
process.stdout.write(JSON.stringify({ vapiUrl: api.vapiUrl, insightoUrl: api.insightoUrl, seeded }) + '\n');
const stop = () => void api.stop().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
}

void main();
