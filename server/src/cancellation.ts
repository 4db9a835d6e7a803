import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

function cancelled<T>(): ResponseError<T> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** One turn of the event loop, in which pending input (such as a $/cancelRequest) is read. */
const readPendingInput = () => new Promise((resolve) => setImmediate(resolve));

/** Work that takes this long may have been cancelled while it ran. */
const longWorkMs = 5;

/**
 * Runs a request's work unless it is cancelled first, and drops the result when the request was
 * cancelled while it ran (the client has moved on, e.g. typed again). Work is synchronous in stretches,
 * so a cancellation is only seen after yielding: after long work, before answering. One that arrived
 * before the request was dispatched is already on its token (vscode-jsonrpc reads a cancellation as it
 * comes in, even for a request still queued), so starting needs no turn of the event loop (a tenth of a
 * millisecond on every request).
 */
export async function runCancellable<R>(token: CancellationToken, work: () => R | PromiseLike<R>): Promise<R | ResponseError<void>> {
  if (token.isCancellationRequested) return cancelled();
  const started = performance.now();
  const result = await work();
  // Quick work is answered at once: a cancellation is unlikely to have arrived meanwhile.
  if (performance.now() - started >= longWorkMs) await readPendingInput();
  return token.isCancellationRequested ? cancelled() : result;
}
