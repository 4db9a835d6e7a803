// Public API of the sync engine: push, pull, diff and list resource files against a vendor's live API.
// Shared by the VS Code client and the CLI, so nothing here imports vscode. Callers outside the engine import
// only this module; the engine's own modules import each other directly.
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
export { normalise, formatResource } from './normalise';
export { diffPaths } from './jsonDiff';
export { apiMessagesToDiagnostics } from './apiDiagnostics';
