// The live schema update (core/src/liveSchemas) in a worker thread (dist/schemaUpdate.js): converting the
// document and compiling its validators takes seconds of synchronous work, which would stall every extension in
// the extension host. Reads its request from workerData; posts progress lines, then the result.
import { parentPort, workerData } from 'node:worker_threads';
import { updateLiveSchemas } from '../../core/src/liveSchemas';
import type { SchemaUpdateMessage, SchemaUpdateRequest } from './schemaUpdate';

const request = workerData as SchemaUpdateRequest;
const post = (message: SchemaUpdateMessage) => parentPort!.postMessage(message);

void updateLiveSchemas({ ...request, onProgress: (progress) => post({ progress }) }).then(
  (result) => post({ result }),
  // updateLiveSchemas reports network and document problems in its result; this is a fault of the cache folder or the code.
  (error: unknown) => post({ error: error instanceof Error ? error.message : String(error) }),
);
