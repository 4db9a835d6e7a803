// Hover: title and description from the schema, then the facts a user needs while editing a value
// (type, default, allowed range or length, allowed values, pattern, server-managed, deprecation), which
// vscode-json-languageservice's own hover leaves out.
import type { ASTNode, JSONSchema } from 'vscode-json-languageservice';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';
import { matchingSchemas } from './focusedMatching';

/** Enum lists longer than this are cut, with a count of the rest. */
const maxListedValues = 40;

export async function hover(parsed: ParsedDocument, document: TextDocument, position: Position): Promise<Hover | null> {
  const offset = document.offsetAt(position);
  const hovered = parsed.jsonDocument.getNodeFromOffset(offset);
  if (!hovered || hovered.type === 'object' || hovered.type === 'array') return null;
  // On a key, describe the property's value, as the schema describes values.
  const property = hovered.parent?.type === 'property' ? hovered.parent : undefined;
  const isKey = property?.keyNode === hovered;
  const described = isKey ? property?.valueNode : hovered;
  if (!described) return null;

  // Matches only along the path to the offset; the public getMatchingSchemas walks the whole document.
  const matches = matchingSchemas(parsed.jsonDocument, await parsed.resolvedSchema, described.offset);
  const schemas = matches.filter((m) => m.node === described && !m.inverted).map((m) => m.schema);
  const markdown = describe(schemas, isKey ? undefined : described);
  if (!markdown) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: { start: document.positionAt(hovered.offset), end: document.positionAt(hovered.offset + hovered.length) },
  };
}

interface SchemaWithExtras extends JSONSchema {
  'x-server-managed'?: boolean;
}

function describe(schemas: SchemaWithExtras[], value: ASTNode | undefined): string {
  const first = <K extends keyof SchemaWithExtras>(key: K) => schemas.find((s) => s[key] !== undefined)?.[key];
  const lines: string[] = [];
  const title = first('title');
  if (title) lines.push(`**${title}**`);
  // The generated schemas' descriptions are the vendor's own prose, which already uses markdown.
  const description = first('markdownDescription') ?? first('description');
  if (description) lines.push(description);

  const facts: string[] = [];
  const type = typeText(schemas);
  if (type) facts.push(`Type: \`${type}\``);
  const defaultValue = first('default');
  if (defaultValue !== undefined) facts.push(`Default: \`${JSON.stringify(defaultValue)}\``);
  const range = rangeText(schemas);
  if (range) facts.push(range);
  const allowed = enumValues(schemas);
  if (allowed.length > 1) facts.push(`Allowed values: ${listValues(allowed)}`);
  if (value?.type === 'string' && allowed.length > 1) {
    const enumDescription = enumValueDescription(schemas, value.value);
    if (enumDescription) facts.push(`\`${value.value}\`: ${enumDescription}`);
  }
  const pattern = first('pattern');
  if (pattern) facts.push(`Pattern: \`${pattern}\``);
  if (schemas.some((s) => s['x-server-managed'])) facts.push('Server-managed: kept in the file, never sent on push.');
  const deprecation = first('deprecationMessage');
  // Legacy fields already open their description with the same sentence.
  if (deprecation && !description?.includes(deprecation)) facts.push(`**Deprecated:** ${deprecation}`);
  if (facts.length > 0) lines.push(facts.map((f) => `- ${f}`).join('\n'));
  return lines.join('\n\n');
}

function typeText(schemas: JSONSchema[]): string {
  const types = new Set<string>();
  for (const s of schemas) {
    if (Array.isArray(s.type)) s.type.forEach((t) => types.add(t));
    else if (s.type) types.add(s.type);
  }
  if (types.size === 0) return '';
  const items = schemas.find((s) => s.items && typeof s.items === 'object' && !Array.isArray(s.items))?.items as JSONSchema | undefined;
  return [...types].map((t) => (t === 'array' && items?.type ? `${[items.type].flat().join(' | ')}[]` : t)).join(' | ');
}

function rangeText(schemas: JSONSchema[]): string {
  const first = <K extends keyof JSONSchema>(key: K) => schemas.find((s) => typeof s[key] === 'number')?.[key] as number | undefined;
  const parts: string[] = [];
  const minimum = first('minimum');
  const exclusiveMinimum = first('exclusiveMinimum');
  const maximum = first('maximum');
  const exclusiveMaximum = first('exclusiveMaximum');
  if (minimum !== undefined) parts.push(`≥ ${minimum}`);
  if (exclusiveMinimum !== undefined) parts.push(`> ${exclusiveMinimum}`);
  if (maximum !== undefined) parts.push(`≤ ${maximum}`);
  if (exclusiveMaximum !== undefined) parts.push(`< ${exclusiveMaximum}`);
  if (parts.length > 0) return `Range: ${parts.join(' and ')}`;
  const minLength = first('minLength');
  const maxLength = first('maxLength');
  if (minLength !== undefined || maxLength !== undefined) return `Length: ${boundsText(minLength, maxLength)} characters`;
  const minItems = first('minItems');
  const maxItems = first('maxItems');
  if (minItems !== undefined || maxItems !== undefined) return `Items: ${boundsText(minItems, maxItems)}`;
  return '';
}

function boundsText(min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return `${min} to ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

function enumValues(schemas: JSONSchema[]): unknown[] {
  const values: unknown[] = [];
  for (const s of schemas) for (const v of s.enum ?? []) if (!values.includes(v)) values.push(v);
  return values;
}

function enumValueDescription(schemas: JSONSchema[], value: string): string | undefined {
  for (const s of schemas) {
    const index = s.enum?.indexOf(value) ?? -1;
    const text = index >= 0 ? (s.markdownEnumDescriptions?.[index] ?? s.enumDescriptions?.[index]) : undefined;
    if (text) return text;
  }
  return undefined;
}

function listValues(values: unknown[]): string {
  const shown = values.slice(0, maxListedValues).map((v) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``);
  const rest = values.length - shown.length;
  return shown.join(', ') + (rest > 0 ? `, … and ${rest} more` : '');
}
