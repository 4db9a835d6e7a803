// Marks the fields that hold another resource's id (`x-reference: { target }`), read from the OpenAPI
// document rather than listed by hand: a string (or string array) property whose name ends in `Id`/`Ids`
// after the resource's name (`toolIds`, `declineToolId`, `structuredOutputIds`) and whose description
// names that resource. core/src/references.ts reads the marks; the server and the sync engine use that.
import { resourceKinds, type ResourceType } from '../kinds';
import type { Schema } from './openapi';

/** Each resource the product has a kind for, by the words of its name: `structured-output` → `structured output`. */
const targets = [...new Set(resourceKinds.map((kind) => kind.resource))].map((resource) => ({ resource, words: resource.split('-') }));

function words(camel: string): string[] {
  return camel.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(' ');
}

/** The resource a property's name and description say it refers to, if any. */
export function referenceTarget(property: string, schema: Schema): ResourceType | undefined {
  const match = /^(.+?)(Id|Ids)$/.exec(property);
  if (!match || schema['x-legacy']) return undefined;
  const stem = words(match[1]);
  const description = String(schema.description ?? '').toLowerCase();
  const target = targets.find(({ words: name }) => stem.slice(-name.length).join(' ') === name.join(' ') && description.includes(name.join(' ')));
  return target?.resource;
}

function isString(schema: Schema | undefined): boolean {
  return schema?.type === 'string' || (Array.isArray(schema?.type) && schema.type.includes('string'));
}

/**
 * Marks every reference field under the given schemas and returns how many it marked. A field of ids in
 * UUID form loses its `format` (a file reference is not a UUID); the mark keeps it as `idFormat`.
 */
export function markReferences(schemas: Schema[]): number {
  let marked = 0;
  const mark = (node: Schema, target: ResourceType) => {
    const reference: Schema = { target };
    if (node.format) {
      reference.idFormat = node.format;
      delete node.format;
    }
    node['x-reference'] = reference;
    marked++;
  };
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    const schema = node as Schema;
    for (const [property, sub] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
      const target = referenceTarget(property, sub);
      if (target && property.endsWith('Ids') && isString(sub.items)) mark(sub.items, target);
      else if (target && property.endsWith('Id') && isString(sub)) mark(sub, target);
    }
    for (const [keyword, value] of Object.entries(schema)) if (keyword !== 'enum' && keyword !== 'default' && keyword !== 'examples') visit(value);
  };
  schemas.forEach(visit);
  return marked;
}
