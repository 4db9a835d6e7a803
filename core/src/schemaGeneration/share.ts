// Identical union wrappers (e.g. the 23-branch tool union in every model) become one shared definition,
// which keeps the schema and the compiled validator small.
import type { Schema } from './openapi';

const DOCUMENTATION = new Set(['description', 'markdownDescription']);
/** Keywords whose values are data, not schemas. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'defaultSnippets', 'x-legacy-values', 'x-legacy', 'enumDescriptions', 'required', 'x-union']);

export function shareRepeatedUnions(definitions: Record<string, Schema>): number {
  const groups = new Map<string, Schema[]>();
  const visit = (node: Schema): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    for (const [keyword, value] of Object.entries(node)) if (!DATA_KEYWORDS.has(keyword)) visit(value);
    if (node['x-union']) {
      const key = JSON.stringify(node, (k, v) => (DOCUMENTATION.has(k) ? undefined : v));
      groups.set(key, [...(groups.get(key) ?? []), node]);
    }
  };
  Object.values(definitions).forEach(visit);
  let shared = 0;
  for (const nodes of groups.values()) {
    if (nodes.length < 2) continue;
    const name = uniqueName(definitions, nodes[0]['x-union'].label);
    const { description: _d, markdownDescription: _m, ...body } = nodes[0];
    definitions[name] = structuredClone(body);
    for (const node of nodes) {
      for (const keyword of Object.keys(node)) if (!DOCUMENTATION.has(keyword)) delete node[keyword];
      node.allOf = [{ $ref: `#/definitions/${name}` }];
    }
    shared++;
  }
  return shared;
}

function uniqueName(definitions: Record<string, Schema>, label: string): string {
  const base = `${label.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, __, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, '')}Union`;
  let name = base;
  for (let n = 2; definitions[name]; n++) name = `${base}${n}`;
  return name;
}
