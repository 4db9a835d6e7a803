// Per open document and version: its resource kind and (when a feature asks) its parse, so the
// features asked about one version share one kind detection and one parse. A version whose edits stayed
// inside one string value reuses the last parse, shifted.
import type { JSONDocument } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { detectKind } from '../../core/src/kindOfFile';
import type { ResourceKind } from '../../core/src/kinds';
import { reparsedAfterStringEdit } from './incrementalParse';
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
  kind: ResourceKind;
  parsed?: ParsedDocument & { text: string };
  /** The last parse of an earlier version, until this version is parsed: often it only needs shifting. */
  earlier?: Parse;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly services: LanguageServices,
    private readonly settings: () => Settings,
  ) {}

  /** The kind alone: validation needs no parse and no language service. */
  kind(document: TextDocument): ResourceKind {
    return this.entry(document).kind;
  }

  get(document: TextDocument): ParsedDocument {
    const entry = this.entry(document);
    if (!entry.parsed) {
      const kindService = this.services.get(entry.kind);
      const text = document.getText();
      const { earlier } = entry;
      const shifted = earlier?.kind === entry.kind ? reparsedAfterStringEdit(earlier.jsonDocument, earlier.text, text) : undefined;
      entry.parsed = { ...kindService, text, jsonDocument: shifted ?? kindService.service.parseJSONDocument(document) };
      entry.earlier = undefined;
    }
    return entry.parsed;
  }

  /**
   * Parses a document nothing of which has been parsed yet (one just opened), once its diagnostics are
   * out: features asked for next find it parsed, and later edits inside a string value only shift that
   * parse. Later versions are parsed when a feature asks, so typing never waits for a parse.
   */
  parseIfNew(document: TextDocument): void {
    const entry = this.entry(document);
    if (!entry.parsed && !entry.earlier) this.get(document);
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
    const path = URI.parse(document.uri).path;
    const kind = associatedKind(this.settings(), path) ?? detectKind(path, document.getText());
    const earlier = cached?.parsed ? { kind: cached.kind, text: cached.parsed.text, jsonDocument: cached.parsed.jsonDocument } : cached?.earlier;
    const entry = { version: document.version, kind, earlier };
    this.entries.set(document.uri, entry);
    return entry;
  }
}
