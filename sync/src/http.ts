// HTTP with the engine's rules: a deadline on every request that holds until its body is read, cancellation
// that ends a request at once, retries with backoff only where repeating is safe, bodies read with a size cap,
// errors mapped to SyncError kinds and worded as short plain text, and no key in any log line or message.
import { AttemptDeadline, readBody } from '../../core/src/httpRules';
import { maxNestingDepth, tooDeepAt } from '../../core/src/nesting';
import { cancelledError, SyncError } from './errors';
import { jsonText } from './normalise';
import { redactingLogger, redactor } from './redaction';
import { htmlSummary, isHtml, plainText, shortened } from './responseText';
import type { RetryOptions, SyncContext, SyncLogger } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, starting with '/'; ids in it are URL-encoded. Logged as is, so it never holds a secret. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Wording for a 404 ("Assistant abc was not found"). */
  notFoundMessage?: string;
}

/** How a vendor authenticates and words its errors. */
export interface VendorHttpStyle {
  /** Adds the key to the request: a header or a query parameter. */
  authorize(url: URL, headers: Record<string, string>, apiKey: string): void;
  /** The messages of a JSON error body (Vapi: `message` string or array; Insighto: FastAPI `detail`), as readable text. */
  errorMessages(body: unknown): string[];
}

const defaultRetry: RetryOptions = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/** The largest success body read (a 55 MB assistant is far below); a larger one is refused, not held. */
const maxBodyBytes = 256 * 1024 * 1024;
/** The largest error body read: enough for hundreds of 400 messages; the rest is dropped unread. */
const maxErrorBodyBytes = 1024 * 1024;
/** Messages kept from one error body (each one a diagnostic, for a 400). */
const maxMessages = 100;
/** Messages quoted in one error's text. */
const quotedMessages = 3;

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** ECONNREFUSED, ECONNRESET, …: the reason a connection failed, without the URL. */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return typeof cause?.message === 'string' ? plainText(cause.message) : 'connection failed';
}

/**
 * Failures that happen before a connection exists (name lookup, connect, TLS handshake), so no byte of the
 * request left this machine. Any other failure may come after the server got the request.
 */
function failedBeforeSending(code: string): boolean {
  return (
    /^(?:ECONNREFUSED|ENOTFOUND|EAI_\w+|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|ERR_TLS_\w+|ERR_SSL_\w+)$/.test(code) ||
    /CERT|SELF_SIGNED|UNABLE_TO_(?:GET|VERIFY)/.test(code)
  );
}

type Attempt =
  | { outcome: 'response'; status: number; body: unknown; cut: boolean; tooDeep: boolean; retryAfter?: number; location?: string }
  | { outcome: 'timeout' }
  /** `sent`: false when the failure proves no byte of the request left this machine. */
  | { outcome: 'network'; code: string; sent: boolean };

export class HttpClient {
  private readonly retry: RetryOptions;
  private readonly timeoutMs: number;
  private readonly redact: (text: string) => string;
  private readonly log: SyncLogger;
  private readonly base: URL;
  /**
   * The last write's success body and what it parsed to: the read-back right after a create or an update usually
   * answers the very text the write did, and a 55 MB body takes seconds to parse. Callers never change a value
   * they are given, so the same text may give the same value.
   */
  private lastParse?: { text: string; value: unknown };

  constructor(
    private readonly ctx: SyncContext,
    baseUrl: string,
    private readonly style: VendorHttpStyle,
  ) {
    this.retry = { ...defaultRetry, ...ctx.retry };
    this.timeoutMs = ctx.timeoutMs ?? 30_000;
    this.redact = redactor(ctx.apiKey);
    this.log = redactingLogger(ctx.logger, ctx.apiKey);
    this.base = new URL(baseUrl);
  }

  private get host(): string {
    return this.base.host;
  }

  /** Sends the request and returns the parsed JSON body of a 2xx response; throws SyncError otherwise. */
  async send(request: HttpRequest): Promise<unknown> {
    // PATCH and PUT carry whole subtrees, so repeating one lands the same state; a POST could create twice.
    const repeatable = request.method !== 'POST';
    // What JSON.stringify writes; the large values a hash wrote out already are not written again.
    const body = request.body === undefined ? undefined : jsonText(request.body);
    for (let attempt = 0; ; attempt++) {
      if (this.ctx.signal?.aborted) throw this.cancelled(request, false);
      const started = Date.now();
      const result = await this.attempt(request, body);
      const elapsed = Date.now() - started;
      const label = `${request.method} ${request.path}`;
      if (result.outcome === 'response') {
        this.log.info(`${label} → ${result.status} (${elapsed} ms)`);
        if (result.status >= 200 && result.status < 300) {
          if (result.cut) throw new SyncError('bad-request', `${label}: the response is larger than ${maxBodyBytes / 1024 / 1024} MB; not read.`);
          if (result.tooDeep) throw new SyncError('bad-request', `${label}: the response nests more than ${maxNestingDepth} levels deep; not read.`);
          return result.body;
        }
      } else {
        this.log.warn(`${label} → ${result.outcome === 'timeout' ? `no answer within ${this.timeoutMs} ms` : result.code}`);
      }
      const transient = result.outcome !== 'response' || result.status === 429 || result.status >= 500;
      if (!repeatable || !transient || attempt >= this.retry.retries) throw this.redacted(this.toError(request, result));
      const backoff = this.retry.baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
      const wait = result.outcome === 'response' && result.retryAfter !== undefined ? result.retryAfter : backoff;
      if (wait > this.retry.maxDelayMs) throw this.redacted(this.toError(request, result));
      this.log.info(`retrying in ${Math.round(wait)} ms (attempt ${attempt + 2} of ${this.retry.retries + 1})`);
      await sleep(wait, this.ctx.signal);
    }
  }

  /** The request's URL: the base URL's path, then the request's path and query. */
  private url(request: HttpRequest): URL {
    const url = new URL(this.base.href);
    url.pathname = url.pathname.replace(/\/+$/, '') + request.path;
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    return url;
  }

  private async attempt(request: HttpRequest, body: string | undefined): Promise<Attempt> {
    const url = this.url(request);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    this.style.authorize(url, headers, this.ctx.apiKey);
    const deadline = new AttemptDeadline(this.timeoutMs, this.ctx.signal);
    let responded = false;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers,
        body,
        signal: deadline.signal,
        // Never followed (a redirect could carry the key elsewhere); 'manual' keeps the status so the message can name it.
        redirect: 'manual',
      });
      responded = true;
      const ok = response.status >= 200 && response.status < 300;
      const { text, cut } = await readBody(response, ok ? maxBodyBytes : maxErrorBodyBytes, deadline.signal);
      let parsed: unknown = text;
      const known = ok && !cut && this.lastParse?.text === text ? this.lastParse : undefined;
      this.lastParse = undefined;
      // The engine's walks are bounded in depth like the editor's: a body nested deeper is not parsed.
      const tooDeep = !known && tooDeepAt(text) !== undefined;
      if (known) parsed = known.value; // the same text as the last body, which passed both checks
      else if (tooDeep) parsed = `(a body nested more than ${maxNestingDepth} levels deep)`;
      else if (!cut || !ok) {
        try {
          parsed = text ? JSON.parse(text) : undefined;
          // Kept for the read-back of a write only: nothing else asks for the same body twice.
          if (ok && text && request.method !== 'GET') this.lastParse = { text, value: parsed };
        } catch {
          // Non-JSON bodies (proxies, HTML error pages) and cut ones stay text for the error message.
        }
      }
      return {
        outcome: 'response',
        status: response.status,
        body: parsed,
        cut,
        tooDeep,
        retryAfter: retryAfterMs(response.headers.get('retry-after')),
        location: response.headers.get('location') ?? undefined,
      };
    } catch (error) {
      if (this.ctx.signal?.aborted) throw this.cancelled(request, true);
      if (deadline.timedOut) return { outcome: 'timeout' };
      const code = networkCode(error);
      return { outcome: 'network', code, sent: responded || !failedBeforeSending(code) };
    } finally {
      deadline.done();
    }
  }

  /** A cancel while a create was on its way may still have created it. */
  private cancelled(request: HttpRequest, sent: boolean): SyncError {
    if (request.method !== 'POST' || !sent) return cancelledError();
    return new SyncError('cancelled', `Cancelled. ${createMayHaveSucceededAdvice}`, { createMayHaveSucceeded: true });
  }

  /** Belt and braces: no message leaves here with the key in it, whatever a server or a library echoed. */
  private redacted(error: SyncError): SyncError {
    const message = this.redact(error.message);
    return message === error.message ? error : new SyncError(error.kind, message, error);
  }

  /** The error body's messages as short plain text without the key: at most `maxMessages`, each a few hundred characters. */
  private messagesOf(body: unknown, cut: boolean): string[] {
    let raw: string[];
    if (typeof body === 'string') raw = isHtml(body) ? [htmlSummary(body)] : [body];
    else if (body === undefined) raw = [];
    else raw = this.style.errorMessages(body);
    const messages = raw
      .slice(0, maxMessages)
      .map((message) => shortened(this.redact(plainText(this.redact(message)))))
      .filter(Boolean);
    if (raw.length > maxMessages) messages.push(`… and ${raw.length - maxMessages} more messages`);
    if (cut) messages.push(`(the response was longer than ${maxErrorBodyBytes / 1024 / 1024} MB; the rest was not read)`);
    return messages;
  }

  /** Where a redirect pointed, as its origin only: its path or query could hold anything the server chose to echo. */
  private redirectTarget(location: string | undefined): string {
    if (!location) return '';
    try {
      return ` to ${plainText(this.redact(new URL(location, this.base).origin))}`;
    } catch {
      return '';
    }
  }

  private toError(request: HttpRequest, result: Attempt): SyncError {
    const isCreate = request.method === 'POST';
    if (result.outcome === 'timeout') {
      return new SyncError('timeout', `${this.host} did not answer within ${this.timeoutMs / 1000} s.${isCreate ? ` ${createMayHaveSucceededAdvice}` : ''}`, {
        createMayHaveSucceeded: isCreate || undefined,
      });
    }
    if (result.outcome === 'network') {
      const outcome = !isCreate ? '' : result.sent ? ` ${createMayHaveSucceededAdvice}` : ' The create was not sent.';
      return new SyncError('network', `Could not reach ${this.host} (${result.code}). Check the connection and the base URL.${outcome}`, {
        createMayHaveSucceeded: isCreate ? result.sent : undefined,
      });
    }
    const { status } = result;
    const messages = this.messagesOf(result.body, result.cut);
    const quoted = messages.slice(0, quotedMessages).join('; ') + (messages.length > quotedMessages ? `; … (${messages.length - quotedMessages} more)` : '');
    const detail = messages.length ? `: ${quoted}` : '';
    const env = this.ctx.env.name;
    if (status === 401 || status === 403) {
      return new SyncError('auth', `The API refused the key for environment '${env}' (${status}${detail}). Set the right key for this environment.`, { status });
    }
    if (status >= 300 && status < 400) {
      return new SyncError(
        'bad-request',
        `${this.host} answered ${status}, a redirect${this.redirectTarget(result.location)}. Redirects are not followed, so nothing was sent there; check the base URL.${isCreate ? ` ${createMayHaveSucceededAdvice}` : ''}`,
        { status, createMayHaveSucceeded: isCreate || undefined },
      );
    }
    if (status === 404) {
      return new SyncError('not-found', request.notFoundMessage ?? `Not found (404) at ${this.host}${request.path}.`, { status });
    }
    if (status === 429) {
      return new SyncError('rate-limited', `${this.host} is rate limiting requests (429). Wait a little and try again.`, { status });
    }
    if (status >= 500) {
      return new SyncError('server', `${this.host} failed with ${status}${detail}. Try again later.${isCreate ? ` ${createMayHaveSucceededAdvice}` : ''}`, {
        status,
        createMayHaveSucceeded: isCreate || undefined,
      });
    }
    if (status === 400 || status === 422) {
      return new SyncError('validation', `The API rejected the request (${status})${detail}`, { status, apiMessages: messages });
    }
    return new SyncError('bad-request', `${request.method} ${request.path} failed with ${status}${detail}.`, { status });
  }
}

const createMayHaveSucceededAdvice = 'The create may have succeeded: push again to check (it looks for the resource before creating another).';
