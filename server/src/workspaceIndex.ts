// The workspace's resource files and the file references they hold, for navigation (definition, references,
// renames, completion of paths) and the reference checks. Built lazily: the folders are scanned on the first
// request that needs every file, never on the diagnostics path. An open document's text wins over the disk's;
// a file is parsed again only when its text changed. What is read from disk is trusted until a watched-file
// event says otherwise, or, for a client that watches nothing (an editor without that capability), for a
// couple of seconds.
import { readdir, readFile } from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';
import { FileChangeType, type FileEvent, type Position, type TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { isResourceFileName } from '../../core/src/kindOfFile';
import { resourceKinds, type ResourceKind } from '../../core/src/kinds';
import { tooDeepAt } from '../../core/src/nesting';
import { promptFileSuffix } from '../../core/src/references';
import { fileReferenceSites, type LocatedReferenceSite } from '../../core/src/validation';

/** What a user recognises a resource by: its name, its type (a tool's `type`, else the kind's noun) and description. */
export interface ResourceSummary {
  name?: string;
  type: string;
  description?: string;
}

export interface ResourceFile {
  /** Absolute file system path. */
  path: string;
  uri: string;
  kind: ResourceKind;
  /** The text as a document, for ranges. */
  document: TextDocument;
  references: LocatedReferenceSite[];
  summary: ResourceSummary;
}

/** Folders that never hold the user's resource files, or that hold the sync engine's own. */
const skippedFolders = new Set(['node_modules', '.git', '.assistant-config']);
/** A workspace larger than this is indexed up to here: navigation stays quick, a giant folder cannot stall the server. */
const maxIndexedFiles = 20_000;
/** How long what was read from disk is trusted when the client sends no watched-file events. */
const unwatchedFreshMs = 2000;

/** The file name endings the index knows: every kind's, and prompts'. */
export const indexedSuffixes = [...new Set([...resourceKinds.map((kind) => kind.fileSuffix), promptFileSuffix])];

/**
 * The file system path of a `file:` uri, or undefined for any other scheme (untitled documents, prompts being
 * edited in place) and for a uri that is not a string (what a client sends in file events is not trusted).
 */
export function filePathOf(uri: string): string | undefined {
  if (typeof uri !== 'string') return undefined;
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? path.resolve(parsed.fsPath) : undefined;
}

/** Whether `filePath` is `folder` or inside it. */
export function isWithin(folder: string, filePath: string): boolean {
  return filePath === folder || filePath.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

interface Stamped<T> {
  value: T;
  at: number;
}

export class WorkspaceIndex {
  private roots: string[] = [];
  /** The resource files found on disk: scanned when first needed. */
  private scan: Stamped<Promise<Set<string>>> | undefined;
  private readonly diskTexts = new Map<string, Stamped<string | undefined>>();
  private readonly isFileCache = new Map<string, Stamped<boolean>>();
  private readonly parsed = new Map<string, { text: string; kind: ResourceKind; file: ResourceFile }>();
  /** The uri of each open document that is a file, by its path. */
  private readonly openUris = new Map<string, string>();
  /** Whether the client sends watched-file events for the index's files: then what was read stays true until one comes. */
  watching = false;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    /** The kind of an open document (undefined for one that is not a resource file). */
    private readonly kindOfDocument: (document: TextDocument) => ResourceKind | undefined,
    /** The kind of a file on disk, from its path and text. */
    private readonly kindOfFile: (filePath: string, text: string) => ResourceKind | undefined,
  ) {
    documents.onDidOpen(({ document }) => {
      const filePath = filePathOf(document.uri);
      if (filePath) this.openUris.set(filePath, document.uri);
    });
    documents.onDidClose(({ document }) => {
      const filePath = filePathOf(document.uri);
      if (filePath && this.openUris.get(filePath) === document.uri) this.openUris.delete(filePath);
    });
  }

  /** The workspace folders (from initialize). */
  setRoots(roots: string[]): void {
    this.roots = roots.map((root) => path.resolve(root));
    this.scan = undefined;
  }

  /** The workspace folder that holds a file (the innermost, when folders nest). */
  rootOf(filePath: string): string | undefined {
    return this.roots.filter((root) => isWithin(root, filePath)).sort((a, b) => b.length - a.length)[0];
  }

  private fresh(stamp: { at: number } | undefined): boolean {
    return stamp !== undefined && (this.watching || Date.now() - stamp.at < unwatchedFreshMs);
  }

  private openDocument(filePath: string): TextDocument | undefined {
    const uri = this.openUris.get(filePath);
    return uri === undefined ? undefined : this.documents.get(uri);
  }

  /** A file's text: the open document's, else the disk's; undefined when there is no such file. */
  text(filePath: string): string | undefined {
    const open = this.openDocument(filePath);
    if (open) return open.getText();
    const cached = this.diskTexts.get(filePath);
    if (this.fresh(cached)) return cached!.value;
    let value: string | undefined;
    try {
      value = readFileSync(filePath, 'utf8');
    } catch {
      value = undefined;
    }
    this.diskTexts.set(filePath, { value, at: Date.now() });
    return value;
  }

  /** Whether a file exists (an open document counts): what the reference checks ask for every reference, so cached. */
  isFile(filePath: string): boolean {
    if (this.openDocument(filePath)) return true;
    const cached = this.isFileCache.get(filePath);
    if (this.fresh(cached)) return cached!.value;
    let value: boolean;
    try {
      value = statSync(filePath).isFile();
    } catch {
      value = false;
    }
    this.isFileCache.set(filePath, { value, at: Date.now() });
    return value;
  }

  /** An open resource document as a resource file, or undefined when it is not one or has no file path. */
  openFile(document: TextDocument): ResourceFile | undefined {
    const filePath = filePathOf(document.uri);
    const kind = this.kindOfDocument(document);
    return filePath && kind ? this.resourceFile(filePath, document.uri, kind, document.getText(), document) : undefined;
  }

  /** The resource file at a path, open or on disk. */
  fileAt(filePath: string): ResourceFile | undefined {
    const open = this.openDocument(filePath);
    if (open) return this.openFile(open);
    const text = this.text(filePath);
    const kind = text === undefined ? undefined : this.kindOfFile(filePath, text);
    return kind && text !== undefined ? this.resourceFile(filePath, URI.file(filePath).toString(), kind, text) : undefined;
  }

  /** Every resource file of the workspace (scanned once), with the open ones as the editor has them. */
  async files(): Promise<ResourceFile[]> {
    if (!this.scan || !this.fresh(this.scan)) this.scan = { value: this.scanRoots(), at: Date.now() };
    const onDisk = await this.scan.value;
    const files = new Map<string, ResourceFile>();
    for (const filePath of onDisk) {
      const file = this.fileAt(filePath);
      if (file) files.set(filePath, file);
    }
    for (const document of this.documents.all()) {
      const file = this.openFile(document);
      if (file) files.set(file.path, file);
    }
    return [...files.values()];
  }

  /** What the client says changed on disk: forget what was read of those paths (a deleted folder takes all inside it). */
  changed(events: readonly FileEvent[]): void {
    for (const event of events) {
      const filePath = filePathOf(event.uri);
      if (!filePath) continue;
      const forget = (map: Map<string, unknown>) => {
        for (const key of map.keys()) if (isWithin(filePath, key)) map.delete(key);
      };
      forget(this.diskTexts);
      forget(this.isFileCache);
      forget(this.parsed);
      void this.scan?.value.then((found) => {
        if (event.type === FileChangeType.Deleted) {
          for (const known of [...found]) if (isWithin(filePath, known)) found.delete(known);
        } else if (isResourceFileName(path.basename(filePath))) found.add(filePath);
        else if (event.type === FileChangeType.Created) this.scan = undefined; // perhaps a folder moved in: scan again when asked
      });
    }
  }

  private resourceFile(filePath: string, uri: string, kind: ResourceKind, text: string, document?: TextDocument): ResourceFile {
    const cached = this.parsed.get(filePath);
    if (cached && cached.text === text && cached.kind === kind && cached.file.uri === uri) return cached.file;
    const file = readResourceFile(filePath, uri, kind, text, document ?? TextDocument.create(uri, 'json', 0, text));
    this.parsed.set(filePath, { text, kind, file });
    return file;
  }

  private async scanRoots(): Promise<Set<string>> {
    const found = new Set<string>();
    const visit = async (folder: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(folder, { withFileTypes: true });
      } catch {
        return; // gone, or not readable: nothing of it to index
      }
      for (const entry of entries) {
        if (found.size >= maxIndexedFiles) return;
        const entryPath = path.join(folder, entry.name);
        // Links are not followed: one could lead out of the workspace, or round in a loop.
        if (entry.isDirectory() && !skippedFolders.has(entry.name)) await visit(entryPath);
        else if (entry.isFile() && isResourceFileName(entry.name)) found.add(entryPath);
      }
    };
    for (const root of this.roots) await visit(root);
    // Read them all now, at once: the first request answers from memory.
    await Promise.all(
      [...found].map(async (filePath) => {
        const value = await readFile(filePath, 'utf8').catch(() => undefined);
        this.diskTexts.set(filePath, { value, at: Date.now() });
      }),
    );
    return found;
  }
}

function readResourceFile(filePath: string, uri: string, kind: ResourceKind, text: string, document: TextDocument): ResourceFile {
  const file: ResourceFile = { path: filePath, uri, kind, document, references: [], summary: { type: kind.noun } };
  // The parser recurses per level: a file nested deeper than any real one is left unread (validation reports it).
  if (tooDeepAt(text) !== undefined) return file;
  const { value, references } = fileReferenceSites(text, kind);
  file.references = references;
  if (value) file.summary = summaryOf(kind, value);
  return file;
}

function summaryOf(kind: ResourceKind, value: Record<string, unknown>): ResourceSummary {
  const text = (found: unknown) => (typeof found === 'string' && found.trim() !== '' ? found : undefined);
  const fn = value.function !== null && typeof value.function === 'object' ? (value.function as Record<string, unknown>) : {};
  if (kind.resource === 'tool') {
    const type = text(value.type);
    return { name: text(value.name) ?? text(fn.name), type: type ? `${type} ${kind.noun}` : kind.noun, description: text(fn.description) ?? text(value.description) };
  }
  return { name: text(value.name), type: kind.noun, description: text(value.description) };
}

/** The reference whose string literal holds the offset (its quotes included). */
export function referenceAt(file: ResourceFile, offset: number): LocatedReferenceSite | undefined {
  return file.references.find((reference) => reference.offset <= offset && offset < reference.offset + reference.length);
}

/** The range of a reference's string literal in its file. */
export function referenceRange(file: ResourceFile, reference: LocatedReferenceSite) {
  return { start: file.document.positionAt(reference.offset), end: file.document.positionAt(reference.offset + reference.length) };
}

/**
 * The string literal on the position's line that holds the position (from its opening quote to its closing one,
 * or to the line's end when it is not closed), read from the line alone: a JSON string never spans lines, so
 * features can tell at once whether a position may be in a reference, before anything parses the file.
 */
export function stringOnLineAt(document: TextDocument, position: Position): { value: string; start: number } | undefined {
  const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  const scanner = createScanner(line, true);
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    const start = scanner.getTokenOffset();
    if (start > position.character) return undefined;
    const end = start + scanner.getTokenLength();
    const closed = scanner.getTokenError() !== ScanError.UnexpectedEndOfString;
    if (token === SyntaxKind.StringLiteral && (closed ? position.character < end : position.character <= end)) {
      return { value: scanner.getTokenValue(), start };
    }
  }
  return undefined;
}
