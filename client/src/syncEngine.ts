// The sync engine (push, pull, diff, list and the state file: sync/src) is a bundle of its own, dist/sync.js,
// required the first time a command or a file's sync state needs it. Activation loads the language client
// and the views only, and dist/extension.js holds no engine (test/cli/bundle.test.ts).
import * as path from 'node:path';
import type * as SyncEngine from '../../sync/src/index';

let engine: typeof SyncEngine | undefined;

export function syncEngine(): typeof SyncEngine {
  // A path computed at run time: esbuild leaves the require alone, so the engine is not bundled in here.
  engine ??= require(path.join(__dirname, 'sync.js')) as typeof SyncEngine;
  return engine;
}
