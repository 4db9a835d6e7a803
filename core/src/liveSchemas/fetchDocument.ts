// Fetches a vendor's OpenAPI document (`<baseUrl>/api-json` for Vapi) under the product's http rules
// (core/src/httpRules): a deadline that holds until the body is read, a size cap, no redirects, https
// except to this machine. The document is public: no key is needed, so none is sent, whatever the
// environment holds.
import { AttemptDeadline, checkBaseUrl, readBody } from '../httpRules';

/** The Vapi document of 2026-08 is 3.3 MB; a hundred times that is not an API description. */
const maxDocumentBytes = 64 * 1024 * 1024;
const defaultTimeoutMs = 60_000;

export interface FetchedDocument {
  url: string;
  text: string;
}

/** The URL of the vendor's OpenAPI document below a base URL, checked: https, or http to a loopback host. */
export function documentUrl(baseUrl: string): URL {
  const checked = checkBaseUrl(baseUrl);
  if (!checked.ok) {
    const { problem } = checked;
    if (problem === 'invalid') throw new Error(`The base URL '${baseUrl}' is not a valid URL.`);
    if (problem === 'credentials-query-fragment') throw new Error('The base URL must not contain credentials, a query string or a fragment.');
    if (problem === 'plain-http') throw new Error(`Refusing plain http to ${checked.url.host}: use https (http is allowed only for 127.0.0.1, ::1 and localhost).`);
    throw new Error(`The base URL must be https (got ${checked.url.protocol}).`);
  }
  const { url } = checked;
  url.pathname = url.pathname.replace(/\/+$/, '') + '/api-json';
  return url;
}

/** GETs the document's text; throws an Error saying in one sentence why it could not. */
export async function fetchOpenApiDocument(baseUrl: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<FetchedDocument> {
  const url = documentUrl(baseUrl);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const deadline = new AttemptDeadline(timeoutMs, options.signal);
  try {
    // Only these headers: no authorization, no cookie.
    const response = await fetch(url, { headers: { accept: 'application/json' }, signal: deadline.signal, redirect: 'error' });
    if (response.status < 200 || response.status >= 300) {
      response.body?.cancel().catch(() => undefined);
      throw new Error(`${url.href} answered ${response.status}.`);
    }
    const { text, cut } = await readBody(response, maxDocumentBytes, deadline.signal);
    if (cut) throw new Error(`${url.href} is larger than ${maxDocumentBytes / 1024 / 1024} MB; not read.`);
    return { url: url.href, text };
  } catch (error) {
    if (options.signal?.aborted) throw new Error('Cancelled.');
    if (deadline.timedOut) throw new Error(`${url.host} did not send the document within ${timeoutMs / 1000} s.`);
    if (error instanceof Error && error.message.startsWith(url.href)) throw error;
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const reason = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
    throw new Error(`Could not fetch ${url.href} (${reason}).`);
  } finally {
    deadline.done();
  }
}
