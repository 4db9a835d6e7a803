// The CLI's help text and exit codes: one place, so `--help` and the code cannot disagree.

export const exitCodes = {
  ok: 0,
  /** validate: errors found; diff: file and live differ; push: the schema or the API rejected the file. */
  failed: 1,
  /** Bad arguments, unknown environment, insecure URL, vendor/file mismatch. */
  usage: 2,
  /** push: the live assistant changed since the last sync; pull: the file has unsynced changes (rerun with --yes). */
  refused: 3,
  /** The API refused the key, or no key is set. */
  auth: 4,
  /** The assistant (or the file's link) does not exist in that environment. */
  notFound: 5,
  /** Network, timeout, rate limit, server error or an unexpected response. */
  unavailable: 6,
  cancelled: 130,
} as const;

export const usage = `assistant-config: validate Vapi and Insighto assistant files and sync them with the live API.

Usage:
  assistant-config validate <files..>                   Check files against the bundled schema, and their
                                                       Liquid templates (a .md file is one prompt).
  assistant-config push <file> [--yes] [--dry-run]     Create or update the remote assistant.
  assistant-config pull <id> [-o <file>] [--yes]       Fetch an assistant; write it to <file> (and link
                                                       the file to it) or print it to stdout.
  assistant-config diff <file>                         Compare the file with its live assistant.
  assistant-config list                                List every assistant in the environment.

Options:
  --env <name>          Environment from the user config file (below). Links in the workspace state file
                        are kept per environment name ("default" when --env is not given).
  --vendor vapi|insighto
                        Vendor when no --env is given (default: from the file, else vapi).
  --base-url <url>      API base URL (default https://api.vapi.ai or https://api.insighto.ai/api/v1).
                        Must be https, except for 127.0.0.1, ::1 and localhost.
  --yes, -y             push: overwrite a live assistant changed since the last sync.
                        pull: overwrite a file with changes not synced with this environment.
  --dry-run             push: show what would be sent; change nothing.
  -o, --output <file>   pull: the file to write.
  --workspace <dir>     Folder holding .assistant-config/state.json (default: the nearest folder above
                        the file with .assistant-config/ or .git/, else the current folder).
  --template-variables <a,b.c>
                        validate: template variables that exist at call time beyond Vapi's and the
                        file's own (the editor's setting assistantConfig.templateVariables).
  --timeout <seconds>   Per-request timeout (default 30).
  --verbose             Log each request (never the key) to stderr.
  -h, --help            Show this help.

API keys come from environment variables only: VAPI_API_KEY, INSIGHTO_API_KEY, or the variable an
environment names in "keyVariable". They are never written anywhere.

Environments file: $XDG_CONFIG_HOME/assistant-config/environments.json, else
~/.config/assistant-config/environments.json (in your home folder, never the workspace, so a
repository cannot redirect your key):
  { "environments": {
      "dev":  { "vendor": "vapi", "baseUrl": "https://api.vapi.ai", "keyVariable": "VAPI_DEV_KEY" },
      "prod": { "vendor": "vapi", "baseUrl": "https://api.vapi.ai", "keyVariable": "VAPI_PROD_KEY" } } }
--vendor and --base-url override the chosen environment's values.

Exit codes:
  0    success; diff: no differences
  1    validate: errors found; diff: differences; push: rejected by the schema or the API
  2    usage or configuration error
  3    push: live assistant changed since the last sync; pull: unsynced local changes (use --yes)
  4    missing or refused API key
  5    assistant or link not found
  6    network, timeout, rate limit or server error
  130  cancelled (Ctrl+C)
`;
