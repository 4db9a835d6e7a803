// OpenAPI documents as the conversion reads them, and walking their component schemas. A document comes
// from a file at build time (schemas/generator) or from the vendor's live API at run time
// (core/src/liveSchemas); either way it is checked here before anything is converted.

export type Schema = { [keyword: string]: any };

export interface Snapshot {
  /** Where the document came from (file name or URL). */
  source: string;
  /** YYYY-MM-DD: from the file name, or the day a live document was first seen. */
  date: string;
  schemas: Record<string, Schema>;
  /** The document's operations, by path and method. */
  paths: Record<string, Record<string, Schema>>;
}

/** A document that is not the vendor's OpenAPI description: says what it is instead, in one sentence. */
export class NotOpenApiError extends Error {}

/**
 * The snapshot of a parsed document, or a NotOpenApiError saying why it is not one the conversion can use:
 * not JSON object, no `openapi: 3.x`, no component schemas, or no assistant body (every Vapi document has one).
 */
export function openApiSnapshot(doc: unknown, source: string, date: string): Snapshot {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new NotOpenApiError(`${source} is not an OpenAPI document: it is not a JSON object.`);
  const { openapi, components, paths } = doc as { openapi?: unknown; components?: { schemas?: unknown }; paths?: unknown };
  if (typeof openapi !== 'string' || !/^3\./.test(openapi)) {
    throw new NotOpenApiError(`${source} is not an OpenAPI document: it has no "openapi": "3.x" version field.`);
  }
  const schemas = components?.schemas;
  if (!schemas || typeof schemas !== 'object' || Array.isArray(schemas)) throw new NotOpenApiError(`${source} is an OpenAPI document without component schemas.`);
  if (!(schemas as Record<string, unknown>).CreateAssistantDTO) throw new NotOpenApiError(`${source} is an OpenAPI document, but not Vapi's: it has no CreateAssistantDTO schema.`);
  const operations = paths && typeof paths === 'object' && !Array.isArray(paths) ? (paths as Snapshot['paths']) : {};
  return { source, date, schemas: schemas as Record<string, Schema>, paths: operations };
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
