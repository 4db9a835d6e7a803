// Where an environment may send its key: https anywhere, plain http only to this machine.
import { isLoopbackHost } from '../../core/src/httpRules';
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
  let url: URL;
  try {
    url = new URL(env.baseUrl);
  } catch {
    throw new SyncError('config', `Environment '${env.name}': base URL '${env.baseUrl}' is not a valid URL.`);
  }
  // A bare `?` or `#` leaves URL.search and URL.hash empty but would still swallow the request's path.
  if (url.username || url.password || /[?#]/.test(env.baseUrl)) {
    throw new SyncError('config', `Environment '${env.name}': the base URL must not contain credentials, a query string or a fragment.`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new SyncError(
      'config',
      `Environment '${env.name}': refusing to send an API key over plain http to ${url.host}. Use https (http is allowed only for 127.0.0.1, ::1 and localhost).`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SyncError('config', `Environment '${env.name}': base URL must be https (got ${url.protocol}).`);
  }
  return url.href.replace(/\/+$/, '');
}
