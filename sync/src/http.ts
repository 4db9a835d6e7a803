// HTTP with the engine's rules: a timeout on every request, retries with backoff only where repeating is safe,
// errors mapped to SyncError kinds, and no key in any log line or message.
import { cancelledError, SyncError } from './errors';
import type { RetryOptions, SyncContext, SyncLogger } from './types';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT';

export interface HttpRequest {
  method: HttpMethod;
  /** Path below the base URL, starting with '/'. Logged as is, so it never holds a secret. */
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
  /** The messages of an error body (Vapi: `message` string or array; Insighto: FastAPI `detail`). */
  errorMessages(body: unknown): string[];
}

const defaultRetry: RetryOptions = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Replaces the key wherever it appears; applied to every log line and every message built from a response. */
export function redactor(apiKey: string): (text: string) => string {
  if (!apiKey) return (text) => text;
  return (text) => text.split(apiKey).join('***');
}

export function redactingLogger(logger: SyncLogger | undefined, apiKey: string): SyncLogger {
  const redact = redactor(apiKey);
  return {
    info: (message) => logger?.info(redact(message)),
    warn: (message) => logger?.warn(redact(message)),
    error: (message) => logger?.error(redact(message)),
  };
}

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
  return typeof cause?.message === 'string' ? cause.message : 'connection failed';
}

type Attempt =
  | { outcome: 'response'; status: number; body: unknown; retryAfter?: number }
  | { outcome: 'timeout' }
  | { outcome: 'network'; code: string };

export class HttpClient {
  private readonly retry: RetryOptions;
  private readonly timeoutMs: number;
  private readonly redact: (text: string) => string;
  private readonly log: SyncLogger;

  constructor(
    private readonly ctx: SyncContext,
    private readonly baseUrl: string,
    private readonly style: VendorHttpStyle,
  ) {
    this.retry = { ...defaultRetry, ...ctx.retry };
    this.timeoutMs = ctx.timeoutMs ?? 30_000;
    this.redact = redactor(ctx.apiKey);
    this.log = redactingLogger(ctx.logger, ctx.apiKey);
  }

  private get host(): string {
    return new URL(this.baseUrl).host;
  }

  /** Sends the request and returns the parsed JSON body of a 2xx response; throws SyncError otherwise. */
  async send(request: HttpRequest): Promise<unknown> {
    // PATCH and PUT carry whole subtrees, so repeating one lands the same state; a POST could create twice.
    const repeatable = request.method !== 'POST';
    for (let attempt = 0; ; attempt++) {
      if (this.ctx.signal?.aborted) throw cancelledError();
      const started = Date.now();
      const result = await this.attempt(request);
      const elapsed = Date.now() - started;
      const label = `${request.method} ${request.path}`;
      if (result.outcome === 'response') {
        this.log.info(`${label} → ${result.status} (${elapsed} ms)`);
        if (result.status >= 200 && result.status < 300) return result.body;
      } else {
        this.log.warn(`${label} → ${result.outcome === 'timeout' ? `no answer within ${this.timeoutMs} ms` : result.code}`);
      }
      const transient =
        result.outcome !== 'response' || result.status === 429 || result.status >= 500;
      if (!repeatable || !transient || attempt >= this.retry.retries) throw this.redacted(this.toError(request, result));
      const backoff = this.retry.baseDelayMs * 2 ** attempt * (0.5 + Math.random() / 2);
      const wait = result.outcome === 'response' && result.retryAfter !== undefined ? result.retryAfter : backoff;
      if (wait > this.retry.maxDelayMs) throw this.redacted(this.toError(request, result));
      this.log.info(`retrying in ${Math.round(wait)} ms (attempt ${attempt + 2} of ${this.retry.retries + 1})`);
      await sleep(wait, this.ctx.signal);
    }
  }

  private async attempt(request: HttpRequest): Promise<Attempt> {
    const url = new URL(this.baseUrl + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    this.style.authorize(url, headers, this.ctx.apiKey);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const signal = this.ctx.signal ? AbortSignal.any([this.ctx.signal, timeout]) : timeout;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal,
        redirect: 'error', // a redirect could carry the key elsewhere
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Non-JSON bodies (proxies, HTML error pages) stay text for the error message.
      }
      return { outcome: 'response', status: response.status, body, retryAfter: retryAfterMs(response.headers.get('retry-after')) };
    } catch (error) {
      if (this.ctx.signal?.aborted) throw cancelledError();
      if (timeout.aborted) return { outcome: 'timeout' };
      return { outcome: 'network', code: networkCode(error) };
    }
  }

  /** Belt and braces: no message leaves here with the key in it, whatever a server or a library echoed. */
  private redacted(error: SyncError): SyncError {
    const message = this.redact(error.message);
    return message === error.message ? error : new SyncError(error.kind, message, error);
  }

  private toError(request: HttpRequest, result: Attempt): SyncError {
    const createMayHaveSucceeded = request.method === 'POST';
    const unknownOutcome = createMayHaveSucceeded
      ? ' The create may have succeeded: push again to check (it looks for the assistant before creating another).'
      : '';
    if (result.outcome === 'timeout') {
      return new SyncError('timeout', `${this.host} did not answer within ${this.timeoutMs / 1000} s.${unknownOutcome}`, {
        createMayHaveSucceeded,
      });
    }
    if (result.outcome === 'network') {
      return new SyncError('network', `Could not reach ${this.host} (${result.code}). Check the connection and the base URL.${unknownOutcome}`, {
        createMayHaveSucceeded,
      });
    }
    const { status } = result;
    const messages = this.style.errorMessages(result.body).map(this.redact);
    const detail = messages.length ? `: ${messages.join('; ')}` : '';
    const env = this.ctx.env.name;
    if (status === 401 || status === 403) {
      return new SyncError('auth', `The API refused the key for environment '${env}' (${status}${detail}). Set the right key for this environment.`, { status });
    }
    if (status === 404) {
      return new SyncError('not-found', request.notFoundMessage ?? `Not found (404) at ${this.host}${request.path}.`, { status });
    }
    if (status === 429) {
      return new SyncError('rate-limited', `${this.host} is rate limiting requests (429). Wait a little and try again.`, { status });
    }
    if (status >= 500) {
      return new SyncError('server', `${this.host} failed with ${status}${detail}. Try again later.${unknownOutcome}`, {
        status,
        createMayHaveSucceeded,
      });
    }
    if (status === 400 || status === 422) {
      return new SyncError('validation', `The API rejected the assistant (${status})${detail}`, { status, apiMessages: messages });
    }
    return new SyncError('bad-request', `${request.method} ${request.path} failed with ${status}${detail}.`, { status });
  }
}
