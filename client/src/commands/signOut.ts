// Assistant Config: Sign Out — forgets an environment's API key.
import vscode = require('vscode');
import type { Services } from '../services';
import { pickEnvironment } from './selectEnvironment';

export function registerSignOut(services: Services): vscode.Disposable {
  return vscode.commands.registerCommand('assistantConfig.signOut', async (name?: unknown) => {
    const env =
      typeof name === 'string' ? services.environments.byName(name) : await pickEnvironment(services, 'Forget the API key of which environment?');
    if (!env) return false;
    await services.environments.deleteApiKey(env);
    services.log.info(`Removed the API key of environment ${env.name}`);
    void vscode.window.showInformationMessage(`Signed out of '${env.name}': its API key was removed from VS Code's secret storage.`);
    return true;
  });
}
