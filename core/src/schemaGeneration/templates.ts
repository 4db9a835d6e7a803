// Marks the schema nodes whose strings Vapi renders as LiquidJS templates (`x-template: "liquid"`), the
// variables some of those places add (`x-template-variables`, read from the descriptions that list them),
// the places where any name may be a variable (`x-template-open`), and the places where a file declares
// variables of its own (`x-template-declares`). Runs on converted definitions, keyed by their OpenAPI
// names, so every kind generated from the same document gets the marks.
import type { Schema } from './openapi';

/**
 * Strings Vapi renders whose descriptions do not say so. Vapi's documentation of dynamic variables says
 * `variableValues` fill "the template variables in the assistant messages and other text-based fields":
 * the prompt messages, the first, voicemail and end-call messages, and the messages tools and transfers
 * speak. (`CustomMessage` is the object form of a transfer's `message`; its string form is found below.)
 */
const DOCUMENTED: Record<string, string[]> = {
  CreateAssistantDTO: ['firstMessage', 'voicemailMessage', 'endCallMessage'],
  AssistantOverrides: ['firstMessage', 'voicemailMessage', 'endCallMessage'],
  TransferAssistant: ['firstMessage'],
  OpenAIMessage: ['content'],
  ToolMessageStart: ['content'],
  ToolMessageComplete: ['content'],
  ToolMessageFailed: ['content'],
  ToolMessageDelayed: ['content'],
  TextContent: ['text'],
  CustomMessage: ['content'],
  // "This can reference existing variables, use filters, and perform transformations."
  VariableExtractionAlias: ['value'],
};

/** Where a file adds variables: the keys of `variableValues`, an alias's `key`, the properties an extraction schema names. */
const DECLARES: Record<string, Record<string, 'keys' | 'name' | 'schema'>> = {
  AssistantOverrides: { variableValues: 'keys' },
  VariableExtractionAlias: { key: 'name' },
  VariableExtractionPlan: { schema: 'schema' },
};

/**
 * Alias values read the tool's response body, whose fields are variables there (`{{customer.name}}` is the
 * response's `customer.name`): any name may be a variable, so none is reported as unknown.
 */
const OPEN_VARIABLES: Record<string, { property: string; variables: Record<string, string> }> = {
  VariableExtractionAlias: {
    property: 'value',
    variables: {
      $: "The tool's response body (`$[0]` is the first item of an array).",
      'tool.response.body': "The tool's response body.",
      'tool.response.headers': "The tool's response headers.",
    },
  },
};

/** Properties that mention Liquid because they feed templates, not because they are one. */
const NOT_TEMPLATES = new Set(['variableValues', 'variableExtractionPlan', 'aliases', 'schema', 'rejectionPlan']);
const SAYS_TEMPLATE = /\bliquid(js)?\b|template variables available|\{\{/i;

export interface TemplateMarks {
  /** `Definition.property` of each marked string (or messages array). */
  marked: string[];
  /** `Definition.property` of each node given variables of its own. */
  withVariables: string[];
}

export function markTemplates(definitions: Record<string, Schema>): TemplateMarks {
  const marks: TemplateMarks = { marked: [], withVariables: [] };
  for (const [name, definition] of Object.entries(definitions)) {
    for (const [property, node] of Object.entries((definition.properties ?? {}) as Record<string, Schema>)) {
      const declares = DECLARES[name]?.[property];
      if (declares) {
        node['x-template-declares'] = declares;
        continue;
      }
      if (!isTemplate(name, property, node, definitions)) continue;
      marks.marked.push(`${name}.${property}`);
      const open = OPEN_VARIABLES[name]?.property === property ? OPEN_VARIABLES[name] : undefined;
      if (open) node['x-template-open'] = true;
      const variables = open?.variables ?? listedVariables(node.description ?? '');
      if (Object.keys(variables).length) {
        node['x-template-variables'] = variables;
        marks.withVariables.push(`${name}.${property}`);
      }
    }
  }
  // A kind reaches only some of these definitions; one it reaches must still have the property (a rename in a newer document).
  for (const [name, properties] of Object.entries(DOCUMENTED)) {
    for (const property of properties) if (definitions[name] && !definitions[name].properties?.[property]) throw new Error(`templates: ${name} has no ${property}`);
  }
  return marks;
}

/**
 * Marks the node when it is a template: listed above, a spoken message, a string whose description says
 * Liquid or shows a `{{…}}` value, or a messages array so described (its items' `content` gets the mark).
 */
function isTemplate(name: string, property: string, node: Schema, definitions: Record<string, Schema>): boolean {
  const described = !NOT_TEMPLATES.has(property) && SAYS_TEMPLATE.test(node.description ?? '');
  // A fixed value (a union's `type: "liquid"`) is never a template.
  const fixed = node.enum !== undefined || node.const !== undefined;
  if (DOCUMENTED[name]?.includes(property) || speaksMessage(node) || (described && mayBeString(node) && !fixed)) {
    node['x-template'] = 'liquid';
    return true;
  }
  return described && node.type === 'array' && markMessageItems(node, definitions);
}

/** A spoken message given as a string or as a CustomMessage (a transfer's `message`). */
function speaksMessage(node: Schema): boolean {
  return mayBeString(node) && JSON.stringify(node.allOf ?? node.anyOf ?? []).includes('"#/definitions/CustomMessage"');
}

function mayBeString(node: Schema): boolean {
  const types = [node.type ?? []].flat();
  return types.includes('string');
}

/** The `content` of a messages array's items: a free-form item schema gets a `content` property carrying the mark. */
function markMessageItems(node: Schema, definitions: Record<string, Schema>): boolean {
  const items: Schema | undefined = node.items;
  if (!items || typeof items !== 'object') return false;
  const referenced = typeof items.$ref === 'string' ? definitions[items.$ref.slice('#/definitions/'.length)] : undefined;
  if (referenced?.properties?.content) {
    referenced.properties.content['x-template'] = 'liquid';
    return true;
  }
  if (items.type !== 'object' || items.properties) return false;
  items.properties = { content: { 'x-template': 'liquid' } };
  return true;
}

/**
 * Variables a description lists, as `- {{name}}: meaning`, `- {{ name }} - meaning`, `` - `{{a}}` or `{{b}}` to
 * reference … `` or `` - `name`: meaning ``, with their meaning. Code blocks (the @default examples) are skipped.
 */
export function listedVariables(description: string): Record<string, string> {
  const variables: Record<string, string> = {};
  const prose = description.replace(/```[\s\S]*?```/g, '');
  for (const item of prose.split(/(?:^|\n|(?<=`))\s*-\s+(?=`|\{\{)/).slice(1)) {
    const line = item.split('\n')[0];
    const braced = [...line.matchAll(/`?\{\{\s*([A-Za-z_][\w.]*)\s*\}\}`?/g)].map((match) => match[1]);
    const names = braced.length ? braced : [/^`([A-Za-z_][\w.]*)`/.exec(line)?.[1]].filter((name): name is string => !!name);
    // The meaning follows the last name after `:`, ` - ` or ` to `; `, and any …` continues the list instead.
    const mention = /`?\{\{\s*[A-Za-z_][\w.]*\s*\}\}`?|^`[A-Za-z_][\w.]*`/g;
    let rest = line;
    for (let match = mention.exec(line); match; match = mention.exec(line)) rest = line.slice(match.index + match[0].length);
    const meaning = /^\s*(?::|-|–|(?=to\s))\s*(.*)$/.exec(rest)?.[1].trim() ?? '';
    for (const name of names) variables[name] ??= meaning ? meaning.charAt(0).toUpperCase() + meaning.slice(1) : '';
  }
  return variables;
}
