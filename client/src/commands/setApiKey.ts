// Assistant Config: Set API Key — stores an environment's key in VS Code's SecretStorage (never in settings).
import vscode = require('vscode');
import type { Environment } from '../../../sync/src/index';
import type { Services } from '../services';
import { pickEnvironment } from './selectEnvironment';

/** Asks for the key with a password box and stores it; undefined if the user dismissed the box. */
export async function promptForApiKey(services: Services, env: Environment): Promise<string | undefined> {
  const key = await vscode.window.showInputBox({
    title: `API key for '${env.name}'`,
    prompt: `The private API key of the ${env.vendor} org behind '${env.name}' (${env.baseUrl}). Kept in VS Code's secret storage.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter a key, or press Escape to cancel.'),
  });
  if (!key?.trim()) return undefined;
  await store(services, env, key.trim());
  return key.trim();
}

async function store(services: Services, env: Environment, key: string): Promise<void> {
  await services.environments.storeApiKey(env, key);
  services.log.info(`Stored an API key for environment ${env.name}`);
}

export function registerSetApiKey(services: Services): vscode.Disposable {
  // Arguments (environment name, key) let tests and scripts run it without UI; the palette passes none.
  return vscode.commands.registerCommand('assistantConfig.setApiKey', async (name?: unknown, key?: unknown) => {
    const env =
      typeof name === 'string' ? services.environments.byName(name) : await pickEnvironment(services, 'Set the API key of which environment?');
    if (!env) return false;
    if (typeof key === 'string' && key.trim()) {
      await store(services, env, key.trim());
      return true;
    }
    const stored = await promptForApiKey(services, env);
    if (stored) void vscode.window.showInformationMessage(`API key for '${env.name}' saved in VS Code's secret storage.`);
    return stored !== undefined;
  });
}
