// Loading OpenAPI documents and walking their component schemas.
import { readFile } from 'node:fs/promises';

export type Schema = { [keyword: string]: any };

export interface Snapshot {
  /** Where the document came from (file name or URL). */
  source: string;
  /** YYYY-MM-DD: from the file name, or today for a live URL. */
  date: string;
  schemas: Record<string, Schema>;
  /** The document's operations, by path and method. */
  paths: Record<string, Record<string, Schema>>;
}

const DATE_IN_NAME = /(\d{4}-\d{2}-\d{2})/;

export async function loadSnapshot(pathOrUrl: string): Promise<Snapshot> {
  let text: string;
  let date: string;
  if (/^https:\/\//.test(pathOrUrl)) {
    const response = await fetch(pathOrUrl);
    if (!response.ok) throw new Error(`GET ${pathOrUrl} failed: ${response.status}`);
    text = await response.text();
    date = new Date().toISOString().slice(0, 10);
  } else {
    text = await readFile(pathOrUrl, 'utf8');
    date = DATE_IN_NAME.exec(pathOrUrl)?.[1] ?? new Date().toISOString().slice(0, 10);
  }
  const doc = JSON.parse(text);
  const schemas = doc?.components?.schemas;
  if (!schemas?.CreateAssistantDTO) throw new Error(`${pathOrUrl} has no components.schemas.CreateAssistantDTO`);
  return { source: pathOrUrl, date, schemas, paths: doc.paths ?? {} };
}

export function refName(ref: string): string {
  return ref.slice(ref.lastIndexOf('/') + 1);
}

/** Follows a bare `$ref` (or a one-element allOf around one) to the named schema. */
export function resolve(schemas: Record<string, Schema>, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current && hops < 10; hops++) {
    if (typeof current.$ref === 'string') current = schemas[refName(current.$ref)];
    else if (Array.isArray(current.allOf) && current.allOf.length === 1 && !current.properties) current = current.allOf[0];
    else return current;
  }
  return current;
}

/** Calls `visit` on every sub-schema (not on example or default values). */
export function forEachSubschema(schema: Schema, visit: (sub: Schema) => void): void {
  if (!schema || typeof schema !== 'object') return;
  visit(schema);
  if (schema.properties) for (const sub of Object.values(schema.properties)) forEachSubschema(sub as Schema, visit);
  if (schema.items && typeof schema.items === 'object') forEachSubschema(schema.items, visit);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') forEachSubschema(schema.additionalProperties, visit);
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[key])) for (const sub of schema[key]) forEachSubschema(sub, visit);
  if (schema.not) forEachSubschema(schema.not, visit);
}

/** Names of the component schemas reachable from the given roots. */
export function reachable(schemas: Record<string, Schema>, roots: Schema[]): Set<string> {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length) {
    forEachSubschema(pending.pop()!, (sub) => {
      if (typeof sub.$ref !== 'string') return;
      const name = refName(sub.$ref);
      if (seen.has(name) || !schemas[name]) return;
      seen.add(name);
      pending.push(schemas[name]);
    });
  }
  return seen;
}
