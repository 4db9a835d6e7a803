// Which environment a workspace syncs with, and the API key of each environment.
// Environments come from user settings; the choice is per workspace; keys live in SecretStorage only.
import vscode = require('vscode');
import type { Environment } from '../../sync/src/index';
import { affectsSettings, configuredEnvironments } from './settings';

const selectedKey = 'assistantConfig.selectedEnvironment';

export class Environments implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the environments, the selection or a key change. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {
    this.subscriptions = [
      this.changed,
      vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event) && this.changed.fire()),
      secrets.onDidChange(() => this.changed.fire()),
    ];
  }

  all(): Environment[] {
    return configuredEnvironments();
  }

  /** The workspace's chosen environment, else the first one configured. */
  selected(): Environment | undefined {
    const all = this.all();
    const name = this.workspaceState.get<string>(selectedKey);
    return all.find((env) => env.name === name) ?? all[0];
  }

  byName(name: string): Environment | undefined {
    return this.all().find((env) => env.name === name);
  }

  async select(env: Environment): Promise<void> {
    await this.workspaceState.update(selectedKey, env.name);
    this.changed.fire();
  }

  apiKey(env: Environment): Thenable<string | undefined> {
    return this.secrets.get(secretId(env));
  }

  async storeApiKey(env: Environment, key: string): Promise<void> {
    await this.secrets.store(secretId(env), key);
  }

  async deleteApiKey(env: Environment): Promise<void> {
    await this.secrets.delete(secretId(env));
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/**
 * The secret is bound to the environment's name, vendor and base URL: editing an environment's URL does not
 * carry its old key to the new address; the user is asked again.
 */
function secretId(env: Environment): string {
  return `apiKey:${env.name}:${env.vendor}:${env.baseUrl.replace(/\/+$/, '')}`;
}
