// Read-only virtual documents holding the normalised live copy (and the normalised local file) of an
// assistant, so VS Code's diff editor can show them side by side. Served from memory under our own scheme.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DiffResult, Environment } from '../../sync/src/index';

export const liveScheme = 'assistant-live';

export class LiveDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(liveScheme, this);

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens the diff editor: live copy on the left, the file on the right, both normalised. */
  async showDiff(file: vscode.Uri, env: Environment, result: DiffResult): Promise<void> {
    const name = path.basename(file.fsPath);
    const live = this.put(vscode.Uri.from({ scheme: liveScheme, path: `/${env.name}/${result.id}/live/${name}` }), result.liveText);
    const local = this.put(vscode.Uri.from({ scheme: liveScheme, path: `/${env.name}/${result.id}/local/${name}` }), result.localText);
    await vscode.commands.executeCommand('vscode.diff', live, local, `${name}: Live (${env.name}) ↔ Local`, { preview: true });
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
