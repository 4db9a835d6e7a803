// Per open document and version: its assistant kind and (when a feature asks) its parse, so the
// features asked about one version share one kind detection and one parse.
import type { JSONDocument } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { detectAssistantKind, type AssistantKind } from '../../shared/src/assistantKind';
import type { KindService, LanguageServices } from './languageServices';
import { associatedKind, type Settings } from './settings';

/** The document's parse with the language service (and resolved schema) of its kind. */
export interface ParsedDocument extends KindService {
  jsonDocument: JSONDocument;
}

interface Entry {
  version: number;
  kind: AssistantKind;
  parsed?: ParsedDocument;
}

export class DocumentCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly services: LanguageServices,
    private readonly settings: () => Settings,
  ) {}

  /** The kind alone: validation needs no parse and no language service. */
  kind(document: TextDocument): AssistantKind {
    return this.entry(document).kind;
  }

  get(document: TextDocument): ParsedDocument {
    const entry = this.entry(document);
    if (!entry.parsed) {
      const kindService = this.services.get(entry.kind);
      entry.parsed = { ...kindService, jsonDocument: kindService.service.parseJSONDocument(document) };
    }
    return entry.parsed;
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
    const kind = associatedKind(this.settings(), path) ?? detectAssistantKind(path, document.getText());
    const entry = { version: document.version, kind };
    this.entries.set(document.uri, entry);
    return entry;
  }
}
