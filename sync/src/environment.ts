// Where an environment may send its key: https anywhere, plain http only to this machine.
import { checkBaseUrl } from '../../core/src/httpRules';
import { isVendor } from '../../core/src/kinds';
import { SyncError } from './errors';
import type { Environment } from './types';

export { defaultBaseUrl } from '../../core/src/kinds';

/**
 * Throws a SyncError ('config') unless the environment is usable: a known vendor and an http(s) base URL that is
 * https, or http to a loopback host. Returns the base URL without a trailing slash.
 */
export function checkEnvironment(env: Environment): string {
  if (!isVendor(env.vendor)) {
    throw new SyncError('config', `Environment '${env.name}': unknown vendor '${String(env.vendor)}' (use vapi or insighto).`);
  }
  const checked = checkBaseUrl(env.baseUrl);
  if (!checked.ok) {
    const { problem } = checked;
    if (problem === 'invalid') throw new SyncError('config', `Environment '${env.name}': base URL '${env.baseUrl}' is not a valid URL.`);
    if (problem === 'credentials-query-fragment') {
      throw new SyncError('config', `Environment '${env.name}': the base URL must not contain credentials, a query string or a fragment.`);
    }
    if (problem === 'plain-http') {
      throw new SyncError(
        'config',
        `Environment '${env.name}': refusing to send an API key over plain http to ${checked.url.host}. Use https (http is allowed only for 127.0.0.1, ::1 and localhost).`,
      );
    }
    throw new SyncError('config', `Environment '${env.name}': base URL must be https (got ${checked.url.protocol}).`);
  }
  const { url } = checked;
  return url.href.replace(/\/+$/, '');
}
