// The one error type the engine throws: a machine-readable kind plus a message written for the user.
import type { FileDiagnostic, SyncErrorKind, SyncErrorShape } from './types';

export class SyncError extends Error implements SyncErrorShape {
  readonly kind: SyncErrorKind;
  readonly status?: number;
  readonly diagnostics?: FileDiagnostic[];
  readonly createMayHaveSucceeded?: boolean;
  readonly apiMessages?: string[];

  constructor(
    kind: SyncErrorKind,
    message: string,
    extra: { status?: number; diagnostics?: FileDiagnostic[]; createMayHaveSucceeded?: boolean; apiMessages?: string[] } = {},
  ) {
    super(message);
    this.name = 'SyncError';
    this.kind = kind;
    this.status = extra.status;
    this.diagnostics = extra.diagnostics;
    this.createMayHaveSucceeded = extra.createMayHaveSucceeded;
    this.apiMessages = extra.apiMessages;
  }
}

export function cancelledError(): SyncError {
  return new SyncError('cancelled', 'Cancelled.');
}
