// How an open assistant file stands against the selected environment, from the state file alone (no
// network): the one source the status bar item and the code lens both show. Computed once per document
// version and environment, shortly after an edit, and announced when it changes, so both views move together
// (the code lens used to compute its own, on VS Code's schedule: up to many seconds after an edit).
import * as vscode from 'vscode';
import { localStatus, type Environment, type LocalSyncStatus } from '../../sync/src/index';
import type { Environments } from './environments';
import { liveFileOf } from './liveDocuments';
import { languageId } from './services';

export interface FileSyncState {
  env?: Environment;
  status?: LocalSyncStatus;
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
      this.generation++;
      for (const document of vscode.workspace.textDocuments) if (document.languageId === languageId) void this.refresh(document);
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

  /** The state of the document's current text. */
  of(document: vscode.TextDocument): Promise<FileSyncState> {
    const known = this.known.get(document.uri.toString());
    if (known && known.version === document.version && known.generation === this.generation) return Promise.resolve(known.state);
    return this.refresh(document);
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
    const computation = fileSyncState(this.environments, this.log, document).then((state) => {
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

async function fileSyncState(environments: Environments, log: vscode.LogOutputChannel, document: vscode.TextDocument): Promise<FileSyncState> {
  const env = environments.selected();
  if (!env) return { label: 'no environment', icon: '$(cloud)' };
  if (!vscode.workspace.isTrusted) return { env, label: `${env.name}: sync off in Restricted Mode`, icon: '$(shield)' };
  if (document.uri.scheme !== 'file') return { env, label: `${env.name}: save the file to sync it`, icon: '$(cloud)' };
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return { env, label: `${env.name}: outside the workspace`, icon: '$(cloud)' };
  try {
    const scope = { workspaceRoot: folder.uri.fsPath, env, onWarning: (message: string) => log.warn(message) };
    const status = await localStatus(scope, { path: document.uri.fsPath, text: document.getText() });
    return { env, status, label: `${env.name}: ${labels[status.status].text}`, icon: labels[status.status].icon };
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
