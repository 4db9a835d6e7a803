// How an open assistant file stands against the selected environment, from the state file alone (no
// network): what the status bar item and the code lens show.
import * as vscode from 'vscode';
import { localStatus, type Environment, type LocalSyncStatus } from '../../sync/src/index';
import { liveScheme } from './liveDocuments';
import type { Services } from './services';

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

export async function fileSyncState(services: Services, document: vscode.TextDocument): Promise<FileSyncState> {
  const env = services.environments.selected();
  if (!env) return { label: 'no environment', icon: '$(cloud)' };
  if (!vscode.workspace.isTrusted) return { env, label: `${env.name}: sync off in Restricted Mode`, icon: '$(shield)' };
  if (document.uri.scheme === liveScheme) return { env, label: `${env.name}: comparing with live`, icon: '$(diff)' };
  if (document.uri.scheme !== 'file') return { env, label: `${env.name}: save the file to sync it`, icon: '$(cloud)' };
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return { env, label: `${env.name}: outside the workspace`, icon: '$(cloud)' };
  try {
    const scope = { workspaceRoot: folder.uri.fsPath, env, onWarning: (message: string) => services.log.warn(message) };
    const status = await localStatus(scope, { path: document.uri.fsPath, text: document.getText() });
    return { env, status, label: `${env.name}: ${labels[status.status].text}`, icon: labels[status.status].icon };
  } catch (error) {
    services.log.warn(`Could not read the sync state of ${vscode.workspace.asRelativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
    return { env, label: `${env.name}: state unreadable`, icon: '$(warning)' };
  }
}
