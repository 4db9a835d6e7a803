// Read-only virtual documents holding the live copy of a resource, laid out as its file is, so VS Code's diff
// editor can show it beside the real file: the file stays the editable right side, its line numbers are the
// file's, and the diff editor's revert arrows take a live block into the file. Served from memory under our
// own scheme; each live copy's address names the file it belongs to.
import * as path from 'node:path';
import vscode = require('vscode');
import type { DiffResult, Environment } from '../../sync/src/index';

export const liveScheme = 'assistant-live';

/** The file a live copy belongs to, for a live document's uri; undefined for any other uri. */
export function liveFileOf(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme !== liveScheme) return undefined;
  const file = new URLSearchParams(uri.query).get('file');
  return file ? vscode.Uri.parse(file) : undefined;
}

export class LiveDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(liveScheme, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens the diff editor: the live copy (read-only) on the left, the file itself on the right. */
  async showDiff(file: vscode.Uri, env: Environment, result: DiffResult): Promise<void> {
    const name = path.basename(file.fsPath);
    const query = new URLSearchParams({ file: file.toString() }).toString();
    const live = this.put(vscode.Uri.from({ scheme: liveScheme, path: `/${env.name}/${result.id}/${name}`, query }), result.liveText);
    await vscode.commands.executeCommand('vscode.diff', live, file, `${name}: Live (${env.name}) ↔ File`, { preview: true });
  }

  private put(uri: vscode.Uri, text: string): vscode.Uri {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
