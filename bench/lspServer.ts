// One language server under measurement: a child process spoken to over LSP on stdio, with the few
// operations the bench times (open, edit, diagnostics, completion, hover) and its memory figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  CancellationTokenSource,
  CompletionRequest,
  ConfigurationRequest,
  createProtocolConnection,
  DiagnosticRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  DocumentDiagnosticReportKind,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgressCreateRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Hover,
  type Position,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export interface ServerSpec {
  /** Short name used in the table. */
  name: string;
  /** node arguments (script path and flags); the server is always run by this node binary. */
  args: string[];
  languageId: string;
  /** 'push': wait for textDocument/publishDiagnostics; 'pull': ask textDocument/diagnostic (VS Code's way for the JSON server). */
  diagnostics: 'push' | 'pull';
  initializationOptions?: unknown;
  /** Sent as workspace/didChangeConfiguration after `initialized`, and returned to workspace/configuration. */
  settings?: Record<string, unknown>;
}

interface OpenDocument {
  uri: string;
  text: string;
  version: number;
}

export class LspServer {
  readonly pid: number;
  private readonly connection: ProtocolConnection;
  /** Per uri: the document version whose diagnostics are awaited, and who waits. */
  private readonly waiters = new Map<string, { version: number; resolve: (diagnostics: Diagnostic[]) => void }>();
  private readonly documents = new Map<string, OpenDocument>();
  private stderr = '';
  private onStderr?: (text: string) => void;

  private constructor(readonly spec: ServerSpec, private readonly child: ChildProcess) {
    this.pid = child.pid!;
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
      this.onStderr?.(this.stderr);
    });
    this.connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const waiter = this.waiters.get(params.uri);
      // Diagnostics a server labels with an older version are late results of an earlier edit.
      if (!waiter || (params.version !== undefined && params.version < waiter.version)) return;
      this.waiters.delete(params.uri);
      waiter.resolve(params.diagnostics);
    });
    // Answer every request a server may send while starting, as an editor would.
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => (item.section ? this.spec.settings?.[item.section] ?? null : this.spec.settings ?? null)),
    );
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(DiagnosticRefreshRequest.type, () => undefined);
    this.connection.listen();
  }

  /** Spawns the server and completes the initialize handshake (and sends its settings). */
  static async start(spec: ServerSpec, rootUri: string): Promise<LspServer> {
    const child = spawn(process.execPath, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const server = new LspServer(spec, child);
    const exited = new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`${spec.name} exited with ${code} while starting:\n${server.stderr}`))),
    );
    await Promise.race([
      server.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        initializationOptions: spec.initializationOptions,
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
          textDocument: {
            synchronization: { dynamicRegistration: false },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            ...(spec.diagnostics === 'pull' ? { diagnostic: { dynamicRegistration: false } } : {}),
          },
        },
      }),
      exited,
    ]);
    await server.connection.sendNotification(InitializedNotification.type, {});
    if (spec.settings) {
      await server.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: spec.settings });
    }
    return server;
  }

  /** didOpen, then resolves with the document's first diagnostics. */
  async open(uri: string, text: string): Promise<Diagnostic[]> {
    const document = { uri, text, version: 1 };
    this.documents.set(uri, document);
    const pushed = this.nextPushedDiagnostics(uri, document.version);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: this.spec.languageId, version: document.version, text },
    });
    return pushed ?? this.pullDiagnostics(uri);
  }

  /** Replaces the text in [offset, offset + deleteCount) with `insert` (an incremental didChange),
   * then resolves with the diagnostics for the new version. */
  async edit(uri: string, offset: number, deleteCount: number, insert: string): Promise<Diagnostic[]> {
    // Wait for the new version's diagnostics before sending it, so a quick answer cannot be missed.
    const pushed = this.nextPushedDiagnostics(uri, this.documents.get(uri)!.version + 1);
    await this.change(uri, offset, deleteCount, insert);
    return pushed ?? this.pullDiagnostics(uri);
  }

  /**
   * Edits `gapMs` apart, as a person types, then resolves with the milliseconds from the last edit to
   * the diagnostics of the last version. A pull client asks after every edit and cancels the question
   * it asked before, as vscode-languageclient does.
   */
  async typeBurst(uri: string, edits: { offset: number; deleteCount: number; insert: string }[], gapMs: number): Promise<number> {
    let previousPull: CancellationTokenSource | undefined;
    let lastPull: Promise<unknown> | undefined;
    let lastEditAt = 0;
    for (const [i, { offset, deleteCount, insert }] of edits.entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      const last = i === edits.length - 1;
      const version = this.documents.get(uri)!.version + 1;
      const pushed = last ? this.nextPushedDiagnostics(uri, version) : undefined;
      lastEditAt = performance.now();
      await this.change(uri, offset, deleteCount, insert);
      if (this.spec.diagnostics === 'push') {
        if (pushed) lastPull = pushed;
        continue;
      }
      previousPull?.cancel();
      previousPull = new CancellationTokenSource();
      const pull = this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }, previousPull.token);
      lastPull = last ? pull : pull.catch(() => undefined); // cancelled questions end with an error
    }
    await lastPull;
    return performance.now() - lastEditAt;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async completion(uri: string, position: Position): Promise<CompletionItem[]> {
    const result: CompletionList | CompletionItem[] | null = await this.connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position,
    });
    return Array.isArray(result) ? result : result?.items ?? [];
  }

  async hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
  }

  /** Peak resident set size so far (VmHWM) and current RSS, in MB. */
  memoryMb(): { peak: number; current: number } {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { peak: kb('VmHWM') / 1024, current: kb('VmRSS') / 1024 };
  }

  /**
   * The heap in use after a full garbage collection, and RSS then, in MB: only for a server started with
   * bench/heapProbe.cjs preloaded (see {@link withHeapProbe}).
   */
  async heapAfterGc(): Promise<{ heap: number; rss: number }> {
    this.stderr = '';
    const report = new Promise<{ heap: number; rss: number }>((resolve) => {
      this.onStderr = (text) => {
        const match = /heap-after-gc (\d+) (\d+)\n/.exec(text);
        if (!match) return;
        this.onStderr = undefined;
        resolve({ heap: Number(match[1]) / 2 ** 20, rss: Number(match[2]) / 2 ** 20 });
      };
    });
    this.child.kill('SIGUSR2');
    return withTimeout(report, 10_000, `${this.spec.name}: heap report`);
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      await withTimeout(this.connection.sendRequest(ShutdownRequest.type), 5000, `${this.spec.name} shutdown`);
      await this.connection.sendNotification(ExitNotification.type);
      await withTimeout(exited, 5000, `${this.spec.name} exit`);
    } catch {
      this.child.kill();
    }
    this.connection.dispose();
  }

  /** Sends one incremental didChange; returns the new version. */
  private async change(uri: string, offset: number, deleteCount: number, insert: string): Promise<number> {
    const document = this.documents.get(uri)!;
    const range = { start: positionAt(document.text, offset), end: positionAt(document.text, offset + deleteCount) };
    document.text = document.text.slice(0, offset) + insert + document.text.slice(offset + deleteCount);
    document.version++;
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: document.version },
      contentChanges: [{ range, text: insert }],
    });
    return document.version;
  }

  /** For push servers: a promise of the next diagnostics published for `uri` at `version`; undefined for pull servers. */
  private nextPushedDiagnostics(uri: string, version: number): Promise<Diagnostic[]> | undefined {
    if (this.spec.diagnostics !== 'push') return undefined;
    return withTimeout(
      new Promise<Diagnostic[]>((resolve) => this.waiters.set(uri, { version, resolve })),
      60_000,
      `${this.spec.name}: diagnostics for ${uri}`,
    );
  }

  private async pullDiagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
    return report.kind === DocumentDiagnosticReportKind.Full ? report.items : [];
  }
}

/** The server started with a full GC and a heap report on SIGUSR2 (bench/heapProbe.cjs). */
export function withHeapProbe(spec: ServerSpec): ServerSpec {
  return { ...spec, args: ['--expose-gc', '--require', join(__dirname, 'heapProbe.cjs'), ...spec.args] };
}

/** Milliseconds `run` takes. */
export async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}
