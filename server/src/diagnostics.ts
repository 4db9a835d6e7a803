// Pushes validateFile's diagnostics and the file references' (for a Markdown prompt, its template checks). A
// change is validated as soon as the edits already on their way have been read (leading edge), so a lone
// keystroke is answered in the time validation takes; an edit arriving while a validation still waits starts
// a burst, validated once after a quiet period. A result computed for a version the editor has moved past is dropped, and
// closing a document cancels its pending run and clears its problems.
import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResourceKind } from '../../core/src/kinds';
import { byPosition, validateFile, type QuickFix } from '../../core/src/validation';
import type { DocumentCache } from './documentCache';
import { isPromptDocument, promptContext, promptProblems } from './prompts';
import { mayHoldFileReference } from '../../core/src/references';
import { referenceProblems, type FileToCreate } from './referenceProblems';
import type { Settings } from './settings';
import type { WorkspaceIndex } from './workspaceIndex';

/** Quiet period that ends a burst of edits, unless the client asks for another (initializationOptions.burstQuietMs). */
const defaultBurstQuietMs = 200;

/** What the server adds to each diagnostic's `data`: the version its fixes' edits were computed for. */
export interface PublishedDiagnosticData {
  fixes?: QuickFix[];
  /** A missing file a reference names, which a quick fix creates. */
  createFile?: FileToCreate;
  version: number;
}

export class DiagnosticsPublisher {
  /** Per uri: cancels its scheduled validation. */
  private readonly pending = new Map<string, () => void>();
  /** Documents this publisher has sent diagnostics for (so that a document that stops being a resource file is cleared). */
  private readonly published = new Set<string>();
  burstQuietMs = defaultBurstQuietMs;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly index: WorkspaceIndex,
    private readonly settings: () => Promise<Settings>,
    /** Runs once a document's diagnostics are out, for work that must not delay them. */
    private readonly afterPublish: (document: TextDocument) => void,
  ) {}

  /**
   * Schedules validation of the document's current version, replacing any pending one: at once (after
   * the input already queued has been read, since it makes this version stale), or after a quiet
   * period when a validation was still waiting (a burst of edits).
   */
  schedule(document: TextDocument): void {
    const { uri, version } = document;
    const inBurst = this.pending.has(uri);
    this.cancel(uri);
    const run = () => {
      this.pending.delete(uri);
      void this.validate(uri, version).catch((error) => this.connection.console.error(`Validating ${uri} failed: ${String(error)}`));
    };
    if (inBurst) {
      const timer = setTimeout(() => {
        const immediate = setImmediate(run);
        this.pending.set(uri, () => clearImmediate(immediate));
      }, this.burstQuietMs);
      this.pending.set(uri, () => clearTimeout(timer));
      return;
    }
    // Two turns of the event loop, not a timer (a zero timer waits a whole millisecond): input already on its
    // way is read in between, and vscode-jsonrpc dispatches each message it holds on a turn of its own, so an
    // edit right behind this one is seen (and starts a burst) before this version is checked.
    let immediate = setImmediate(() => {
      immediate = setImmediate(run);
    });
    this.pending.set(uri, () => clearImmediate(immediate));
  }

  /**
   * Loads a kind's schema and runs its validator once, so the first document opened does not pay for
   * that; called when the client has finished initializing, before it opens anything.
   */
  prepare(kind: ResourceKind): void {
    validateFile('{}', kind);
  }

  cancel(uri: string): void {
    this.pending.get(uri)?.();
    this.pending.delete(uri);
  }

  /** The document closed: forget it and clear what the editor shows for it. */
  clear(uri: string): void {
    this.cancel(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private async validate(uri: string, version: number): Promise<void> {
    const settings = await this.settings();
    const document = this.documents.get(uri);
    if (!document || document.version !== version) return;
    let diagnostics: Diagnostic[];
    try {
      const kind = isPromptDocument(document) ? undefined : this.cache.kind(document);
      if (!kind && !isPromptDocument(document)) {
        // Not a resource file (package.json in an editor that sends every JSON file): nothing to say, and
        // whatever was said while it was one (its `$schema` just removed) is taken back.
        if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, version, diagnostics: [] });
        return;
      }
      diagnostics = settings.validate ? this.problems(document, settings, kind) : [];
    } catch (error) {
      // Whatever went wrong, the problems shown must not be those of an older version.
      this.connection.console.error(`Validating ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      diagnostics = [checkFailed(error)];
    }
    for (const diagnostic of diagnostics) {
      const data: PublishedDiagnosticData = { ...(diagnostic.data as object | undefined), version };
      diagnostic.data = data;
    }
    this.published.add(uri);
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
    setImmediate(() => {
      try {
        this.afterPublish(document);
      } catch (error) {
        this.connection.console.error(`Preparing ${uri} failed: ${error instanceof Error ? error.stack : String(error)}`);
      }
    });
  }

  /** A prompt's template problems, or a resource file's (of `kind`). */
  private problems(document: TextDocument, settings: Settings, kind: ResourceKind | undefined): Diagnostic[] {
    if (!kind) return promptProblems(document, settings, promptContext(document, this.documents, this.cache));
    // The open document: its line offsets, kept up to date as it is edited, place the ranges. Its first check
    // takes the text, whose lines are found only as far as the ranges reach; the document's own line offsets
    // are made once those diagnostics are out (afterPublish).
    const checked = this.published.has(document.uri) ? document : document.getText();
    const problems = validateFile(checked, kind, { templateVariables: settings.templateVariables });
    const file = mayHoldFileReference(document.getText()) ? this.index.openFile(document) : undefined;
    return file ? byPosition([...problems, ...referenceProblems(file, (filePath) => this.index.isFile(filePath))]) : problems;
  }
}

/** Shown instead of a file's problems when checking it failed: stale problems would mislead. */
function checkFailed(error: unknown): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 1,
    source: 'assistant-config',
    code: 'internal',
    message: `Assistant Config could not check this file (${error instanceof Error ? error.message : String(error)}). Its problems are not shown; the log has details.`,
  };
}
