// Assistant Config: Select Environment — which environment this workspace pushes to, pulls from and diffs against.
import vscode = require('vscode');
import type { Environment } from '../../../sync/src/index';
import type { Services } from '../services';

const editItem = 'Edit environments in User Settings…';

/** A quick pick of the configured environments, marking the selected one and those without a key. */
export async function pickEnvironment(services: Services, placeHolder: string): Promise<Environment | undefined> {
  const selected = services.environments.selected();
  const items = await Promise.all(
    services.environments.all().map(async (env) => ({
      label: env.name,
      description: `${env.vendor} · ${env.baseUrl}`,
      detail: (env.name === selected?.name ? '$(check) selected · ' : '') + ((await services.environments.apiKey(env)) ? 'API key set' : 'no API key yet'),
      env,
    })),
  );
  const choice = await vscode.window.showQuickPick([...items, { label: editItem, description: '', detail: undefined, env: undefined }], {
    placeHolder,
  });
  if (choice?.label === editItem) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'assistantConfig.environments');
    return undefined;
  }
  return choice?.env;
}

export function registerSelectEnvironment(services: Services): vscode.Disposable {
  // The editor title menu passes the file's Uri; a name comes only from code (tests, other commands).
  return vscode.commands.registerCommand('assistantConfig.selectEnvironment', async (name?: unknown) => {
    const env =
      typeof name === 'string'
        ? services.environments.byName(name)
        : await pickEnvironment(services, 'Environment to push to, pull from and diff against in this workspace');
    if (typeof name === 'string' && !env) {
      void vscode.window.showErrorMessage(`No environment named '${name}' in "assistantConfig.environments".`);
      return undefined;
    }
    if (!env) return undefined;
    await services.environments.select(env);
    services.log.info(`Selected environment ${env.name} (${env.vendor}, ${env.baseUrl})`);
    return env.name;
  });
}
