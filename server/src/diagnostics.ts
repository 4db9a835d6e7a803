// Pushes validateAssistant's diagnostics. Validation runs per document after a quiet period, so a burst
// of keystrokes costs one validation; a result computed for a version the editor has moved past is
// dropped, and closing a document cancels its pending run and clears its problems.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentCache } from './documentCache';
import type { Settings } from './settings';
import { validateAssistant, type AssistantKind, type QuickFix } from './validation';

/** Quiet period after an edit before validating. */
export const validationDelayMs = 200;

/** What the server adds to each diagnostic's `data`: the version its fixes' edits were computed for. */
export interface PublishedDiagnosticData {
  fixes?: QuickFix[];
  version: number;
}

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, NodeJS.Timeout>();
  /** Documents validated at least once since they were opened. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly settings: () => Promise<Settings>,
    /** Runs once a document's diagnostics are out, for work that must not delay them. */
    private readonly afterPublish: (document: TextDocument) => void,
  ) {}

  /**
   * Schedules validation of the document's current version, replacing any pending one. A newly opened
   * document is validated at once; edits wait for a quiet period.
   */
  schedule(document: TextDocument): void {
    const delayMs = this.seen.has(document.uri) ? validationDelayMs : 0;
    this.seen.add(document.uri);
    this.cancel(document.uri);
    const { uri, version } = document;
    this.pending.set(
      uri,
      setTimeout(() => {
        this.pending.delete(uri);
        // Let edits that are already queued arrive first: they make this run stale.
        setImmediate(() => void this.validate(uri, version));
      }, delayMs),
    );
  }

  /**
   * Loads a kind's schema and runs its validator once, so the first document opened does not pay for
   * that; called when the client has finished initializing, before it opens anything.
   */
  prepare(kind: AssistantKind): void {
    validateAssistant('{}', kind);
  }

  cancel(uri: string): void {
    clearTimeout(this.pending.get(uri));
    this.pending.delete(uri);
  }

  /** The document closed: forget it and clear what the editor shows for it. */
  clear(uri: string): void {
    this.cancel(uri);
    this.seen.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async validate(uri: string, version: number): Promise<void> {
    const settings = await this.settings();
    const document = this.documents.get(uri);
    if (!document || document.version !== version) return;
    const kind = this.cache.kind(document);
    let diagnostics: Diagnostic[];
    try {
      diagnostics = settings.validate ? validateAssistant(document.getText(), kind) : [];
    } catch (error) {
      this.connection.console.error(`Validating ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      return;
    }
    for (const diagnostic of diagnostics) {
      const data: PublishedDiagnosticData = { ...(diagnostic.data as object | undefined), version };
      diagnostic.data = data;
    }
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    setImmediate(() => this.afterPublish(document));
  }
}
