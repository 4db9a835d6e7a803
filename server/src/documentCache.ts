// Per open document and version: its resource kind and (when a feature asks) its parse and its template
// strings, so the features asked about one version share one kind detection, one parse and one search. A
// version whose edits stayed inside one string value reuses the last parse, shifted.
import type { JSONDocument } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { declaredKind, detectKind, namesTellingKey } from '../../core/src/kindOfFile';
import type { ResourceKind } from '../../core/src/kinds';
import { tooDeepAt } from '../../core/src/nesting';
import { fileTemplates } from '../../core/src/validation';
import { changedSpan, parseForShifting, reparsedAfterStringEdit } from './incrementalParse';
import type { KindService, LanguageServices } from './languageServices';
import { associatedKind, type Settings } from './settings';

/** The document's parse with the language service (and resolved schema) of its kind. */
export interface ParsedDocument extends KindService {
  jsonDocument: JSONDocument;
}

/** A parse and the text it was made from. */
interface Parse {
  kind: ResourceKind;
  text: string;
  jsonDocument: JSONDocument;
}

interface Entry {
  version: number;
  text: string;
  /** Undefined for a document that is not a resource file: the server leaves it alone. */
  kind?: ResourceKind;
  /** Whether the text names a key that can change the kind (found out once the version's diagnostics are out). */
  namesTellingKey?: boolean;
  /** Whether the text nests deeper than `maxNestingDepth` (checked when a feature first asks). */
  tooDeep?: boolean;
  parsed?: ParsedDocument & { text: string };
  /** The last parse of an earlier version, until this version is parsed: often it only needs shifting. */
  earlier?: Parse;
  /** Set once `earlier` was found not to shift to this version (an edit outside one string value): not tried again. */
  unshiftable?: boolean;
  templates?: ReturnType<typeof fileTemplates>;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly services: LanguageServices,
    private readonly settings: () => Settings,
  ) {}

  /**
   * The kind alone (validation needs no parse and no language service); undefined for a document that is
   * not a resource file, which no feature touches.
   */
  kind(document: TextDocument): ResourceKind | undefined {
    return this.entry(document).kind;
  }

  /** Whether a resource file nests deeper than the parser can walk (validation reports that; features skip it). */
  tooDeep(document: TextDocument): boolean {
    const entry = this.entry(document);
    if (!entry.kind) return false;
    entry.tooDeep ??= tooDeepAt(document.getText()) !== undefined;
    return entry.tooDeep;
  }

  /** The parse of a resource file; undefined for any other document, and for one too deep to walk. */
  get(document: TextDocument): ParsedDocument | undefined {
    const entry = this.entry(document);
    if (!entry.kind) return undefined;
    // A shifted parse needs no nesting check: an edit inside a string leaves the nesting as it was.
    if (!entry.parsed && !this.shiftEarlier(entry, document.getText())) {
      if (this.tooDeep(document)) return undefined;
      const kindService = this.services.get(entry.kind);
      this.settle(entry, kindService, document.getText(), parseForShifting(kindService.service, document));
    }
    return entry.parsed!;
  }

  /** The template strings with Liquid markup of a resource file, and the variables it declares; none for any other document, or one too deep to walk. */
  templates(document: TextDocument): ReturnType<typeof fileTemplates> {
    const entry = this.entry(document);
    if (!entry.kind || this.tooDeep(document)) return { templates: [], declared: [] };
    entry.templates ??= fileTemplates(document, entry.kind);
    return entry.templates;
  }

  /**
   * Readies a version for the features asked next, once its diagnostics are out (so this never delays them):
   * a document nothing of which has been parsed yet (one just opened) is parsed, and the last parse is
   * shifted to a version whose edits stayed inside one string value (a tenth of a millisecond on 20,000 lines,
   * against a whole parse's tens). A later version that needs a whole parse waits for a feature to ask:
   * parsing every version while the user types would hold up the next validation.
   */
  prepare(document: TextDocument): void {
    const entry = this.entry(document);
    entry.namesTellingKey ??= namesTellingKey(entry.text);
    if (!entry.kind || entry.parsed) return;
    if (entry.earlier) this.shiftEarlier(entry, document.getText());
    else this.get(document);
  }

  /** Brings the earlier parse up to this version's `text` if the edits since stayed inside one string value; whether it did. */
  private shiftEarlier(entry: Entry, text: string): boolean {
    const { earlier, kind } = entry;
    if (!earlier || !kind || entry.unshiftable) return false;
    const shifted = earlier.kind === kind ? reparsedAfterStringEdit(earlier.jsonDocument, earlier.text, text) : undefined;
    if (shifted) this.settle(entry, this.services.get(kind), text, shifted);
    else entry.unshiftable = true;
    return shifted !== undefined;
  }

  /** Records a version's parse: one exists only for a text that does not nest too deep. */
  private settle(entry: Entry, kindService: KindService, text: string, jsonDocument: JSONDocument): void {
    entry.parsed = { ...kindService, text, jsonDocument };
    entry.earlier = undefined;
    entry.tooDeep = false;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Settings changed: kinds may differ now. */
  clear(): void {
    this.entries.clear();
  }

  private entry(document: TextDocument): Entry {
    const cached = this.entries.get(document.uri);
    if (cached?.version === document.version) return cached;
    const text = document.getText();
    const earlier = cached?.parsed && cached.kind ? { kind: cached.kind, text: cached.parsed.text, jsonDocument: cached.parsed.jsonDocument } : cached?.earlier;
    // Searching a long text for the telling keys takes a millisecond: when the last version named none, only
    // the text around the edit can name one now.
    if (cached?.namesTellingKey === false) {
      const { start, end } = changedSpan(cached.text, text);
      if (!namesTellingKey(text, start, end)) {
        const entry: Entry = { version: document.version, text, kind: cached.kind, namesTellingKey: false, earlier };
        this.entries.set(document.uri, entry);
        return entry;
      }
    }
    const path = URI.parse(document.uri).path;
    const kind = associatedKind(this.settings(), path) ?? kindOfDocument(path, document);
    const entry: Entry = { version: document.version, text, kind, earlier };
    this.entries.set(document.uri, entry);
    return entry;
  }
}

/** The language VS Code gives resource files; a document of it is one, whatever its name (an untitled one). */
const resourceLanguage = 'assistant-json';

/**
 * Other editors hand the server every JSON document (package.json too): only those whose name or
 * `$schema` declares a kind are resource files, unless the editor's language already says so.
 */
function kindOfDocument(path: string, document: TextDocument): ResourceKind | undefined {
  const text = document.getText();
  return document.languageId === resourceLanguage ? detectKind(path, text) : declaredKind(path, text);
}
