// Which vendor's assistant schema applies to a file. Shared by the language server, the CLI and sync.
import { visit } from 'jsonc-parser';
import type { AssistantKind } from '../../server/src/validation';

export type { AssistantKind };

/** The vendor's name as the user reads it. */
export const vendorNames: Record<AssistantKind, string> = { vapi: 'Vapi', insighto: 'Insighto' };

/** Whether a value read from settings or flags names a kind (a vendor). */
export function isAssistantKind(value: unknown): value is AssistantKind {
  return value === 'vapi' || value === 'insighto';
}

const insightoTopLevelKeys = new Set(['assistant_type', 'llm_model']);
/** The keys that can change the kind, as they appear in the text (escaped spellings are not recognised). */
const tellingKeys = ['"$schema"', ...[...insightoTopLevelKeys].map((key) => `"${key}"`)];

/**
 * `*.insighto.assistant.json` / `*.vapi.assistant.json` decide by name; otherwise a `$schema` naming one
 * of the bundled schemas; otherwise Insighto-only top-level keys; otherwise Vapi.
 */
export function detectAssistantKind(fileName: string, text: string): AssistantKind {
  const lowerName = fileName.toLowerCase();
  if (lowerName.endsWith('.insighto.assistant.json')) return 'insighto';
  if (lowerName.endsWith('.vapi.assistant.json')) return 'vapi';

  // Runs on every version of every open file: most files name none of the telling keys, and a substring
  // search is a fraction of a millisecond where reading the top level of a large file takes several.
  if (!tellingKeys.some((key) => text.includes(key))) return 'vapi';

  let schemaKind: AssistantKind | undefined;
  let hasInsightoKey = false;
  // Only top-level properties matter, so nested objects and arrays are skipped unread.
  visit(text, {
    onObjectBegin: (_offset, _length, _line, _character, pathSupplier) => pathSupplier().length === 0,
    onArrayBegin: () => false,
    onObjectProperty: (property) => {
      if (insightoTopLevelKeys.has(property)) hasInsightoKey = true;
    },
    onLiteralValue: (value, _offset, _length, _line, _character, pathSupplier) => {
      const path = pathSupplier();
      if (path.length !== 1 || path[0] !== '$schema' || typeof value !== 'string') return;
      if (value.endsWith('insighto-assistant.schema.json')) schemaKind = 'insighto';
      else if (value.endsWith('vapi-assistant.schema.json')) schemaKind = 'vapi';
    },
  });
  return schemaKind ?? (hasInsightoKey ? 'insighto' : 'vapi');
}
