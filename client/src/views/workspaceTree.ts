// The sync view (activity bar, "Assistant Config"): the selected environment, its resources grouped by kind,
// each row a file (or, for a live resource no file holds, the resource) with its sync state as icon and
// description, and a badge counting the files that differ. The states come from the engine's workspace status
// (one list request per kind, never one per file), handed to SyncStates so the status bar and code lens say
// the same; an open file's row shows SyncStates' state of its current text. Refreshed on save, on files
// created or deleted, after every sync command, when the environment, key or trust changes, and on Refresh;
// nothing is fetched before the view was first shown.
import * as path from 'node:path';
import vscode = require('vscode');
import { kindById, kindOf, type ResourceKind, type ResourceType } from '../../../core/src/kinds';
import type { Environment, FileProblem, FileStatus, OrphanStatus, SyncState, WorkspaceStatus } from '../../../sync/src/index';
import { syncEngine } from '../syncEngine';
import { syncLogger } from '../log';
import { languageId, type Services } from '../services';

export const viewId = 'assistantConfig.workspace';

/** Why the view shows no tree: each has a welcome message in package.json (viewsWelcome). */
export type ViewState = 'noFolder' | 'noEnvironment' | 'untrusted' | 'noKey' | 'ready';

interface FolderResult {
  folder: vscode.WorkspaceFolder;
  status?: WorkspaceStatus;
  error?: string;
}

type Node =
  | { type: 'environment'; env: Environment }
  | { type: 'folder'; result: FolderResult }
  | { type: 'kind'; kind: ResourceKind; files: FileNode[]; orphans: OrphanStatus[] }
  | FileNode
  | { type: 'orphan'; orphan: OrphanStatus }
  | { type: 'problem'; problem: FileProblem; resourceUri: vscode.Uri }
  | { type: 'message'; label: string; detail?: string; icon: string; command?: vscode.Command };

/** A file row; `resourceUri` is what Push, Pull and Diff With Live take from a row. */
interface FileNode {
  type: 'file';
  file: FileStatus;
  resourceUri: vscode.Uri;
}

/** One row as a user reads it: what the Refresh command returns, for tests and scripts. */
export interface ViewRow {
  depth: number;
  label: string;
  description: string;
  icon: string;
  contextValue?: string;
}

const resourceTypes: ResourceType[] = ['assistant', 'tool', 'squad', 'structured-output'];
const groupLabels: Record<ResourceType, string> = { assistant: 'Assistants', tool: 'Tools', squad: 'Squads', 'structured-output': 'Structured outputs' };

const stateIcons: Record<SyncState, [icon: string, color: string]> = {
  'in-sync': ['pass', 'testing.iconPassed'],
  'not-pushed': ['cloud-upload', 'gitDecoration.untrackedResourceForeground'],
  'local-changes': ['arrow-circle-up', 'gitDecoration.modifiedResourceForeground'],
  'live-changed': ['arrow-circle-down', 'charts.blue'],
  conflict: ['warning', 'gitDecoration.conflictingResourceForeground'],
  'live-deleted': ['trash', 'gitDecoration.deletedResourceForeground'],
};

/** How long triggers (saves, a burst of created files) wait before the one refresh they cause. */
const quietMs = 300;

export class WorkspaceTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[];
  private state: ViewState = 'ready';
  private env: Environment | undefined;
  private results: FolderResult[] = [];
  /** Nothing is fetched until the view was shown once (or Refresh was run). */
  private started = false;
  private timer: NodeJS.Timeout | undefined;
  private queued: Promise<void> | undefined;
  private latest: Promise<void> = Promise.resolve();

  constructor(private readonly services: Services) {
    this.view = vscode.window.createTreeView(viewId, { treeDataProvider: this, showCollapseAll: true });
    const soon = () => this.refreshSoon();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{assistant,tool,squad,structured-output}.json', false, true, false);
    this.subscriptions = [
      this.view,
      this.changed,
      watcher,
      watcher.onDidCreate(soon),
      watcher.onDidDelete(soon),
      vscode.workspace.onDidSaveTextDocument((document) => document.languageId === languageId && soon()),
      vscode.workspace.onDidChangeWorkspaceFolders(soon),
      vscode.workspace.onDidGrantWorkspaceTrust(soon),
      services.syncStateChanged.event(soon),
      services.environments.onDidChange(soon),
      // An open file's row shows SyncStates' state of its text: redrawn when that changes.
      services.syncStates.onDidChange(() => {
        this.changed.fire(undefined);
        this.updateBadge();
      }),
    ];
  }

  private refreshSoon(): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), quietMs);
  }

  /** Loads the states again; a refresh asked for while one runs is made once, after it. */
  refresh(): Promise<void> {
    this.started = true;
    clearTimeout(this.timer);
    if (!this.queued) {
      const run = this.latest.then(() => {
        this.queued = undefined;
        return vscode.window.withProgress({ location: { viewId } }, () => this.load());
      });
      this.queued = run;
      this.latest = run.then(undefined, () => undefined);
    }
    return this.queued;
  }

  private async load(): Promise<void> {
    const env = this.services.environments.selected();
    const folders = vscode.workspace.workspaceFolders ?? [];
    const apiKey = env && vscode.workspace.isTrusted ? await this.services.environments.apiKey(env) : undefined;
    this.env = env;
    this.state = !folders.length ? 'noFolder' : !env ? 'noEnvironment' : !vscode.workspace.isTrusted ? 'untrusted' : !apiKey ? 'noKey' : 'ready';
    await vscode.commands.executeCommand('setContext', 'assistantConfig.view', this.state);
    if (this.state !== 'ready' || !env || !apiKey) {
      this.results = [];
    } else {
      this.results = await Promise.all(folders.map((folder) => this.loadFolder(folder, env, apiKey)));
    }
    this.changed.fire(undefined);
    this.updateBadge();
  }

  private async loadFolder(folder: vscode.WorkspaceFolder, env: Environment, apiKey: string): Promise<FolderResult> {
    const root = folder.uri.fsPath;
    try {
      const found = await syncEngine().status({
        env,
        apiKey,
        workspaceRoot: root,
        validate: this.services.validate,
        logger: syncLogger(this.services.log),
        onWarning: (message) => this.services.log.warn(message),
        // Unsaved edits count, as they do for the status bar and a push; a saved file is read from disk.
        openText: (filePath) => unsavedDocument(filePath)?.getText(),
      });
      this.services.syncStates.recordLive(root, found.files);
      return { folder, status: found };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.services.log.warn(`Sync view: could not read the state of ${folder.name} against '${env.name}': ${message}`);
      return { folder, error: message };
    }
  }

  /**
   * The row's state: a file with unsaved edits has SyncStates' state of its current text (edits since this
   * status are seen), once computed with what this status found live; else the workspace status's.
   */
  private stateOf(node: FileNode): SyncState {
    const document = unsavedDocument(node.resourceUri.fsPath);
    return (document && this.services.syncStates.current(document)?.state) || node.file.state;
  }

  private allFiles(): FileNode[] {
    return this.results.flatMap((result) => (result.status ? fileNodes(result.folder, result.status.files) : []));
  }

  private updateBadge(): void {
    const differing = this.allFiles().filter((node) => this.stateOf(node) !== 'in-sync').length;
    this.view.badge = differing ? { value: differing, tooltip: `${differing} file(s) differ from '${this.env?.name}'` } : undefined;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      if (!this.started) void this.refresh();
      this.updateBadge();
      return this.state === 'ready' && this.env && this.results.length ? [{ type: 'environment', env: this.env }] : [];
    }
    switch (node.type) {
      case 'environment':
        return this.results.length === 1 ? folderChildren(this.results[0], this.env!) : this.results.map((result) => ({ type: 'folder', result }));
      case 'folder':
        return folderChildren(node.result, this.env!);
      case 'kind':
        return [...node.files, ...node.orphans.map((orphan): Node => ({ type: 'orphan', orphan }))];
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.type) {
      case 'environment': {
        const item = new vscode.TreeItem(node.env.name, expanded);
        item.description = `${node.env.vendor} · ${node.env.baseUrl}`;
        item.iconPath = new vscode.ThemeIcon('server-environment');
        item.tooltip = `Environment '${node.env.name}': ${node.env.vendor}, ${node.env.baseUrl}\nClick to select another environment.`;
        item.command = { command: 'assistantConfig.selectEnvironment', title: 'Select Environment' };
        item.contextValue = 'environment';
        return item;
      }
      case 'folder': {
        const item = new vscode.TreeItem(node.result.folder.name, expanded);
        item.iconPath = vscode.ThemeIcon.Folder;
        item.resourceUri = node.result.folder.uri;
        return item;
      }
      case 'kind': {
        const item = new vscode.TreeItem(groupLabels[node.kind.resource], expanded);
        const differing = node.files.filter((file) => this.stateOf(file) !== 'in-sync').length;
        const parts = [`${node.files.length} file(s)`, differing ? `${differing} differ` : 'all in sync', ...(node.orphans.length ? [`${node.orphans.length} live only`] : [])];
        item.description = parts.join(' · ');
        item.contextValue = 'kind';
        return item;
      }
      case 'file': {
        const state = this.stateOf(node);
        const item = new vscode.TreeItem(path.basename(node.file.key), vscode.TreeItemCollapsibleState.None);
        const folder = path.posix.dirname(node.file.key);
        const words = node.file.createPending && state === 'not-pushed' ? 'create unconfirmed (push again)' : syncEngine().stateWords[state];
        item.description = folder === '.' ? words : `${words} · ${folder}`;
        const [icon, color] = stateIcons[state];
        item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
        item.resourceUri = node.resourceUri;
        item.contextValue = `file:${state}`;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [node.resourceUri] };
        const tooltip = new vscode.MarkdownString();
        tooltip.appendText(`${node.file.key}\n${kindById(node.file.kind).noun}: ${words} in '${this.env?.name}'`);
        if (node.file.id) tooltip.appendText(`\nid ${node.file.id}`);
        if (node.file.changes?.length) tooltip.appendText(`\nchanged: ${syncEngine().changeList(node.file.changes)}`);
        if (node.file.needs?.length) tooltip.appendText(`\nrefers to files not pushed yet: ${node.file.needs.join(', ')}`);
        item.tooltip = tooltip;
        return item;
      }
      case 'orphan': {
        const item = new vscode.TreeItem(node.orphan.name ?? node.orphan.id, vscode.TreeItemCollapsibleState.None);
        item.description = 'live only, no file';
        item.iconPath = new vscode.ThemeIcon('cloud', new vscode.ThemeColor('descriptionForeground'));
        item.tooltip = `${kindById(node.orphan.kind).noun} ${node.orphan.id} in '${this.env?.name}'${node.orphan.updatedAt ? `, updated ${node.orphan.updatedAt}` : ''}: no file in the workspace is linked to it. Pull Org Into Folder writes it into a file.`;
        item.contextValue = 'orphan';
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(path.basename(node.problem.key), vscode.TreeItemCollapsibleState.None);
        item.description = `cannot be synced: ${node.problem.message}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.tooltip = `${node.problem.key}: ${node.problem.message}`;
        item.resourceUri = node.resourceUri;
        item.command = { command: 'vscode.open', title: 'Open', arguments: [node.resourceUri] };
        item.contextValue = 'problem';
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.description = node.detail;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.detail ? `${node.label}: ${node.detail}` : node.label;
        item.command = node.command;
        return item;
      }
    }
  }

  /** Every row, as getChildren and getTreeItem give them to VS Code: what Refresh returns. */
  rows(): ViewRow[] {
    const rows: ViewRow[] = [];
    const visit = (nodes: Node[], depth: number) => {
      for (const node of nodes) {
        const item = this.getTreeItem(node);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '';
        rows.push({ depth, label, description: typeof item.description === 'string' ? item.description : '', icon, ...(item.contextValue ? { contextValue: item.contextValue } : {}) });
        visit(this.getChildren(node), depth + 1);
      }
    };
    visit(this.getChildren(), 0);
    return rows;
  }

  snapshot(): { state: ViewState; badge?: number; rows: ViewRow[] } {
    return { state: this.state, ...(this.view.badge ? { badge: this.view.badge.value } : {}), rows: this.rows() };
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** The editor's document of a file when it has unsaved edits (a saved one may lag behind the disk). */
function unsavedDocument(filePath: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((document) => document.isDirty && document.uri.scheme === 'file' && document.uri.fsPath === filePath);
}

function fileNodes(folder: vscode.WorkspaceFolder, files: readonly FileStatus[]): FileNode[] {
  return files.map((file) => ({ type: 'file', file, resourceUri: vscode.Uri.joinPath(folder.uri, ...file.key.split('/')) }));
}

/** A folder's rows: its kinds (those with files or live resources), the files that cannot be synced, or why it could not be read. */
function folderChildren(result: FolderResult, env: Environment): Node[] {
  if (result.error) {
    return [{ type: 'message', label: `Could not read '${env.name}'`, detail: result.error, icon: 'error', command: { command: 'assistantConfig.view.refresh', title: 'Refresh' } }];
  }
  const found = result.status!;
  const files = fileNodes(result.folder, found.files);
  const groups: Node[] = resourceTypes.flatMap((resource) => {
    const kind = kindOf(env.vendor, resource);
    if (!kind) return [];
    const group = { type: 'kind' as const, kind, files: files.filter((node) => node.file.kind === kind.id), orphans: found.orphans.filter((orphan) => orphan.kind === kind.id) };
    return group.files.length || group.orphans.length ? [group] : [];
  });
  const problems: Node[] = found.problems.map((problem) => ({ type: 'problem', problem, resourceUri: vscode.Uri.joinPath(result.folder.uri, ...problem.key.split('/')) }));
  if (!groups.length && !problems.length) {
    return [{ type: 'message', label: 'No resource files yet', detail: `and nothing in '${env.name}': create a *.assistant.json file, or Pull Org Into Folder`, icon: 'info' }];
  }
  return [...groups, ...problems];
}

export function registerWorkspaceTree(services: Services): vscode.Disposable {
  const tree = new WorkspaceTree(services);
  // Returns the rows as VS Code shows them (for tests and scripts).
  const refresh = vscode.commands.registerCommand('assistantConfig.view.refresh', async () => {
    await tree.refresh();
    return tree.snapshot();
  });
  // The rows as they are now, without loading again: for tests that wait for a refresh a save or a sync made.
  const rows = vscode.commands.registerCommand('assistantConfig.view.snapshot', () => tree.snapshot());
  return vscode.Disposable.from(tree, refresh, rows);
}
