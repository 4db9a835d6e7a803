// Reads the seed documents (old API reference pages saved as text): the request bodies they show and
// the top-level fields they document.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SeedDoc } from '../../core/src/schemaGeneration/legacy';

export function loadSeeds(dir: string): SeedDoc[] {
  return readdirSync(dir)
    .filter((name) => /^\d{3}_.*\.txt$/.test(name))
    .sort()
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      return { id: name.slice(0, 3), text, bodies: requestBodies(text), fields: documentedFields(text) };
    });
}

function requestBodies(text: string): unknown[] {
  const bodies: unknown[] = [];
  for (const match of text.matchAll(/--data '\s*(\{[\s\S]*?\})\s*'/g)) {
    try {
      bodies.push(JSON.parse(match[1]));
    } catch {
      // A truncated example is not a body.
    }
  }
  return bodies;
}

const TYPE_LINE = /^(string|boolean|number|object|integer|enum<string>|enum<string>\[\]|string\[\]|object\[\]|number\[\])$/;
const INLINE_TYPED_FIELD = /^([a-z][A-Za-z0-9]*?)(string|datetime|double|boolean|object|enum|list of|map from|integer|"[^"]*" or)/;

/**
 * Two page layouts appear: a field name on its own line followed by its type on the next line,
 * and (newer pages) the name glued to its type, e.g. `silenceTimeoutSecondsdoubleOptional`.
 */
function documentedFields(text: string): string[] {
  const fields = new Set<string>();
  const lines = text.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => line === 'Body' || line === 'Response');
  if (start === -1) return [];
  for (let i = start; i < lines.length - 1; i++) {
    const line = lines[i];
    if (/^[a-z][A-Za-z0-9_]*$/.test(line) && TYPE_LINE.test(lines[i + 1])) fields.add(line);
    const inline = INLINE_TYPED_FIELD.exec(line);
    if (inline) fields.add(inline[1]);
  }
  return [...fields];
}
