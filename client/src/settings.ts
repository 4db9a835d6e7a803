// The one place that reads this extension's settings.
import vscode = require('vscode');
import { defaultBaseUrl, isVendor } from '../../core/src/kinds';
import type { Environment, Vendor } from '../../sync/src/index';

const section = 'assistantConfig';

interface EnvironmentSetting {
  vendor?: Vendor;
  baseUrl?: string;
}

/**
 * The environments from the user's settings. `assistantConfig.environments` has application scope, so VS Code
 * never takes it from a workspace; reading only the user value (or the default) keeps it that way even if a
 * workspace file sets it: a cloned repository must not be able to redirect where a key is sent.
 */
export function configuredEnvironments(): Environment[] {
  const inspected = vscode.workspace.getConfiguration(section).inspect<Record<string, EnvironmentSetting>>('environments');
  const entries = inspected?.globalValue ?? inspected?.defaultValue ?? {};
  return Object.entries(entries)
    .filter(([, value]) => isVendor(value?.vendor))
    .map(([name, value]) => {
      const vendor = value.vendor as Vendor;
      return { name, vendor, baseUrl: value.baseUrl ?? defaultBaseUrl(vendor) };
    });
}

/** Pull puts prompts longer than this many lines into their own Markdown files. */
export function promptFileLines(scope?: vscode.Uri): number {
  const value = vscode.workspace.getConfiguration(section, scope).get<number>('pull.promptFileLines', 20);
  return Number.isInteger(value) && value >= 0 ? value : 20;
}

export function codeLensEnabled(): boolean {
  return vscode.workspace.getConfiguration(section).get<boolean>('codeLens.enabled', true);
}

/** Whether the live Vapi schema is checked in the background (at most once a day). */
export function schemasAutoUpdate(): boolean {
  return vscode.workspace.getConfiguration(section).get<boolean>('schemas.autoUpdate', true);
}

/** True when a configuration change touches any setting read here. */
export function affectsSettings(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(section);
}
