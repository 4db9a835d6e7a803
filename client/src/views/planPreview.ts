// Plan (the sync view's title action): what Apply All Changed would do, in its order, shown as a Markdown
// preview, the same table `assistant-config plan --format markdown` prints. Nothing is sent but the list
// requests (one per kind).
import vscode = require('vscode');
import type { SyncPlan } from '../../../sync/src/index';
import { syncEngine } from '../syncEngine';
import type { Services } from '../services';
import { folderToSync, runSync } from '../syncSession';

const scheme = 'assistant-plan';

/** In VS Code, a conflict is settled file by file, or left alone by Apply All Changed. */
const conflictAdvice =
  'Apply All Changed takes a change made only live into its file and leaves a file changed on both sides as it is: settle it with Diff With Live, then Push or Pull.';

/** The plans shown, as read-only files of their own scheme (the Markdown preview reads a file system, not a text provider). */
class PlanFiles implements vscode.FileSystemProvider {
  private readonly texts = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;

  set(uri: vscode.Uri, text: string): void {
    const known = this.texts.has(uri.toString());
    this.texts.set(uri.toString(), { data: new TextEncoder().encode(text), mtime: Date.now() });
    this.changed.fire([{ type: known ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }

  private entry(uri: vscode.Uri) {
    const found = this.texts.get(uri.toString());
    if (!found) throw vscode.FileSystemError.FileNotFound(uri);
    return found;
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const { data, mtime } = this.entry(uri);
    return { type: vscode.FileType.File, ctime: mtime, mtime, size: data.length, permissions: vscode.FilePermission.Readonly };
  }
  readFile(uri: vscode.Uri): Uint8Array {
    return this.entry(uri).data;
  }
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  dispose(): void {
    this.changed.dispose();
  }
}

export function registerPlanPreview(services: Services): vscode.Disposable {
  const files = new PlanFiles();
  const command = vscode.commands.registerCommand('assistantConfig.plan', async (): Promise<{ plan: SyncPlan; markdown: string; uri: vscode.Uri } | undefined> => {
    const folder = await folderToSync();
    if (!folder) return undefined;
    const result = await runSync(services, 'Planning', folder, undefined, (ctx) => syncEngine().plan(ctx));
    if (!result) return undefined;
    const markdown = syncEngine().planMarkdown(result, conflictAdvice);
    const uri = vscode.Uri.from({ scheme, path: `/${folder.name}/Plan for ${result.env}.md` });
    files.set(uri, markdown);
    services.log.info(`Plan for '${result.env}' in ${folder.name}: ${result.steps.length} step(s)`);
    // The built-in Markdown extension renders it; without it, the Markdown text itself is shown.
    await vscode.commands.executeCommand('markdown.showPreview', uri).then(undefined, () => vscode.window.showTextDocument(uri, { preview: true }));
    return { plan: result, markdown, uri };
  });
  return vscode.Disposable.from(files, command, vscode.workspace.registerFileSystemProvider(scheme, files, { isCaseSensitive: true, isReadonly: true }));
}
