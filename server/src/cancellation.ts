import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

function cancelled<T>(): ResponseError<T> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/**
 * Runs a request's work unless it is cancelled first, and drops the result when the request was
 * cancelled while it ran (the client has moved on, e.g. typed again). Waiting one turn of the event
 * loop before starting lets a cancellation that is already on its way be read first.
 */
export async function runCancellable<R>(token: CancellationToken, work: () => R | PromiseLike<R>): Promise<R | ResponseError<void>> {
  await new Promise((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) return cancelled();
  const result = await work();
  return token.isCancellationRequested ? cancelled() : result;
}
