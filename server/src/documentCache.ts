// Per open document and version: its assistant kind and (when a feature asks) its parse, so the
// features asked about one version share one kind detection and one parse.
import type { JSONDocument, JSONSchema, LanguageService } from 'vscode-json-languageservice';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { detectAssistantKind, type AssistantKind } from '../../shared/src/assistantKind';
import type { LanguageServices } from './languageServices';
import { associatedKind, type Settings } from './settings';

export interface ParsedDocument {
  kind: AssistantKind;
  /** The language service configured with this kind's schema. */
  service: LanguageService;
  /** That schema, resolved. */
  resolvedSchema: PromiseLike<JSONSchema>;
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
      const { service, resolvedSchema } = this.services.get(entry.kind);
      entry.parsed = { kind: entry.kind, service, resolvedSchema, jsonDocument: service.parseJSONDocument(document) };
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
