// The one place that knows the server's settings: their defaults, how raw client values are read,
// and what they decide (which schema a file gets by association).
import { parseKindName, type ResourceKind } from '../../core/src/kinds';
import type { AssistantConfigSettings } from '../../shared/src/protocol';

export interface Settings {
  validate: boolean;
  fileAssociations: { pattern: RegExp; kind: ResourceKind }[];
  maxItemsComputed: number;
  /** Template variable names that exist at call time beyond Vapi's and the file's own. */
  templateVariables: readonly string[];
}

export const defaultSettings: Settings = { validate: true, fileAssociations: [], maxItemsComputed: 5000, templateVariables: [] };

/** Reads the `assistantConfig` section as sent by a client, ignoring values of the wrong shape. */
export function readSettings(raw: unknown): Settings {
  if (typeof raw !== 'object' || raw === null) return defaultSettings;
  const section = raw as AssistantConfigSettings;
  const fileAssociations: Settings['fileAssociations'] = [];
  for (const [glob, name] of Object.entries(section.fileAssociations ?? {})) {
    const kind = parseKindName(name);
    if (kind) fileAssociations.push({ pattern: globToRegExp(glob), kind });
  }
  return {
    validate: typeof section.validate === 'boolean' ? section.validate : defaultSettings.validate,
    fileAssociations,
    maxItemsComputed:
      typeof section.maxItemsComputed === 'number' && section.maxItemsComputed > 0
        ? section.maxItemsComputed
        : defaultSettings.maxItemsComputed,
    templateVariables: Array.isArray(section.templateVariables)
      ? section.templateVariables.filter((name): name is string => typeof name === 'string' && name.trim() !== '').map((name) => name.trim())
      : defaultSettings.templateVariables,
  };
}

/** The kind a file association assigns to a document path, if any; the last matching association wins. */
export function associatedKind(settings: Settings, path: string): ResourceKind | undefined {
  let kind: ResourceKind | undefined;
  for (const association of settings.fileAssociations) if (association.pattern.test(path)) kind = association.kind;
  return kind;
}

/** `*` and `?` stay within one path segment, `**` crosses them; a pattern matches the end of the path. */
function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(?:^|/)${source}$`);
}
