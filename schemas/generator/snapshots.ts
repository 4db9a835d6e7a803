// The dated snapshots of Vapi's OpenAPI document under ../shared/vapi-openapi/: openapi-YYYY-MM-DD.json.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { openApiSnapshot, type Snapshot } from '../../core/src/schemaGeneration/openapi';

const DATE_IN_NAME = /(\d{4}-\d{2}-\d{2})/;

/** A snapshot file; its date is the one in its name. */
export async function loadSnapshot(path: string): Promise<Snapshot> {
  const date = DATE_IN_NAME.exec(basename(path))?.[1];
  if (!date) throw new Error(`${path}: a snapshot's file name carries its date (openapi-YYYY-MM-DD.json)`);
  return openApiSnapshot(JSON.parse(await readFile(path, 'utf8')), path, date);
}

/** The snapshots in `dir` older than `current`, oldest first. */
export async function olderSnapshots(dir: string, current: Snapshot): Promise<Snapshot[]> {
  const files = readdirSync(dir).filter((name) => /^openapi-\d{4}-\d{2}-\d{2}\.json$/.test(name)).sort();
  const older: Snapshot[] = [];
  for (const file of files) {
    if (file.slice(8, 18) < current.date) older.push(await loadSnapshot(join(dir, file)));
  }
  return older;
}
