// "Edit Prompt as Markdown": a template string of a resource file, unescaped, as a Markdown document of its
// own (an `assistant-prompt:` URI, served by this file system provider). Every edit of the Markdown is
// written into the JSON string, escaped, as one edit of the JSON document (so undo there takes it back), and
// every change of the string (undo, a teammate's edit, a second editor) is written into the Markdown. The
// Markdown document is saved after each change, which writes nothing (the JSON already holds it), so it is
// never dirty: closing it asks nothing and leaves nothing behind. The JSON document is the one to save.
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import vscode = require('vscode');
import { decodeString, encodeStringContent } from '../../core/src/templates/jsonString';
import { pointerPath } from '../../core/src/validation/annotations';
import { promptLocation, promptScheme, type PromptLocation } from '../../shared/src/protocol';

export class PromptEditing implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  /** One change at a time per prompt, in the order they happen (edits of both documents interleave). */
  private readonly queues = new Map<string, Promise<unknown>>();
  /** When each prompt was first served: its documents never change on "disk", so the time never moves. */
  private readonly opened = new Map<string, number>();
  /** Prompts whose string is gone (moved or deleted): said once, until it is back. */
  private readonly lost = new Set<string>();
  /**
   * Documents this class is editing right now. Their change events are its own echo: answering one would
   * write back a state the user has already typed past (keystrokes lost).
   */
  private readonly writing = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.disposables = [
      this.changed,
      vscode.workspace.registerFileSystemProvider(promptScheme, this, { isCaseSensitive: true }),
      vscode.workspace.onDidChangeTextDocument((event) => this.documentChanged(event)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme !== promptScheme) return;
        this.queues.delete(document.uri.toString());
        this.opened.delete(document.uri.toString());
        this.lost.delete(document.uri.toString());
      }),
    ];
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  // The file system: one file per prompt, whose content is the string's value.

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const content = await this.readFile(uri);
    const time = this.opened.get(uri.toString()) ?? Date.now();
    this.opened.set(uri.toString(), time);
    return { type: vscode.FileType.File, ctime: time, mtime: time, size: content.byteLength };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const location = locationOf(uri);
    const owner = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.file));
    const node = stringAt(owner.getText(), location.pointer);
    if (!node) throw vscode.FileSystemError.FileNotFound(uri);
    return new TextEncoder().encode(decodeString(owner.getText(), node.offset, node.length).value);
  }

  /**
   * Saving the Markdown: its text into the string (already there, unless an edit was missed). A save of an
   * older text than the open document holds is skipped: the newer edits are on their way, and writing the
   * older text would take them back out of the string.
   */
  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const text = new TextDecoder().decode(content);
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open && open.getText() !== text) return;
    await this.inOrder(uri, () => this.writeToString(uri, text));
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  // Keeping the two documents in step.

  private documentChanged(event: vscode.TextDocumentChangeEvent): void {
    const { document } = event;
    if (!event.contentChanges.length || this.writing.has(document.uri.toString())) return;
    if (document.uri.scheme === promptScheme) {
      this.inTurn(document, () => this.writeToString(document.uri, document.getText()));
      return;
    }
    const file = document.uri.toString();
    for (const prompt of vscode.workspace.textDocuments) {
      if (prompt.uri.scheme === promptScheme && promptLocation(prompt.uri.toString())?.file === file) this.inTurn(prompt, () => this.writeToPrompt(prompt, document));
    }
  }

  /**
   * Runs a write in the prompt's turn, then saves the prompt when it changed. The save comes after the turn:
   * its own write waits for a turn too. Failures are logged by the queue.
   */
  private inTurn(prompt: vscode.TextDocument, write: () => Promise<boolean>): void {
    this.inOrder(prompt.uri, write)
      .then((written) => (written ? this.keepClean(prompt) : undefined))
      .catch(() => undefined);
  }

  /** The Markdown's text into the JSON string, as the smallest edit that makes them equal; false when the string is gone. */
  private async writeToString(uri: vscode.Uri, text: string): Promise<boolean> {
    const location = locationOf(uri);
    const owner = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.file));
    const json = owner.getText();
    const node = stringAt(json, location.pointer);
    if (!node) {
      this.reportLost(uri, location);
      return false;
    }
    this.lost.delete(uri.toString());
    const { value, offsets } = decodeString(json, node.offset, node.length);
    const change = difference(value, text);
    if (!change) return true;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(owner.uri, new vscode.Range(owner.positionAt(offsets[change.start]), owner.positionAt(offsets[change.end])), encodeStringContent(change.text));
    return this.apply(owner.uri, edit);
  }

  /** The JSON string's value into the Markdown, when they differ (an undo in the JSON, an edit there); true when written. */
  private async writeToPrompt(prompt: vscode.TextDocument, owner: vscode.TextDocument): Promise<boolean> {
    if (prompt.isClosed) return false;
    const location = locationOf(prompt.uri);
    const json = owner.getText();
    const node = stringAt(json, location.pointer);
    if (!node) return false; // reported when the Markdown is edited next
    const change = difference(prompt.getText(), decodeString(json, node.offset, node.length).value);
    if (!change) return false;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(prompt.uri, new vscode.Range(prompt.positionAt(change.start), prompt.positionAt(change.end)), change.text);
    return this.apply(prompt.uri, edit);
  }

  private async apply(uri: vscode.Uri, edit: vscode.WorkspaceEdit): Promise<boolean> {
    const key = uri.toString();
    this.writing.add(key);
    try {
      return await vscode.workspace.applyEdit(edit);
    } finally {
      this.writing.delete(key);
    }
  }

  /** Saves the Markdown (a write of what the string already holds), so it never asks to be saved. */
  private async keepClean(prompt: vscode.TextDocument): Promise<void> {
    if (prompt.isDirty && !prompt.isClosed) await prompt.save();
  }

  private reportLost(uri: vscode.Uri, location: PromptLocation): void {
    if (this.lost.has(uri.toString())) return;
    this.lost.add(uri.toString());
    const file = vscode.Uri.parse(location.file);
    const message = `The prompt at ${location.pointer} is no longer a string in ${vscode.workspace.asRelativePath(file)}, so edits here are not written back. Close this editor and open the prompt again.`;
    this.log.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  private inOrder<T>(uri: vscode.Uri, work: () => Promise<T>): Promise<T> {
    const key = uri.toString();
    const next = (this.queues.get(key) ?? Promise.resolve()).then(work, work);
    this.queues.set(
      key,
      next.catch((error: unknown) => this.log.error(`Prompt ${key}: ${error instanceof Error ? error.message : String(error)}`)),
    );
    return next;
  }
}

function locationOf(uri: vscode.Uri): PromptLocation {
  const location = promptLocation(uri.toString());
  if (!location) throw vscode.FileSystemError.FileNotFound(uri);
  return location;
}

/** The string literal at a JSON pointer, if the text has one there. */
function stringAt(text: string, pointer: string): Node | undefined {
  const tree = parseTree(text);
  const path = pointerPath(pointer).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  const node = tree && findNodeAtLocation(tree, path);
  return node?.type === 'string' ? node : undefined;
}

/**
 * The one replacement that turns `from` into `to`: the range of `from` between their common start and end,
 * and the text of `to` there; undefined when they are equal. A surrogate pair is never split.
 */
function difference(from: string, to: string): { start: number; end: number; text: string } | undefined {
  if (from === to) return undefined;
  let start = 0;
  const shorter = Math.min(from.length, to.length);
  while (start < shorter && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let end = 0;
  while (end < shorter - start && from.charCodeAt(from.length - 1 - end) === to.charCodeAt(to.length - 1 - end)) end++;
  if (start > 0 && isHighSurrogate(from.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(from.charCodeAt(from.length - end))) end--;
  return { start, end: from.length - end, text: to.slice(start, to.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
