// `defaultSnippets` (vscode-json-languageservice): whole files at a file's root, whole tools in an
// assistant's tools, plans with their typical values. Hand-written bodies are data under snippets/.
import { readFileSync } from 'node:fs';
import type { ResourceKind } from '../kinds';
import { packageFile } from '../packageFiles';
import type { UnionSite } from './convert';
import { refName, type Schema } from './openapi';

export interface Snippet {
  label: string;
  description?: string;
  body: unknown;
}

/** The hand-written snippets of a kind (`snippets/<kind id>.snippets.json`), none when it has no such file. */
export function loadSnippets(kind: ResourceKind): Snippet[] {
  const file = packageFile('snippets', `${kind.id}.snippets.json`);
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as { snippets: Snippet[] }).snippets : [];
}

/**
 * One snippet per branch of a union told apart by `type` (a tool of each type): the hand-written one for
 * that type where there is one, else a body of the branch's required fields.
 */
export function unionSnippets(definitions: Record<string, Schema>, site: UnionSite, handWritten: Snippet[], noun: string): Snippet[] {
  const values: string[] = site.wrapper.allOf.map((branch: Schema) => branch.if.properties[site.discriminator].const);
  return site.branches.flatMap((branch, i) => {
    const value = values[i];
    if (!branch || !definitions[branch]) return [];
    const written = handWritten.find((snippet) => (snippet.body as Schema)[site.discriminator] === value);
    const body = written?.body ?? { [site.discriminator]: value, ...requiredBody(definitions, definitions[branch], [site.discriminator]) };
    const description = written?.description ?? firstSentence(definitions[branch].description) ?? `A ${value} ${noun}.`;
    return [{ label: written?.label ?? `${value} ${noun}`, description, body }];
  });
}

/** Every inline tool union (`model.tools[]`) offers a tool of each type. */
export function addToolSnippets(definitions: Record<string, Schema>, unions: UnionSite[], toolSnippets: Snippet[]): number {
  let added = 0;
  for (const site of unions) {
    if (site.property !== 'tools' || !site.items || site.discriminator !== 'type') continue;
    site.wrapper.defaultSnippets = unionSnippets(definitions, site, toolSnippets, 'tool');
    added = Math.max(added, site.wrapper.defaultSnippets.length);
  }
  return added;
}

/** Plans (top-level `...Plan` objects): a snippet with the fields that have documented defaults. */
export function addPlanSnippets(root: Schema, definitions: Record<string, Schema>): number {
  let added = 0;
  for (const [property, schema] of Object.entries(root.properties as Record<string, Schema>)) {
    if (!property.endsWith('Plan') || schema['x-legacy'] || schema.deprecated || schema['x-union']) continue;
    const target = planDefinition(definitions, schema);
    if (!target?.properties) continue;
    const body = planBody(definitions, target, 0);
    if (!Object.keys(body).length) continue;
    schema.defaultSnippets = [{ label: `${property} (typical values)`, description: firstSentence(schema.description), body }];
    added++;
  }
  return added;
}

/** A plan's documented defaults or examples (primitive ones), nested plans included; else its switches off. */
function planBody(definitions: Record<string, Schema>, plan: Schema, depth: number): Schema {
  const body: Schema = {};
  const switches: Schema = {};
  for (const [key, sub] of Object.entries(plan.properties as Record<string, Schema>)) {
    if (sub['x-legacy'] || sub.deprecated) continue;
    const typical = sub.default ?? sub.examples?.[0];
    if (typical !== undefined && (typeof typical !== 'object' || Array.isArray(typical))) body[key] = typical;
    else if (sub.type === 'boolean') switches[key] = false;
    else if (depth < 1) {
      const nested = planDefinition(definitions, sub);
      if (nested?.properties) {
        const nestedBody = planBody(definitions, nested, depth + 1);
        if (Object.keys(nestedBody).length) body[key] = nestedBody;
      }
    }
  }
  return Object.keys(body).length ? body : switches;
}

function planDefinition(definitions: Record<string, Schema>, schema: Schema): Schema | undefined {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  return ref ? definitions[refName(ref)] : undefined;
}

function requiredBody(definitions: Record<string, Schema>, schema: Schema, skip: string[], depth = 0): Schema {
  const body: Schema = {};
  for (const key of schema.required ?? []) {
    if (skip.includes(key)) continue;
    body[key] = placeholder(definitions, schema.properties?.[key], depth);
  }
  return body;
}

function placeholder(definitions: Record<string, Schema>, schema: Schema | undefined, depth: number): unknown {
  const target = schema?.$ref ? definitions[refName(schema.$ref)] : schema?.allOf?.[0]?.$ref ? definitions[refName(schema.allOf[0].$ref)] : schema;
  if (!target) return '';
  if (target.default !== undefined) return target.default;
  if (Array.isArray(target.enum)) return target.enum[0];
  const type = Array.isArray(target.type) ? target.type[0] : target.type;
  if (type === 'array') return [];
  if (type === 'number' || type === 'integer') return target.minimum ?? 0;
  if (type === 'boolean') return false;
  if (type === 'object' || target.properties) return depth < 3 ? requiredBody(definitions, target, [], depth + 1) : {};
  return '';
}

function firstSentence(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}

/**
 * What an editor inserts for snippet text when the user accepts each placeholder as it is: a placeholder's
 * text, a choice's first value, nothing for a bare tab stop; `\\` escapes `$`, `}`, `\\` (and `,`, `|` in a choice).
 */
export function acceptSnippet(snippet: string): string {
  let position = 0;
  const parse = (inside: string): string => {
    let text = '';
    while (position < snippet.length) {
      const char = snippet[position];
      if (char === '\\' && position + 1 < snippet.length && /[$}\\,|]/.test(snippet[position + 1])) {
        text += snippet[position + 1];
        position += 2;
      } else if (inside.includes(char)) {
        return text;
      } else if (char === '$' && /^\$\d+/.test(snippet.slice(position))) {
        position += /^\$\d+/.exec(snippet.slice(position))![0].length;
      } else if (char === '$' && /^\$\{\d+:/.test(snippet.slice(position))) {
        position += /^\$\{\d+:/.exec(snippet.slice(position))![0].length;
        text += parse('}');
        position++; // the closing }
      } else if (char === '$' && /^\$\{\d+\|/.test(snippet.slice(position))) {
        position += /^\$\{\d+\|/.exec(snippet.slice(position))![0].length;
        text += parse(',|');
        while (snippet[position] === ',') {
          position++;
          parse(',|');
        }
        position += 2; // the closing |}
      } else {
        text += char;
        position++;
      }
    }
    return text;
  };
  return parse('');
}

/** A snippet body as inserted with every placeholder accepted (its string values may hold placeholders). */
export function acceptedBody(body: unknown): unknown {
  if (typeof body === 'string') return acceptSnippet(body);
  if (Array.isArray(body)) return body.map(acceptedBody);
  if (body && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, acceptedBody(value)]));
  return body;
}

/**
 * Drops snippets whose body would not validate (examples in the published document are not always
 * valid), so that inserting a snippet never creates an error: whole-file snippets at the root, plan
 * snippets on root properties and, with `inlineTool`, the tool snippets of the shared definitions (placed
 * where they are inserted). Returns the labels dropped.
 */
export function dropInvalidSnippets(schema: Schema, validate: (data: unknown) => boolean, inlineTool?: (tool: unknown) => unknown): string[] {
  const dropped: string[] = [];
  const keep = (snippets: Schema[], wrap: (body: unknown) => unknown): Schema[] =>
    snippets.filter((snippet) => validate(wrap(acceptedBody(snippet.body))) || (dropped.push(snippet.label), false));
  if (schema.defaultSnippets) schema.defaultSnippets = keep(schema.defaultSnippets, (body) => body);
  for (const [property, sub] of Object.entries(schema.properties as Record<string, Schema>)) {
    if (sub.defaultSnippets) sub.defaultSnippets = keep(sub.defaultSnippets, (body) => ({ [property]: body }));
  }
  if (!inlineTool) return dropped;
  for (const definition of Object.values(schema.definitions as Record<string, Schema>)) {
    if (definition['x-union']?.label !== 'tool' || !definition.defaultSnippets) continue;
    definition.defaultSnippets = keep(definition.defaultSnippets, inlineTool);
  }
  return dropped;
}
