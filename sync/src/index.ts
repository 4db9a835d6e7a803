// Public API of the sync engine: push, pull, diff and list resource files against a vendor's live API.
// Shared by the VS Code client and the CLI, so nothing here imports vscode. Callers outside the engine import
// only this module; the engine's own modules import each other directly.
//
// One file: push (its references resolved per environment; what it refers to created first), pull (ids of
// linked files written as references, long prompts as prompts/*.md), diff, localStatus (no network).
// The workspace as one (every call takes a SyncContext; ctx.signal cancels, ctx.onProgress tells steps):
//   status(ctx, { paths? })        every resource file's SyncState and the live orphans, from the state
//                                  file and one list request per kind (never a GET per file)
//   plan(ctx, { paths?, withDependencies? })
//                                  the steps apply would take, in order (creates before what names them,
//                                  updates with the changed paths, conflicts); sends nothing
//   apply(ctx, { paths?, resolve?, onConflict?, onStep? })
//                                  plans afresh and carries it out, recording each resource as it succeeds
//                                  (resumable after any interruption); onStep tells each step's start and end
//   pullAll(ctx, { folder, overwrite?, onResource? })
//                                  every resource of the environment into folder/assistants, tools, …
export type * from './types';
export { SyncError } from './errors';
export { checkEnvironment, defaultBaseUrl } from './environment';
export { push } from './push';
export { fileKind, kindToWrite, validateForPush } from './localFile';
export { fetchLiveText, pull, suggestFileName } from './pull';
export { diff } from './diff';
export { list } from './list';
export { linkedFiles, readLink, unlink, STATE_FILE } from './state';
export { localStatus, status } from './status';
export { plan } from './plan';
export { apply } from './apply';
export { pullAll } from './pullAll';
export { changeList, planMarkdown, stateWords } from './planText';
export { normalise, formatResource } from './normalise';
export { diffPaths } from './jsonDiff';
export { apiMessagesToDiagnostics } from './apiDiagnostics';
