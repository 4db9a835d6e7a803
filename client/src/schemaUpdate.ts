// Runs a live schema update in a worker thread (schemaUpdateWorker.ts, bundled as dist/schemaUpdate.js) and
// waits for its result. Cancelling ends the worker: the cache is written by rename, so the last good schema
// stays whole whatever the worker was doing. No vscode here, so it can be tested in plain Node.
import { Worker } from 'node:worker_threads';
import type { UpdateResult } from '../../core/src/liveSchemas';
import type { Vendor } from '../../core/src/kinds';

export interface SchemaUpdateRequest {
  root: string;
  vendor: Vendor;
  baseUrl: string;
  timeoutMs?: number;
  /** Only when no check ran in the last day (the background check). */
  onlyIfDue?: boolean;
}

/** What the update did, and after an update the changes as lines for the log (diffLines). */
export interface SchemaUpdateDone {
  result: UpdateResult;
  diff: string[];
}

export type SchemaUpdateMessage = { progress: string } | SchemaUpdateDone | { notDue: true } | { error: string };

export interface SchemaUpdateRun {
  /** The update's outcome, or 'not-due' (onlyIfDue); rejects when the worker failed or was cancelled. */
  result: Promise<SchemaUpdateDone | 'not-due'>;
  cancel(): void;
}

export class SchemaUpdateCancelled extends Error {
  constructor() {
    super('The schema update was cancelled; the schema in use is unchanged.');
  }
}

export function runSchemaUpdate(workerFile: string, request: SchemaUpdateRequest, onProgress: (message: string) => void = () => undefined): SchemaUpdateRun {
  const worker = new Worker(workerFile, { workerData: request });
  let cancelled = false;
  const result = new Promise<SchemaUpdateDone | 'not-due'>((resolve, reject) => {
    worker.on('message', (message: SchemaUpdateMessage) => {
      if ('progress' in message) onProgress(message.progress);
      else if ('result' in message) resolve(message);
      else if ('notDue' in message) resolve('not-due');
      else reject(new Error(message.error));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => reject(cancelled ? new SchemaUpdateCancelled() : new Error(`The schema update stopped (exit code ${code}) before it finished.`)));
  });
  // Once settled, the worker has nothing left to do.
  void result.finally(() => void worker.terminate()).catch(() => undefined);
  return {
    result,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
