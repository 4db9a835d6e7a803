// The sync engine's types: environments, contexts, results and errors. Every engine module imports them from
// here; callers outside the engine get them from the barrel (index.ts).
import type { Diagnostic } from 'vscode-languageserver-types';
import type { KindId, ResourceKind, ResourceType, Vendor } from '../../core/src/kinds';

export type { Vendor };

/**
 * A named target org: `dev`, `prod`, ... The key is not part of it (callers keep keys in SecretStorage or
 * environment variables and pass them in a {@link SyncContext}).
 * `baseUrl` must be https unless its host is loopback (127.0.0.0/8, ::1, localhost); see {@link checkEnvironment}.
 * Defaults: Vapi `https://api.vapi.ai`, Insighto `https://api.insighto.ai/api/v1` ({@link defaultBaseUrl}).
 */
export interface Environment {
  name: string;
  vendor: Vendor;
  baseUrl: string;
}

/** Receives log lines. The engine removes the API key from every line before it gets here and never logs query strings. */
export interface SyncLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Retry policy for idempotent requests (GET, PATCH, PUT) on 429, 5xx and dropped connections. POST is never retried. */
export interface RetryOptions {
  /** Extra attempts after the first. Default 3. */
  retries: number;
  /** First backoff delay; doubles each attempt (with jitter). Default 500 ms. */
  baseDelayMs: number;
  /** Longest single wait, including a server's Retry-After; a longer Retry-After fails as 'rate-limited'. Default 30 s. */
  maxDelayMs: number;
}

/**
 * The schema check a file gets before it is sent: every diagnostic of `text` as `kind` (push blocks on the
 * errors). The CLI passes core's validateFile; the VS Code client asks its language server, so that the
 * extension carries one validator, not two.
 */
export type FileValidator = (text: string, kind: ResourceKind, known?: KnownText) => FileDiagnostic[] | Promise<FileDiagnostic[]>;

/** What the engine already read from a text it has validated: a validator may use it instead of parsing again. */
export interface KnownText {
  /** The text as JSON.parse reads it. */
  value: unknown;
  /** The text was found within maxNestingDepth (core's tooDeepAt): it need not be measured again. */
  withinDepth?: boolean;
}

/** Everything one sync operation needs. Build one per command; it holds the key only in memory. */
export interface SyncContext {
  env: Environment;
  apiKey: string;
  validate: FileValidator;
  /** Folder holding `.assistant-config/state.json`; assistant files are recorded relative to it. */
  workspaceRoot: string;
  logger?: SyncLogger;
  /** Aborting rejects the operation with a SyncError of kind 'cancelled'. A POST already sent may still land; see push. */
  signal?: AbortSignal;
  /** Short human-readable steps ("Fetching live assistant…") for a progress notification. */
  onProgress?: (message: string) => void;
  /**
   * Problems the user should hear about that do not stop the operation, e.g. a damaged state-file entry that
   * was ignored (each told once per context). Key-free.
   */
  onWarning?: (message: string) => void;
  /**
   * The text of a workspace file when the caller has one the disk does not (an unsaved editor): referenced
   * resource files and prompt files are read through it. Default: every file from the disk.
   */
  openText?: (absolutePath: string) => string | undefined;
  /** Per-request timeout. Default 30 000 ms. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
}

/** What reading or writing the state file needs: the workspace, the environment, and who hears about ignored entries. */
export type StateScope = Pick<SyncContext, 'workspaceRoot' | 'env' | 'onWarning'>;

/** An assistant file as the caller has it now (the editor buffer may be newer than the disk). */
export interface LocalFile {
  /** Absolute path inside `workspaceRoot`. */
  path: string;
  text: string;
}

export type SyncErrorKind =
  | 'auth' // 401/403: the key is missing, wrong or for another org
  | 'not-found' // 404: the assistant (or the linked one) does not exist in this environment
  | 'rate-limited' // 429 after the retries, or a Retry-After longer than maxDelayMs
  | 'server' // 5xx after the retries
  | 'network' // connection refused/reset/dropped, DNS failure
  | 'timeout' // no response within timeoutMs (after the retries for idempotent requests)
  | 'validation' // the API rejected the content (400/422); `diagnostics` says where
  | 'conflict' // e.g. several remote assistants match a create whose response was lost
  | 'bad-request' // other 4xx, or a response the engine cannot read
  | 'config' // bad environment (insecure URL, vendor/file mismatch), file outside the workspace, unreadable state file
  | 'cancelled'; // the caller's AbortSignal fired

/** Every failure the engine reports. `message` is for the user and names the next step; it never contains the key. */
export interface SyncErrorShape extends Error {
  readonly kind: SyncErrorKind;
  /** HTTP status when the failure came from a response. */
  readonly status?: number;
  /** For 'validation': the API's messages placed on the file (see {@link FileDiagnostic}). */
  readonly diagnostics?: FileDiagnostic[];
  /**
   * For failures of a create (POST) whose outcome is unknown (timeout, dropped connection, 5xx): true. The state
   * file then holds a create-pending marker and the next push looks for the assistant before creating again.
   */
  readonly createMayHaveSucceeded?: boolean;
  /** For 'validation': the API's own messages, key-free, as it sent them (`voice.property x should not exist`). */
  readonly apiMessages?: string[];
}

/**
 * A problem located in the file: LSP shape (0-based line/character), so the client maps it straight to a
 * vscode.Diagnostic and the CLI prints `file:line+1:character+1 severity message`.
 * `source` is 'assistant-config' for schema validation and 'vapi' / 'insighto' for messages from a 400.
 */
export type FileDiagnostic = Diagnostic;

/** One difference between two normalised assistants. Paths are dotted with array indexes: `model.tools.0.function.name`. */
export interface PathChange {
  path: string;
  /** 'added': only in the local file; 'removed': only in the live copy; 'changed': both, different values. */
  kind: 'added' | 'removed' | 'changed';
}

/**
 * Local file against the live assistant, both normalised: server-managed keys, `$schema` and top-level nulls dropped,
 * object keys sorted, 2-space JSON with a trailing newline. `equal` is true exactly when `changes` is empty.
 */
export interface DiffResult {
  id: string;
  equal: boolean;
  /** The file's text, as it is. */
  localText: string;
  /** The live copy laid out as the file is: its key order, indentation and the fields normalising leaves out. */
  liveText: string;
  changes: PathChange[];
}

export interface PushOptions {
  /** Push even if the live assistant changed since the last sync (the explicit "overwrite" choice). */
  overwrite?: boolean;
  /** Compute and return the plan without sending anything that changes the remote. GETs still happen. */
  dryRun?: boolean;
  /**
   * Also push the files it refers to that changed locally since their last sync here. Without it they are
   * left as they are live (listed in `skipped`); referenced files never pushed to the environment are created
   * first either way, since the file cannot name them otherwise.
   */
  withDependencies?: boolean;
}

/** What a push would send or sent. */
export interface PushPlan {
  action: 'create' | 'update';
  /** The body: for create, the whole file (stripped); for update, every changed top-level key whole. */
  body: Record<string, unknown>;
  /** Top-level keys sent with a new value (update) or all keys sent (create). */
  changedKeys: string[];
  /** Top-level keys present live but absent from the file: sent as null, which clears them. */
  clearedKeys: string[];
}

/** What one resource's push did (the file pushed, or one it refers to). */
export type ResourcePushResult =
  /** A new remote assistant; the file is now linked to `id` in this environment. */
  | { status: 'created'; id: string; plan: PushPlan; notKept: PathChange[] }
  /** The remote was updated. `notKept` lists paths where the read-back differs from the file (API dropped/changed them). */
  | { status: 'updated'; id: string; plan: PushPlan; notKept: PathChange[] }
  /** Nothing to send: local and live are equal, or neither changed since the last sync. The link's hashes are refreshed. */
  | { status: 'unchanged'; id: string }
  /** A create whose response was lost earlier was found remotely and linked instead of creating a duplicate; then updated if needed. */
  | { status: 'adopted'; id: string; plan?: PushPlan; notKept: PathChange[] }
  /** dryRun: what would be sent; nothing changed. `steps`: every create and update in order, the files it refers to included. */
  | { status: 'dry-run'; id?: string; plan: PushPlan; steps: PlanStep[] }
  /**
   * The live resource changed since the last sync; nothing was sent. Retry with `overwrite: true` to replace it.
   * `path`: the referenced file this is about, when it is not the file pushed (with `withDependencies`).
   */
  | { status: 'conflict'; id: string; diff: DiffResult; path?: string }
  /** Schema validation found errors (error severity only), or the API refused the body; nothing was sent. `path` as for conflict. */
  | { status: 'invalid'; diagnostics: FileDiagnostic[]; path?: string };

/**
 * What a push did. With references, the files it refers to come first: `dependencies` lists what was done to
 * each (creates, in order), `skipped` the referenced files changed locally that were not pushed (no
 * `withDependencies`). Both are absent when empty.
 */
export type PushResult = ResourcePushResult & { dependencies?: StepResult[]; skipped?: PlanStep[] };

export interface PullRequest {
  id: string;
  /** Absolute path of the file to write (inside `workspaceRoot`). */
  path: string;
  /** The file's current text if the caller has it (editor buffer); otherwise the engine reads the disk. undefined + missing file = new file. */
  currentText?: string;
  /** Overwrite even if the file has changes not yet synced with this environment. */
  overwrite?: boolean;
  /** Writes the new text. Default: fs write to `path`. The client passes a WorkspaceEdit-based writer so the pull can be undone. */
  write?: (text: string) => Promise<void>;
  /**
   * Also pull the resources it refers to that no workspace file is linked to here, into `tools/`, `squads/`,
   * `assistants/`, `structured-outputs/` beside the file (and what those refer to), and refer to their files.
   */
  withDependencies?: boolean;
  /** Prompts longer than this many lines go to `prompts/<name>.md` beside the file, referred to from it. Default 20. */
  promptFileLines?: number;
}

/** A resource the pulled one refers to by an id that no workspace file is linked to in the environment. */
export interface UnknownReference {
  /** Dotted path of the field in the pulled file. */
  field: string;
  target: ResourceType;
  id: string;
}

export type PullResult = (
  /** The file now holds the live assistant (and is linked to it in this environment). */
  | { status: 'written'; id: string; text: string }
  /** The file already matched the live assistant; nothing written (link refreshed). */
  | { status: 'unchanged'; id: string; text: string }
  /** The file has local edits not synced with this environment; nothing written. Retry with `overwrite: true`. */
  | { status: 'local-changes'; id: string; diff: DiffResult }
) & {
  /** Prompt files written (absolute paths), when the pull moved long prompts into their own files. */
  prompts?: string[];
  /** With `withDependencies`: what each referenced resource's pull did, in the order they were pulled. */
  dependencies?: { path: string; id: string; status: 'written' | 'unchanged' | 'local-changes' }[];
  /** Without it: the references to resources no workspace file holds (pull again with `withDependencies`). */
  notInWorkspace?: UnknownReference[];
};

/** One row of an environment's list of one kind (all pages). */
export interface RemoteSummary {
  id: string;
  name?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** How the file stands against this environment, from the state file alone (no network). */
export type LocalSyncStatus =
  | { status: 'unlinked' }
  | { status: 'create-pending' }
  | { status: 'in-sync'; id: string }
  | { status: 'modified'; id: string };

export type { FileLink } from '../../core/src/stateFile';

/**
 * How a resource file stands against an environment: never pushed there; equal to live (or neither side
 * changed since the last sync); changed only in the file; changed only live; changed on both sides; or
 * linked to a resource that no longer exists there.
 */
export type SyncState = 'not-pushed' | 'in-sync' | 'local-changes' | 'live-changed' | 'conflict' | 'live-deleted';

export interface FileStatus {
  /** Absolute path of the file. */
  path: string;
  /** Its key in the state file: relative to the workspace, forward slashes. */
  key: string;
  kind: KindId;
  /** The resource's `name` (a tool's function name), when the file has one. */
  name?: string;
  state: SyncState;
  /** The linked resource in this environment. */
  id?: string;
  /** A create was sent and never confirmed: the next push or apply looks for it before creating again. */
  createPending?: boolean;
  /** Changed paths between the file (references resolved) and the live copy, when both exist and differ. */
  changes?: PathChange[];
  /** Files it refers to that have no resource in this environment yet (keys). */
  needs?: string[];
}

/** A live resource that no workspace file is linked to in the environment. */
export interface OrphanStatus {
  kind: KindId;
  id: string;
  name?: string;
  updatedAt?: string;
}

/** A file that could not be read as a resource (syntax, a reference to nothing, another vendor's file). */
export interface FileProblem {
  path: string;
  key: string;
  message: string;
  diagnostics?: FileDiagnostic[];
}

export interface WorkspaceStatus {
  env: string;
  /** Every resource file asked about, in key order. */
  files: FileStatus[];
  orphans: OrphanStatus[];
  problems: FileProblem[];
}

/** Which files a status (or plan, or apply) is about. */
export interface StatusRequest {
  /** Files or folders to report on (absolute); every resource file of the workspace when absent or empty. */
  paths?: string[];
}

/**
 * One step of a plan. `create`: the file has no resource here yet; `update`: it changed locally (`changes` are
 * the field paths that differ from live); `conflict`: live changed since the last sync (or was deleted), which
 * only `resolve` may settle; `skip`: a referenced file changed locally that is left as it is live (no
 * `withDependencies`), or one that cannot be pushed; `invalid`: the schema check failed (nothing is sent).
 */
export interface PlanStep {
  action: 'create' | 'update' | 'conflict' | 'skip' | 'invalid';
  file: FileStatus;
  /** create: the top-level keys sent; update and conflict: the changed paths. */
  changes: PathChange[];
  /**
   * A file in a reference cycle: the references left out of this create (or update, when an earlier run
   * stopped half-way through the cycle) because their files are created after it, shown as the reference
   * text; a later `update` step with `completes` sets them.
   */
  leftOut?: string[];
  /** An update that sets the references its file's create left out. */
  completes?: boolean;
  /** skip and invalid: why, for the user. */
  reason?: string;
  diagnostics?: FileDiagnostic[];
}

export interface PlanRequest extends StatusRequest {
  /**
   * With `paths`: also update referenced files (outside `paths`) that changed locally; without it they are
   * `skip` steps. Referenced files never pushed to the environment are created either way.
   */
  withDependencies?: boolean;
}

export interface SyncPlan {
  env: string;
  /** In the order apply carries them out: every create before whatever names its resource. */
  steps: PlanStep[];
  status: WorkspaceStatus;
}

/** How apply settles a conflict: stop before anything is sent, overwrite live with the file, or pull live into the file. */
export type ConflictResolution = 'fail' | 'ours' | 'theirs';

export interface ApplyOptions {
  /** For every conflict; when absent, `onConflict` is asked per conflict, and without it too, 'fail'. */
  resolve?: ConflictResolution;
  /** Asked once per conflicting file before anything is sent (a terminal prompt, a VS Code dialog); 'skip' leaves that one alone. */
  onConflict?: (step: PlanStep) => Promise<ConflictResolution | 'skip'>;
  /** Told as each step starts and ends, for per-resource progress. */
  onStep?: (event: StepEvent) => void;
}

export type StepOutcome =
  | ResourcePushResult
  /** theirs: the live copy was written into the file. */
  | { status: 'pulled'; id: string }
  | { status: 'skipped'; reason: string };

export interface StepResult {
  step: PlanStep;
  outcome: StepOutcome;
}

export interface StepEvent {
  step: PlanStep;
  /** 0-based position in the plan, and the plan's length. */
  index: number;
  total: number;
  phase: 'start' | 'done';
  outcome?: StepOutcome;
}

export interface ApplyResult {
  /**
   * done: every step carried out; conflicts: stopped before sending anything (see `conflicts`); invalid: a file
   * failed the schema check or the API refused one (see `results`, the last one); nothing else was sent after it.
   */
  status: 'done' | 'conflicts' | 'invalid';
  plan: SyncPlan;
  results: StepResult[];
  conflicts: PlanStep[];
  counts: { created: number; updated: number; pulled: number; unchanged: number; skipped: number; failed: number };
}

export interface PullAllRequest {
  /** Where new files go (inside the workspace): `<folder>/assistants/`, `tools/`, `squads/`, `structured-outputs/`. */
  folder: string;
  /** Replace files that have changes not synced with the environment (otherwise they are left, as 'local-changes'). */
  overwrite?: boolean;
  /** As for pull: longer prompts go to `prompts/<name>.md` beside their file. Default 20. */
  promptFileLines?: number;
  /** Told before each resource is pulled, for progress. */
  onResource?: (event: { index: number; total: number; kind: KindId; id: string; path: string }) => void;
}

export interface PullAllResult {
  /** The folder's real path. */
  folder: string;
  /** One entry per live resource, in the order pulled (by kind, then name). */
  files: { path: string; id: string; kind: KindId; status: 'written' | 'unchanged' | 'local-changes'; prompts?: string[] }[];
  counts: { written: number; unchanged: number; localChanges: number };
}
