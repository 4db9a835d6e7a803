// A resource's DTOs as its API paths name them: what POST accepts (create), what GET returns (response) and
// what PATCH accepts (update), each one named schema or a union of them told apart by a one-value field.
import { oneValue } from './convert';
import { refName, resolve, type Schema, type Snapshot } from './openapi';

/** One create DTO with the response and update DTOs of the same variant. */
export interface Variant {
  create: string;
  response?: string;
  update?: string;
  /** The discriminator's value, for a union (a tool's `type`). */
  tag?: string;
}

export interface Endpoints {
  /** POST's body schema as the document has it (a `$ref`, or a `oneOf` of them). */
  createSchema: Schema;
  /** The discriminator of a union body, e.g. `type`. */
  discriminator?: string;
  variants: Variant[];
}

function jsonBody(operation: Schema | undefined): Schema | undefined {
  return operation?.requestBody?.content?.['application/json']?.schema;
}

function okBody(operation: Schema | undefined): Schema | undefined {
  const responses = operation?.responses ?? {};
  return responses['200']?.content?.['application/json']?.schema ?? responses['201']?.content?.['application/json']?.schema;
}

/** Named schemas of a body: the one `$ref`, or each `$ref` of its `oneOf`/`anyOf`. */
function names(schema: Schema | undefined): string[] {
  if (!schema) return [];
  if (typeof schema.$ref === 'string') return [refName(schema.$ref)];
  const variants: Schema[] = schema.oneOf ?? schema.anyOf ?? [];
  return variants.filter((variant) => typeof variant.$ref === 'string').map((variant) => refName(variant.$ref));
}

/** The endpoints of the collection at `apiPath` (`/tool`), or undefined when the document has no POST there. */
export function endpoints(snapshot: Snapshot, apiPath: string): Endpoints | undefined {
  const createSchema = jsonBody(snapshot.paths[apiPath]?.post);
  const creates = names(createSchema);
  if (!createSchema || !creates.length) return undefined;
  const one = snapshot.paths[`${apiPath}/{id}`] ?? {};
  const responses = names(okBody(one.get));
  const updates = names(jsonBody(one.patch));
  const discriminator = creates.length > 1 ? (createSchema.discriminator?.propertyName as string | undefined) ?? 'type' : undefined;
  const tagOf = (name: string) => (discriminator ? oneValue(snapshot.schemas, resolve(snapshot.schemas, snapshot.schemas[name])?.properties?.[discriminator]) : undefined);
  const byTag = (candidates: string[], tag: string | undefined) =>
    discriminator ? candidates.find((name) => tagOf(name) === tag) : candidates[0];
  const variants = creates.map((create) => {
    const tag = tagOf(create);
    // Older documents' update DTOs lack the discriminator: they are matched by name (CreateXDTO → UpdateXDTO).
    const update = updates.find((name) => name === create.replace(/^Create/, 'Update')) ?? byTag(updates, tag);
    return { create, tag, response: byTag(responses, tag), update };
  });
  return { createSchema, discriminator, variants };
}

/** Response keys a variant's create DTO lacks: the server sets them. */
export function serverManaged(snapshot: Snapshot, variant: Variant): string[] {
  const create = snapshot.schemas[variant.create].properties ?? {};
  return Object.keys(snapshot.schemas[variant.response ?? '']?.properties ?? {}).filter((key) => !create[key]);
}

/** Create keys the update DTO lacks: sent on create, never in a PATCH. */
export function createOnly(snapshot: Snapshot, variant: Variant): string[] {
  const update = snapshot.schemas[variant.update ?? '']?.properties;
  if (!update) return [];
  return Object.keys(snapshot.schemas[variant.create].properties ?? {}).filter((key) => !update[key]);
}
