// The live schema update (core/src/liveSchemas) in a worker thread (dist/schemaUpdate.js): converting the
// document and compiling its validators takes seconds of synchronous work, which would stall every extension in
// the extension host. Reads its request from workerData; posts progress lines, then the result with the diff
// as lines (here, so that the extension's own bundle carries none of the conversion's code).
import { parentPort, workerData } from 'node:worker_threads';
import { checkDue, diffLines, updateLiveSchemas } from '../../core/src/liveSchemas';
import type { SchemaUpdateMessage, SchemaUpdateRequest } from './schemaUpdate';

const { onlyIfDue, ...request } = workerData as SchemaUpdateRequest;
const post = (message: SchemaUpdateMessage) => parentPort!.postMessage(message);

const run = async (): Promise<SchemaUpdateMessage> => {
  if (onlyIfDue && !checkDue(request.root, request.vendor)) return { notDue: true };
  const result = await updateLiveSchemas({ ...request, onProgress: (progress) => post({ progress }) });
  return { result, diff: result.outcome === 'updated' && result.meta?.diff ? diffLines(result.meta.diff) : [] };
};
void run().then(
  post,
  // updateLiveSchemas reports network and document problems in its result; this is a fault of the cache folder or the code.
  (error: unknown) => post({ error: error instanceof Error ? error.message : String(error) }),
);
