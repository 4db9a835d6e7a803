// The bundled schema as completion and hover see it. Validation (validateAssistant) reads the schema
// itself; here the schema only guides typing. (Removed values need no narrowing: the bundled schema
// accepts them through a pattern, which completion never offers.)
import type { JSONSchema } from 'vscode-json-languageservice';

interface BundledSchemaNode {
  type?: string | string[];
  $ref?: string;
  allOf?: BundledSchemaNode[];
  if?: BundledSchemaNode;
  anyOf?: BundledSchemaNode[];
  oneOf?: BundledSchemaNode[];
  enum?: unknown[];
  definitions?: Record<string, BundledSchemaNode>;
  properties?: Record<string, BundledSchemaNode>;
  /** Keys the API returns but never accepts: kept in files, pointless to type. */
  'x-server-managed'?: boolean;
  /** A union told apart by one property (`provider`, `type`). */
  'x-union'?: { property: string };
  doNotSuggest?: boolean;
  suggestSortText?: string;
}

/**
 * A copy of `schema` where server-managed keys are not suggested, each union's telling property
 * (`provider`, `type`) sorts first since the other keys depend on it, and a property that is only a
 * reference, or a union (`backgroundSound`: a sound's name or a URL), states its (first branch's) type, so
 * its key completes with a value snippet (`"voice": {}`) rather than alone: the library reads the type from
 * the property itself.
 */
export function editingSchema(schema: object): JSONSchema {
  const copy = structuredClone(schema) as BundledSchemaNode;
  visit(copy, copy.definitions ?? {});
  return copy as JSONSchema;
}

function visit(value: unknown, definitions: Record<string, BundledSchemaNode>): void {
  if (Array.isArray(value)) {
    for (const item of value) visit(item, definitions);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as BundledSchemaNode;
  const typeOf = (schema: BundledSchemaNode | undefined): string | undefined => {
    if (typeof schema?.type === 'string') return schema.type;
    const reference = schema?.$ref ?? (schema?.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
    if (reference?.startsWith('#/definitions/')) return typeOf(definitions[reference.slice('#/definitions/'.length)]);
    return schema?.enum?.length ? typeof schema.enum[0] : undefined;
  };
  for (const property of Object.values(node.properties ?? {})) {
    if (property['x-server-managed']) property.doNotSuggest = true;
    if (property.type !== undefined) continue;
    const union = property.anyOf ?? property.oneOf;
    const type = union ? typeOf(union[0]) : property.allOf?.length === 1 ? typeOf(property) : undefined;
    if (type) property.type = type;
  }
  const union = node['x-union'];
  if (union) {
    // The library also lists the properties of each branch's `if` (they match an object without the
    // property), and keeps the first proposal of a label: the conditions need the sort text too.
    const conditions = (node.allOf ?? []).map((branch) => branch.if?.properties?.[union.property]);
    for (const discriminator of [node.properties?.[union.property], ...conditions]) {
      if (discriminator) discriminator.suggestSortText = ` ${union.property}`;
    }
  }
  for (const child of Object.values(node)) visit(child, definitions);
}
