// Which kind a file is, from its name and text. Shared by the language server, the CLI and sync.
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { resourceKinds, type ResourceKind } from './kinds';

/** The keys that can change the kind, as they appear in the text (escaped spellings are not recognised). */
const tellingKeyTexts = ['"$schema"', ...resourceKinds.flatMap((kind) => (kind.tellingKeys ?? []).map((key) => `"${key}"`))];
const longestTellingKeyText = Math.max(...tellingKeyTexts.map((key) => key.length));

/**
 * Whether the text names a key that can change the kind (`$schema`, a key only one kind has), in whole or
 * in part within [from, to): a file that names none has the kind its name gives, so an editor that knows the
 * last version named none need only look around what an edit changed.
 */
export function namesTellingKey(text: string, from = 0, to = text.length): boolean {
  const around = from === 0 && to === text.length ? text : text.slice(Math.max(0, from - longestTellingKeyText + 1), to + longestTellingKeyText - 1);
  return tellingKeyTexts.some((key) => around.includes(key));
}

/** Whether a file's name (`lookup.tool.json`) is a resource file's: one of the kinds' suffixes, after a name. */
export function isResourceFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return resourceKinds.some((kind) => lower.endsWith(kind.fileSuffix) && lower.length > kind.fileSuffix.length);
}

/**
 * In order: a vendor in the name (`support.insighto.assistant.json`); a `$schema` naming a bundled schema;
 * the name's suffix, where several kinds share it a key only one of them has, else the first of them;
 * a file whose name says nothing is a Vapi assistant. For a file the caller knows to be a resource file
 * (one the user named on the command line, or pushes); see declaredKind for any other file.
 */
export function detectKind(fileName: string, text: string): ResourceKind {
  return kindOfFile(fileName, text, true)!;
}

/**
 * The kind a file's name or `$schema` declares, as detectKind reads them; undefined for a file that says
 * neither (`package.json`, `tsconfig.json`): editors hand the language server every JSON file, and those
 * are not the server's to check.
 */
export function declaredKind(fileName: string, text: string): ResourceKind | undefined {
  return kindOfFile(fileName, text, false);
}

/**
 * The last answer: a command asks about the same file several times (the CLI, then the push, then its plan), and
 * each search of a 55 MB text for the telling keys takes a fifth of a second. The answer depends on its inputs only.
 */
let last: { fileName: string; text: string; isResourceFile: boolean; kind: ResourceKind | undefined } | undefined;

function kindOfFile(fileName: string, text: string, isResourceFile: boolean): ResourceKind | undefined {
  // The same string is found equal at once; another text of the same length is compared, far faster than searched.
  if (last && last.fileName === fileName && last.isResourceFile === isResourceFile && last.text === text) return last.kind;
  const kind = findKind(fileName, text, isResourceFile);
  last = { fileName, text, isResourceFile, kind };
  return kind;
}

function findKind(fileName: string, text: string, isResourceFile: boolean): ResourceKind | undefined {
  const name = fileName.toLowerCase();
  const vendorNamed = resourceKinds.find((kind) => name.endsWith(`.${kind.vendor}${kind.fileSuffix}`));
  if (vendorNamed) return vendorNamed;
  const bySuffix = resourceKinds.filter((kind) => name.endsWith(kind.fileSuffix));
  const candidates = bySuffix.length ? bySuffix : isResourceFile ? resourceKinds.filter((kind) => kind.resource === 'assistant') : [];

  // Runs on every version of every open file: most files name none of the telling keys, and a substring
  // search is a fraction of a millisecond where reading the top level of a large file takes several.
  if (!namesTellingKey(text)) return candidates[0];

  const { schemaFile, keys } = topLevelFacts(text);
  const bySchema = schemaFile === undefined ? undefined : resourceKinds.find((kind) => schemaFile.endsWith(kind.schemaFile));
  return bySchema ?? candidates.find((kind) => kind.tellingKeys?.some((key) => keys.has(key))) ?? candidates[0];
}

/**
 * The top-level `$schema` value and keys, from the tokens alone: nested objects and arrays are skipped by
 * counting brackets, never descended into, so no nesting depth can exhaust the stack (jsonc-parser's `visit`
 * recursion could, and took the language server down with it).
 */
function topLevelFacts(text: string): { schemaFile?: string; keys: Set<string> } {
  let schemaFile: string | undefined;
  const keys = new Set<string>();
  const scanner = createScanner(text, true);
  let depth = 0;
  /** Inside the top-level object: what comes next. */
  let expecting: 'key' | 'colon' | 'value' | 'comma' = 'key';
  let key: string | undefined;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) {
      if (depth === 0 && token === SyntaxKind.OpenBracketToken) return { keys };
      if (depth === 1) expecting = 'comma';
      depth++;
      continue;
    }
    if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) {
      if (--depth <= 0) break;
      continue;
    }
    if (depth !== 1) continue;
    if (token === SyntaxKind.CommaToken) expecting = 'key';
    else if (token === SyntaxKind.ColonToken && expecting === 'colon') expecting = 'value';
    else if (expecting === 'key' && token === SyntaxKind.StringLiteral) {
      key = scanner.getTokenValue();
      keys.add(key);
      expecting = 'colon';
    } else if (expecting === 'value') {
      if (key === '$schema' && token === SyntaxKind.StringLiteral) schemaFile = scanner.getTokenValue();
      expecting = 'comma';
    }
  }
  return { schemaFile, keys };
}
