// A small LSP client for protocol tests: starts `node dist/server.js --stdio` (run `npm run build`
// first), speaks LSP over its stdio and offers one call per feature. Texts passed to the
// cursor-taking calls mark the cursor with `|`, like vscode-json-languageservice's own tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  CodeActionRequest,
  CompletionRequest,
  ConfigurationRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  ReferencesRequest,
  RegistrationRequest,
  SelectionRangeRequest,
  ShutdownRequest,
  WillRenameFilesRequest,
  type ClientCapabilities,
  type CodeAction,
  type Command,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type FileEvent,
  type FoldingRange,
  type FormattingOptions,
  type Hover,
  type InitializeResult,
  type Location,
  type LocationLink,
  type Position,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type Registration,
  type SelectionRange,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';

export const projectRoot = path.resolve(__dirname, '..', '..');
export const serverPath = path.join(projectRoot, 'dist', 'server.js');

/** Splits a text with one `|` cursor marker into the text without it and the cursor position. */
export function cursor(textWithCursor: string, marker = '|'): { text: string; offset: number; position: Position } {
  const offset = textWithCursor.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor marker ${marker} in the text`);
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + marker.length);
  return { text, offset, position: TextDocument.create('file:///x', 'json', 0, text).positionAt(offset) };
}

/** The text a range covers. */
export function textAt(text: string, range: Range): string {
  const doc = TextDocument.create('file:///x', 'json', 0, text);
  return text.slice(doc.offsetAt(range.start), doc.offsetAt(range.end));
}

function positionAt(text: string, offset: number): Position {
  return TextDocument.create('file:///x', 'json', 0, text).positionAt(offset);
}

/** The offset of a position in a text. */
export function offsetAt(text: string, position: Position): number {
  return TextDocument.create('file:///x', 'json', 0, text).offsetAt(position);
}

/** The range of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" occurs fewer than ${occurrence + 1} times`);
  }
  const doc = TextDocument.create('file:///x', 'json', 0, text);
  return { start: doc.positionAt(offset), end: doc.positionAt(offset + needle.length) };
}

/** A diagnostic's message as text (LSP 3.18 allows markup). */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'json', 0, text), edits);
}

/** Hover contents as one markdown/plain string ('' when there is no hover). */
function hoverContents(hover: Hover | null): string {
  if (!hover) return '';
  const parts = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return parts.map((p) => (typeof p === 'string' ? p : p.value)).join('\n\n');
}

export interface OpenDocument {
  uri: string;
  version: number;
  text: string;
}

export interface StartOptions {
  /**
   * Answer for `workspace/configuration` requests on the `assistantConfig` section. Without it the
   * client does not offer workspace/configuration, and settings reach the server only by notification.
   */
  settings?: Record<string, unknown>;
  /** The server's initializationOptions. */
  initializationOptions?: Record<string, unknown>;
  /** The workspace folder the client opens (a path), as VS Code sends it; none by default. */
  workspaceFolder?: string;
  /** Client capabilities beyond the default ones, merged in at the top level of `workspace` and `textDocument`. */
  capabilities?: ClientCapabilities;
}

type DiagnosticsWaiter = { minVersion: number; resolve: (p: PublishDiagnosticsParams) => void };

export class LspClient {
  /** Every publishDiagnostics received, per uri, in arrival order. */
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters = new Map<string, DiagnosticsWaiter[]>();
  /** What the server answered to initialize (its capabilities). */
  initializeResult: InitializeResult | undefined;
  private documentCount = 0;
  /** What the client answers for the `assistantConfig` section. */
  private settings: Record<string, unknown> | undefined;
  private stderr = '';
  private readonly publishListeners: ((params: PublishDiagnosticsParams) => void)[] = [];
  /** What the server registered dynamically (client/registerCapability). */
  readonly registrations: Registration[] = [];

  private constructor(
    private readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      for (const listener of this.publishListeners) listener(params);
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      const waiting = this.waiters.get(params.uri) ?? [];
      const stillWaiting = waiting.filter((w) => {
        if ((params.version ?? Number.MAX_SAFE_INTEGER) < w.minVersion) return true;
        w.resolve(params);
        return false;
      });
      this.waiters.set(params.uri, stillWaiting);
    });
  }

  /** Calls `listener` with every publishDiagnostics as it arrives (the connection takes one handler per method). */
  onPublish(listener: (params: PublishDiagnosticsParams) => void): void {
    this.publishListeners.push(listener);
  }

  /** The server's process id (to read its memory). */
  get pid(): number {
    return this.process.pid!;
  }

  /** Whether the server process has ended. */
  get exited(): boolean {
    return this.process.exitCode !== null || this.process.signalCode !== null;
  }

  /** What the server wrote to stderr so far. */
  get stderrText(): string {
    return this.stderr;
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!existsSync(serverPath)) throw new Error(`${serverPath} is missing: run \`npm run build\` first`);
    const child = spawn(process.execPath, [serverPath, '--stdio'], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(child.stdout!, child.stdin!);
    const client = new LspClient(child, connection);
    client.settings = options.settings;
    // A server that dies would otherwise leave every pending request hanging.
    const died = new Promise<never>((_resolve, reject) =>
      child.once('exit', (code) => reject(new Error(`language server exited with ${code}\n${client.stderr}`))),
    );
    died.catch(() => undefined);
    connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section === 'assistantConfig' ? (client.settings ?? {}) : null)),
    );
    connection.onRequest(RegistrationRequest.type, (params) => {
      client.registrations.push(...params.registrations);
    });
    connection.listen();
    const folderUri = options.workspaceFolder === undefined ? null : URI.file(options.workspaceFolder).toString();
    const initialized = connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folderUri,
      workspaceFolders: folderUri === null ? null : [{ uri: folderUri, name: path.basename(options.workspaceFolder!) }],
      initializationOptions: options.initializationOptions,
      capabilities: {
        workspace: { configuration: options.settings !== undefined, ...options.capabilities?.workspace },
        textDocument: {
          ...options.capabilities?.textDocument,
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          codeAction: {
            codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
            isPreferredSupport: true,
          },
          foldingRange: { lineFoldingOnly: false },
        },
      },
    });
    client.initializeResult = await Promise.race([initialized, died]);
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  async open(text: string, fileName = 'test.assistant.json', languageId = 'assistant-json'): Promise<OpenDocument> {
    this.documentCount++;
    const uri = `file:///workspace/doc${this.documentCount}/${fileName}`;
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId, version: 1, text },
    });
    return { uri, version: 1, text };
  }

  /** Opens a file of the disk under its own `file:` uri, with its text as the disk has it. */
  async openFile(filePath: string, languageId = filePath.endsWith('.md') ? 'markdown' : 'assistant-json'): Promise<OpenDocument> {
    const uri = URI.file(filePath).toString();
    const text = readFileSync(filePath, 'utf8');
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    return { uri, version: 1, text };
  }

  /** Replaces the whole text; returns the new version. */
  async change(doc: OpenDocument, text: string): Promise<number> {
    doc.version++;
    doc.text = text;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, version: doc.version },
      contentChanges: [{ text }],
    });
    return doc.version;
  }

  /** Replaces `length` characters at `offset` the way editors send edits (an incremental range change). */
  async edit(doc: OpenDocument, offset: number, length: number, newText: string): Promise<number> {
    const range = { start: positionAt(doc.text, offset), end: positionAt(doc.text, offset + length) };
    doc.version++;
    doc.text = doc.text.slice(0, offset) + newText + doc.text.slice(offset + length);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: doc.uri, version: doc.version },
      contentChanges: [{ range, text: newText }],
    });
    return doc.version;
  }

  /**
   * Changes the settings and tells the server, as an editor does: a server that pulls
   * (the client was started with settings) asks again; otherwise it reads them from the notification.
   */
  async updateSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { assistantConfig: settings } });
  }

  async close(doc: OpenDocument): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: doc.uri } });
  }

  /** The next publishDiagnostics for the document whose version is at least `minVersion` (default: its current version). */
  waitForDiagnostics(doc: OpenDocument, minVersion = doc.version, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no diagnostics for ${doc.uri} v${minVersion} within ${timeoutMs} ms\n${this.stderr}`)),
        timeoutMs,
      );
      const list = this.waiters.get(doc.uri) ?? [];
      list.push({
        minVersion,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
      this.waiters.set(doc.uri, list);
    });
  }

  /** Opens a document and returns its first diagnostics. */
  async diagnose(text: string, fileName?: string): Promise<{ doc: OpenDocument; diagnostics: Diagnostic[] }> {
    const doc = await this.open(text, fileName);
    const published = this.waitForDiagnostics(doc);
    return { doc, diagnostics: (await published).diagnostics };
  }

  private async openAtCursor(textWithCursor: string, fileName?: string) {
    const { text, position } = cursor(textWithCursor);
    return { doc: await this.open(text, fileName), position };
  }

  async completion(textWithCursor: string, fileName?: string): Promise<CompletionItem[]> {
    const { doc, position } = await this.openAtCursor(textWithCursor, fileName);
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: doc.uri }, position });
    return result === null ? [] : Array.isArray(result) ? result : result.items;
  }

  async hover(textWithCursor: string, fileName?: string): Promise<Hover | null> {
    const { doc, position } = await this.openAtCursor(textWithCursor, fileName);
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position });
  }

  /** Hover contents as one markdown/plain string ('' when there is no hover). */
  async hoverText(textWithCursor: string, fileName?: string): Promise<string> {
    return hoverContents(await this.hover(textWithCursor, fileName));
  }

  /** Code actions for each given diagnostic of an open document, asked at the diagnostic's range. */
  async codeActions(doc: OpenDocument, diagnostics: Diagnostic[], range = diagnostics[0]?.range): Promise<CodeAction[]> {
    if (!range) throw new Error('codeActions needs a range or at least one diagnostic');
    const result = await this.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: doc.uri },
      range,
      context: { diagnostics, only: undefined },
    });
    // A bare Command has a string `command`; code actions carry edits.
    return (result ?? []).filter((a: Command | CodeAction): a is CodeAction => typeof a.command !== 'string');
  }

  async definition(doc: OpenDocument, position: Position): Promise<Location | Location[] | LocationLink[] | null> {
    return this.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: doc.uri }, position });
  }

  async references(doc: OpenDocument, position: Position, includeDeclaration = true): Promise<Location[]> {
    return (await this.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: doc.uri }, position, context: { includeDeclaration } })) ?? [];
  }

  /** Completion at a position of an open document. */
  async completionAt(doc: OpenDocument, position: Position): Promise<CompletionItem[]> {
    const result = await this.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: doc.uri }, position });
    return result === null ? [] : Array.isArray(result) ? result : result.items;
  }

  /** Hover contents at a position of an open document, as one string ('' when there is no hover). */
  async hoverTextAt(doc: OpenDocument, position: Position): Promise<string> {
    return hoverContents(await this.connection.sendRequest(HoverRequest.type, { textDocument: { uri: doc.uri }, position }));
  }

  /** What the server would change before files (or folders) move from each `from` to its `to` (paths). */
  async willRenameFiles(moves: { from: string; to: string }[]): Promise<WorkspaceEdit | null> {
    const files = moves.map(({ from, to }) => ({ oldUri: URI.file(from).toString(), newUri: URI.file(to).toString() }));
    return this.connection.sendRequest(WillRenameFilesRequest.type, { files });
  }

  /** Tells the server files changed on disk, as a client watching them does. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  async documentSymbols(text: string, fileName?: string): Promise<DocumentSymbol[] | SymbolInformation[]> {
    const doc = await this.open(text, fileName);
    return (await this.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: doc.uri } })) ?? [];
  }

  async foldingRanges(text: string, fileName?: string): Promise<FoldingRange[]> {
    const doc = await this.open(text, fileName);
    return (await this.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: doc.uri } })) ?? [];
  }

  async selectionRanges(textWithCursor: string, fileName?: string): Promise<SelectionRange[]> {
    const { doc, position } = await this.openAtCursor(textWithCursor, fileName);
    return (
      (await this.connection.sendRequest(SelectionRangeRequest.type, { textDocument: { uri: doc.uri }, positions: [position] })) ?? []
    );
  }

  /** Formats the whole document, or only `range`, and returns the resulting text. */
  async format(text: string, options: FormattingOptions = { tabSize: 2, insertSpaces: true }, range?: Range): Promise<string> {
    const doc = await this.open(text);
    const edits = range
      ? await this.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri: doc.uri }, range, options })
      : await this.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: doc.uri }, options });
    return applyEdits(text, edits ?? []);
  }

  /** Sends any request (for custom messages from shared/src/protocol.ts). */
  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params);
  }

  /** shutdown + exit, then waits for the process to end. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.process.exitCode !== null) resolve(this.process.exitCode);
      else this.process.once('exit', (code) => resolve(code));
    });
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
