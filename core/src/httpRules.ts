// The rules every request of the product follows, whoever sends it (the sync engine's HttpClient, the fetch of
// a vendor's live OpenAPI document): a deadline that holds until the body is read, a size cap on the body,
// and plain http only to this machine.

/** localhost, ::1 and 127.x.x.x: the hosts plain http may go to. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return /^127(\.\d{1,3}){3}$/.test(host);
}

/** Why a base URL may not be sent to, or the parsed URL when it may. */
export type BaseUrlCheck =
  | { ok: true; url: URL }
  | { ok: false; problem: 'invalid' }
  | { ok: false; problem: 'credentials-query-fragment' | 'plain-http' | 'scheme'; url: URL };

/**
 * The one rule for every base URL a request goes to: a URL, no credentials, query or fragment (a bare `?` or
 * `#` leaves URL.search and URL.hash empty but would still swallow the request's path), and https, or plain
 * http only to a loopback host. Callers word the problem for their place.
 */
export function checkBaseUrl(baseUrl: string): BaseUrlCheck {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.username || url.password || /[?#]/.test(baseUrl)) return { ok: false, problem: 'credentials-query-fragment', url };
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, problem: 'plain-http', url };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'scheme', url };
  return { ok: true, url };
}

/**
 * One attempt's end: its deadline or the caller's cancel, whichever comes first. The timer and the controller
 * are held here until `done()`, so a collected signal cannot lose the deadline (AbortSignal.timeout can), and
 * the same signal ends the connection and the read of the body.
 */
export class AttemptDeadline {
  readonly controller = new AbortController();
  timedOut = false;
  private readonly timer: NodeJS.Timeout;
  private readonly onCancel = () => this.controller.abort();

  constructor(
    timeoutMs: number,
    private readonly cancel: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    cancel?.addEventListener('abort', this.onCancel, { once: true });
    if (cancel?.aborted) this.controller.abort();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  done(): void {
    clearTimeout(this.timer);
    this.cancel?.removeEventListener('abort', this.onCancel);
  }
}

/** Reads at most `limit` bytes of a body; stops reading (and drops the connection) at the limit or when `signal` aborts. */
export async function readBody(response: Response, limit: number, signal: AbortSignal): Promise<{ text: string; cut: boolean }> {
  const reader = response.body?.getReader();
  if (!reader) return { text: '', cut: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const aborted = new Promise<never>((_resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) return { text: Buffer.concat(chunks, size).toString('utf8'), cut: false };
      const room = limit - size;
      if (value.byteLength >= room) {
        chunks.push(value.subarray(0, room));
        size += room;
        return { text: Buffer.concat(chunks, size).toString('utf8'), cut: true };
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
