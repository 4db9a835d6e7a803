// The CLI's commands, options, help texts and exit codes: one table, so the parser, `--help` and each
// command's `--help` cannot disagree.

export const exitCodes = {
  ok: 0,
  /** validate: errors found; diff: file and live differ; push: the schema or the API rejected the file; status: not all in sync. */
  failed: 1,
  /** Bad arguments, a file that does not exist, unknown environment, insecure URL, vendor/file mismatch. */
  usage: 2,
  /** push: the live resource changed since the last sync; pull: the file has unsynced changes (rerun with --yes). */
  refused: 3,
  /** The API refused the key, or no key is set. */
  auth: 4,
  /** The resource (or the file's link) does not exist in that environment. */
  notFound: 5,
  /** Network, timeout, rate limit, server error or an unexpected response. */
  unavailable: 6,
  cancelled: 130,
} as const;

export interface OptionSpec {
  /** The long name, without `--`. */
  name: string;
  short?: string;
  /** The value's placeholder (`<name>`) for options that take one. */
  value?: string;
  /** Help lines, the first beside the option. */
  help: string[];
}

export const optionSpecs: readonly OptionSpec[] = [
  {
    name: 'env',
    value: '<name>',
    help: ['Environment from the user config file (below). Links in the workspace state file', 'are kept per environment name ("default" when --env is not given).'],
  },
  { name: 'vendor', value: 'vapi|insighto', help: ['Vendor when no --env is given (default: from the file, else vapi).'] },
  {
    name: 'base-url',
    value: '<url>',
    help: ['API base URL (default https://api.vapi.ai or https://api.insighto.ai/api/v1).', 'Must be https, except for 127.0.0.1, ::1 and localhost.'],
  },
  {
    name: 'yes',
    short: 'y',
    help: ['push: overwrite a live resource changed since the last sync.', 'pull: overwrite a file with changes not synced with this environment.', 'apply: carry the plan out without asking (needed outside a terminal).'],
  },
  { name: 'dry-run', help: ['push: show every create and update it would make, in order; change nothing.'] },
  {
    name: 'with-deps',
    help: [
      'push: also push the files it refers to that changed locally (files never pushed',
      'to the environment are created first either way).',
      'pull: also pull the resources it refers to that no file holds, into tools/,',
      'assistants/, squads/, structured-outputs/ beside the file.',
    ],
  },
  {
    name: 'prompt-file-lines',
    value: '<n>',
    help: ['pull: prompts longer than this many lines go to prompts/<name>.md beside the', 'file, which refers to it (default 20).'],
  },
  { name: 'output', short: 'o', value: '<file>', help: ['pull: the file to write; its name says the kind (x.tool.json); with --all,', 'the folder (default: the current folder).'] },
  { name: 'all', help: ['pull: every assistant, tool, squad and structured output of the environment.'] },
  {
    name: 'format',
    value: '<format>',
    help: [
      'validate: text (default), json, github (workflow annotations) or sarif (2.1.0).',
      'status: text or json. plan: text, json or markdown (for a pull request comment).',
    ],
  },
  {
    name: 'resolve',
    value: 'fail|ours|theirs',
    help: ['apply: what to do with resources changed live since the last sync: stop before', 'anything is sent (fail, the default without a terminal), overwrite live (ours), or', 'pull live into the file (theirs). In a terminal, apply asks per conflict.'],
  },
  {
    name: 'kind',
    value: '<kind>',
    help: ['list: which resources: assistant (default), tool, squad or structured-output.', 'pull: the same, for pull without -o.'],
  },
  {
    name: 'workspace',
    value: '<dir>',
    help: ['Folder holding .assistant-config/state.json (default: the nearest folder above', 'the file with .assistant-config/ or .git/, else the current folder).'],
  },
  {
    name: 'template-variables',
    value: '<a,b.c>',
    help: ["validate: template variables that exist at call time beyond Vapi's and the", "file's own (the editor's setting assistantConfig.templateVariables)."],
  },
  { name: 'timeout', value: '<seconds>', help: ['Per-request timeout (default 30).', "schemas: the OpenAPI document's download (default 60)."] },
  { name: 'verbose', help: ['Log each request (never the key) to stderr.'] },
  { name: 'help', short: 'h', help: ['Show this help (after a command: that command\'s help).'] },
  { name: 'version', help: ['Print the version.'] },
];

export interface CommandSpec {
  name: string;
  /** What follows the command name, e.g. `<file> [--yes] [--dry-run]`. */
  synopsis: string;
  /** One line for the overview, continued lines allowed. */
  summary: string[];
  /** What the command does, for its own help. */
  description: string;
  /** The options it takes besides help and version. */
  options: readonly string[];
}

const connection = ['env', 'vendor', 'base-url', 'workspace', 'timeout', 'verbose'];

export const commandSpecs: readonly CommandSpec[] = [
  {
    name: 'validate',
    synopsis: '<files..>',
    summary: ['Check files against the schema in use, and their', 'Liquid templates (a .md file is one prompt).'],
    description:
      "Checks each file against its kind's schema (the live one 'schemas update' cached, else the bundled one) and\n" +
      'the Liquid templates in it (a .md file is one prompt), printing `file:line:col severity message`. Exit 1\n' +
      'when any file has an error; no network, no key.',
    options: ['template-variables', 'format'],
  },
  {
    name: 'push',
    synopsis: '<file> [--yes] [--dry-run] [--with-deps]',
    summary: ['Create or update the remote resource (and the', 'files it refers to that were never pushed there).'],
    description:
      'Creates the remote resource (assistant, tool, squad, structured output: the file name says which) when\n' +
      '<file> is not linked to one in the environment, else updates it. File references ("./tools/x.tool.json",\n' +
      '"./prompts/x.md") are resolved for the environment: a referenced file never pushed there is created first,\n' +
      'in dependency order; one changed locally is pushed only with --with-deps.\n' +
      'Validates first, and stops (exit 3) when the live copy changed since the last sync unless --yes.',
    options: [...connection, 'yes', 'dry-run', 'with-deps'],
  },
  {
    name: 'pull',
    synopsis: '<id> [-o <file>] | <file> [--yes] | --all [-o <dir>]',
    summary: ['Fetch a resource; write it to <file> (and link', 'the file to it) or print it to stdout; --all: the org.'],
    description:
      'Fetches the resource <id>. With -o, writes it to <file> (whose name says the kind: x.tool.json) and links\n' +
      'the file to it (refusing to replace changes not synced with the environment unless --yes); without,\n' +
      'prints it to stdout (--kind says which kind, default assistant). Ids of resources linked to workspace\n' +
      'files become references to them; --with-deps pulls the others too; long prompts go to prompts/*.md.\n' +
      'Given a <file> already linked in the environment instead of an id, pulls its resource into it.\n' +
      'With --all: every assistant, tool, squad and structured output of the environment into <dir>/assistants,\n' +
      'tools, squads, structured-outputs (a resource already linked to a file is pulled into that file); a second\n' +
      'run on an unchanged org writes nothing; files with unsynced edits are kept unless --yes (exit 3).',
    options: [...connection, 'output', 'kind', 'yes', 'with-deps', 'prompt-file-lines', 'all'],
  },
  {
    name: 'diff',
    synopsis: '<file>',
    summary: ['Compare the file with its live resource.'],
    description: 'Compares <file> with the live resource it is linked to. Exit 0 when they are equal, 1 when they differ.',
    options: connection,
  },
  {
    name: 'status',
    synopsis: '[paths..] [--format text|json]',
    summary: ['How every resource file (or those named) stands', 'against the environment.'],
    description:
      'One line per resource file of the workspace (or of the files and folders named): not pushed, in sync, local\n' +
      'changes, live changed, both changed (conflict) or live deleted; then the live resources no file holds\n' +
      '(orphans). One list request per kind. Exit 0 when everything is in sync, 1 otherwise.',
    options: [...connection, 'format'],
  },
  {
    name: 'plan',
    synopsis: '[paths..] [--format text|json|markdown]',
    summary: ["What 'apply' would do, in order; sends nothing."],
    description:
      "The steps 'apply' would take, in the order it takes them: creates before whatever refers to them, updates\n" +
      'with the changed field paths, conflicts (changed live since the last sync). Sends no mutating request.\n' +
      '--format markdown is meant for a pull request comment. Exit 1 when a file cannot be applied (invalid).',
    options: [...connection, 'format', 'with-deps'],
  },
  {
    name: 'apply',
    synopsis: '[paths..] [--resolve fail|ours|theirs] [--yes]',
    summary: ['Carry the plan out, resource by resource.'],
    description:
      'Carries the plan out. Conflicts stop the run before anything is sent unless --resolve says otherwise (in a\n' +
      'terminal it asks per conflict). Each resource is recorded in the state file as soon as it succeeds, so an\n' +
      'interrupted run (Ctrl+C, a dropped connection, kill -9) resumes with the next apply without duplicates.\n' +
      'In a terminal it shows the plan and asks first unless --yes; elsewhere (CI) it needs --yes. Exit 3 on conflicts.',
    options: [...connection, 'resolve', 'yes', 'with-deps'],
  },
  {
    name: 'schemas',
    synopsis: 'update|status',
    summary: ["Fetch the live OpenAPI document and use its", 'schemas (update); which schema is in use (status).'],
    description:
      'schemas update [--env <name> | --base-url <url>]: fetches the environment\'s OpenAPI document\n' +
      '(<base-url>/api-json; it is public, so no key is sent), converts it to the schemas of every resource kind\n' +
      'and caches them in $XDG_CACHE_HOME/assistant-config, else ~/.cache/assistant-config: validate, push and\n' +
      "the other commands use them from then on. Prints the document's date and hash, the time it took, and the\n" +
      'fields and values added and removed since the schema used before (a removed field becomes a legacy\n' +
      'warning). A failed fetch or a document that is not OpenAPI changes nothing (exit 6). Only Vapi publishes\n' +
      'such a document.\n' +
      'schemas status: per vendor, the schema in use (live with its date, or bundled with its snapshot date),\n' +
      'when it was last checked, and the changes the last update brought.',
    options: ['env', 'base-url', 'timeout'],
  },
  {
    name: 'list',
    synopsis: '[--kind <kind>]',
    summary: ['List every resource of a kind in the environment.'],
    description: 'Lists every resource of one kind (--kind, default assistant) in the environment: id, last update, name.',
    options: [...connection.filter((name) => name !== 'workspace'), 'kind'],
  },
];

export function commandSpec(name: string): CommandSpec | undefined {
  return commandSpecs.find((command) => command.name === name);
}

export function optionSpec(name: string): OptionSpec | undefined {
  return optionSpecs.find((option) => option.name === name);
}

/** `-o, --output <file>` as the help lists it. */
export function optionLabel(option: OptionSpec): string {
  const long = `--${option.name}${option.value ? ` ${option.value}` : ''}`;
  return option.short ? `-${option.short}, ${long}` : long;
}

const column = 24;

/** The options' help; for one command's help, only its own lines (`push: ...`) of the lines that name commands. */
function optionLines(options: readonly OptionSpec[], command?: CommandSpec): string {
  const own = (line: string): string | undefined => {
    const named = /^([a-z]+): (.*)$/.exec(line);
    if (!command || !named || !commandSpec(named[1])) return line;
    return named[1] === command.name ? named[2].charAt(0).toUpperCase() + named[2].slice(1) : undefined;
  };
  return options
    .flatMap((option) => {
      const label = `  ${optionLabel(option)}`;
      const [first, ...rest] = option.help.map(own).filter((line) => line !== undefined);
      const head = label.length + 2 <= column ? [`${label.padEnd(column)}${first}`] : [label, `${' '.repeat(column)}${first}`];
      return [...head, ...rest.map((line) => `${' '.repeat(column)}${line}`)];
    })
    .join('\n');
}

function commandLines(): string {
  const lines = [...commandSpecs.map((command) => ({ use: `${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}`, summary: command.summary })), { use: '<command> --help', summary: ["That command's options."] }];
  return lines
    .flatMap(({ use, summary }) => {
      const command = `  assistant-config ${use}`;
      const indented = summary.map((line) => `${' '.repeat(55)}${line}`);
      // A synopsis too long for its column gets its summary on the lines below, as a long option does.
      return command.length < 54 ? [`${command.padEnd(55)}${summary[0]}`, ...indented.slice(1)] : [command, ...indented];
    })
    .join('\n');
}

export const usage = `assistant-config: validate Vapi and Insighto resource files (assistants; Vapi tools, squads and
structured outputs) and sync them with the live API.

Files: *.assistant.json (Vapi; *.insighto.assistant.json for Insighto), *.tool.json, *.squad.json,
*.structured-output.json. The file name says what a file holds, e.g. pull <id> -o lookup.tool.json.

Usage:
${commandLines()}

Options:
${optionLines(optionSpecs)}

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
  1    validate: errors found; diff: differences; push: rejected by the schema or the API;
       status: not everything in sync; plan: a file cannot be applied
  2    usage or configuration error (also: a file that does not exist or is a folder)
  3    push: live resource changed since the last sync; pull: unsynced local changes (use --yes);
       apply: stopped on conflicts
  4    missing or refused API key
  5    resource or link not found
  6    network, timeout, rate limit or server error; schemas update: not an OpenAPI document
  130  cancelled (Ctrl+C)
`;

/** One command's help: what it does and the options it takes. */
export function commandUsage(command: CommandSpec): string {
  const options = [...command.options, 'help'].map((name) => optionSpec(name)!);
  return `Usage: assistant-config ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''}

${command.description}

Options:
${optionLines(options, command)}

Run 'assistant-config --help' for environments, API keys and exit codes.
`;
}
