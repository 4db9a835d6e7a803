// How an open assistant file stands against the selected environment: the one source the status bar item,
// the code lens and the sync view show. The local side comes from the state file (no network), computed once
// per document version and environment, shortly after an edit; the live side is what the sync view's last
// workspace status found (recordLive), so a change made in the dashboard reads the same everywhere. Changes are
// announced, so the views move together (the code lens used to compute its own, on VS Code's schedule: up to
// many seconds after an edit).
import * as path from 'node:path';
import vscode = require('vscode');
import type { Environment, FileStatus, LocalSyncStatus, SyncState } from '../../sync/src/index';
import type { Environments } from './environments';
import { liveFileOf } from './liveDocuments';
import { languageId } from './services';
import { syncEngine } from './syncEngine';

export interface FileSyncState {
  env?: Environment;
  status?: LocalSyncStatus;
  /** The local side and what the last workspace status knew of live, as one state (when the file is linked or new). */
  state?: SyncState;
  /** e.g. "dev: in sync", "dev: not pushed yet", "no environment". */
  label: string;
  icon: string;
}

const labels: Record<LocalSyncStatus['status'], { text: string; icon: string }> = {
  'in-sync': { text: 'in sync', icon: '$(check)' },
  modified: { text: 'changed since last sync', icon: '$(cloud-upload)' },
  unlinked: { text: 'not pushed yet', icon: '$(cloud)' },
  'create-pending': { text: 'create unconfirmed (push again)', icon: '$(warning)' },
};

/** When the last workspace status found live changed: the same words as the sync view's rows. */
const liveLabels: Partial<Record<SyncState, { text: string; icon: string }>> = {
  'live-changed': { text: 'live changed since last sync', icon: '$(cloud-download)' },
  conflict: { text: 'changed here and live (conflict)', icon: '$(warning)' },
  'live-deleted': { text: 'deleted live', icon: '$(trash)' },
};

/**
 * One state from the file's local status (its current text against the state file) and what the last
 * workspace status found live (`live`, undefined when none was made): a local edit since that status is
 * still seen, and a live change it found stays a live change until the next sync.
 */
export function combinedState(local: LocalSyncStatus, live: SyncState | undefined): SyncState | undefined {
  const liveChanged = live === 'live-changed' || live === 'conflict';
  switch (local.status) {
    case 'unlinked':
      return 'not-pushed';
    case 'create-pending':
      return undefined;
    case 'in-sync':
      return live === 'live-deleted' ? 'live-deleted' : liveChanged ? 'live-changed' : 'in-sync';
    case 'modified':
      return live === 'live-deleted' ? 'live-deleted' : liveChanged ? 'conflict' : 'local-changes';
  }
}

/** How long an edit waits before the state of the new text is computed (typing is a burst of versions). */
const quietMs = 150;

interface Known {
  version: number;
  /** The environments, trust and sync operations `state` was computed under (see `generation`). */
  generation: number;
  state: FileSyncState;
}

export class SyncStates implements vscode.Disposable {
  private readonly known = new Map<string, Known>();
  private readonly computing = new Map<string, Promise<FileSyncState>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Bumped by whatever can change every file's state: another environment, a key, trust, a sync operation. */
  private generation = 0;
  /** The live side per file path, as the sync view's last workspace status found it; cleared by anything that can change it. */
  private readonly live = new Map<string, SyncState>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** A file's state changed (its label or icon). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly environments: Environments,
    syncStateChanged: vscode.Event<void>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const everything = () => {
      this.live.clear();
      this.recomputeAll();
    };
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeTextDocument((event) => event.document.languageId === languageId && this.refreshSoon(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      environments.onDidChange(everything),
      syncStateChanged(everything),
      vscode.workspace.onDidGrantWorkspaceTrust(everything),
    ];
  }

  /**
   * What a workspace status (the sync view's refresh) found for the files under `root`, replacing what an
   * earlier one found there; the open files' states are recomputed with it.
   */
  recordLive(root: string, files: readonly FileStatus[]): void {
    const under = root.endsWith(path.sep) ? root : root + path.sep;
    for (const known of [...this.live.keys()]) if (known.startsWith(under)) this.live.delete(known);
    for (const file of files) this.live.set(file.path, file.state);
    this.recomputeAll();
  }

  private recomputeAll(): void {
    this.generation++;
    for (const document of vscode.workspace.textDocuments) if (document.languageId === languageId) void this.refresh(document);
  }

  /** The state of the document's current text. */
  of(document: vscode.TextDocument): Promise<FileSyncState> {
    const known = this.known.get(document.uri.toString());
    if (known && known.version === document.version && known.generation === this.generation) return Promise.resolve(known.state);
    return this.refresh(document);
  }

  /** The state of the document's current text if it is computed already (with what is known of live now), else undefined. */
  current(document: vscode.TextDocument): FileSyncState | undefined {
    const known = this.known.get(document.uri.toString());
    return known && known.version === document.version && known.generation === this.generation ? known.state : undefined;
  }

  /** The state last computed for the document, whatever its version since: for views that must answer at once. */
  last(document: vscode.TextDocument): FileSyncState | undefined {
    return this.known.get(document.uri.toString())?.state;
  }

  private refreshSoon(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.refresh(document);
      }, quietMs),
    );
  }

  /** Computes the state of the document's current version (one computation at a time per version). */
  private refresh(document: vscode.TextDocument): Promise<FileSyncState> {
    const key = document.uri.toString();
    const { version } = document;
    const generation = this.generation;
    const running = this.computing.get(`${key}@${version}#${generation}`);
    if (running) return running;
    const computation = fileSyncState(this.environments, this.log, document, this.live.get(document.uri.fsPath)).then((state) => {
      this.computing.delete(`${key}@${version}#${generation}`);
      const previous = this.known.get(key);
      // A newer version or generation may have been computed meanwhile: keep the newest.
      if (previous && (previous.version > version || previous.generation > generation)) return state;
      this.known.set(key, { version, generation, state });
      if (!previous || previous.state.label !== state.label || previous.state.icon !== state.icon) this.changed.fire(document.uri);
      return state;
    });
    this.computing.set(`${key}@${version}#${generation}`, computation);
    return computation;
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.known.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

async function fileSyncState(environments: Environments, log: vscode.LogOutputChannel, document: vscode.TextDocument, live: SyncState | undefined): Promise<FileSyncState> {
  const env = environments.selected();
  if (!env) return { label: 'no environment', icon: '$(cloud)' };
  if (!vscode.workspace.isTrusted) return { env, label: `${env.name}: sync off in Restricted Mode`, icon: '$(shield)' };
  if (document.uri.scheme !== 'file') return { env, label: `${env.name}: save the file to sync it`, icon: '$(cloud)' };
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return { env, label: `${env.name}: outside the workspace`, icon: '$(cloud)' };
  try {
    const scope = { workspaceRoot: folder.uri.fsPath, env, onWarning: (message: string) => log.warn(message) };
    const status = await syncEngine().localStatus(scope, { path: document.uri.fsPath, text: document.getText() });
    const state = combinedState(status, live);
    const label = (state && liveLabels[state]) || labels[status.status];
    return { env, status, ...(state ? { state } : {}), label: `${env.name}: ${label.text}`, icon: label.icon };
  } catch (error) {
    log.warn(`Could not read the sync state of ${vscode.workspace.asRelativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
    return { env, label: `${env.name}: state unreadable`, icon: '$(warning)' };
  }
}

/** The document whose state a view shows for `document`: the file itself, or for a live copy in the diff editor, its file. */
export async function documentShown(document: vscode.TextDocument): Promise<vscode.TextDocument | undefined> {
  const file = liveFileOf(document.uri);
  if (!file) return document;
  return vscode.workspace.textDocuments.find((open) => open.uri.toString() === file.toString()) ?? (await vscode.workspace.openTextDocument(file).then(undefined, () => undefined));
}
