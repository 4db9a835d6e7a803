// Entry point of `assistant-config` (dist/cli.js): parses arguments, runs one command, exits with its code.
import { parseArgs } from 'node:util';
import { SyncError, type SyncErrorKind } from '../../sync/src/index';
import { diffCommand, listCommand, pullCommand, pushCommand, type SyncFlags } from './commands/sync';
import { validateCommand } from './commands/validate';
import { processIo, type Io } from './io';
import { exitCodes, usage } from './usage';

const exitCodeOfKind: Record<SyncErrorKind, number> = {
  auth: exitCodes.auth,
  'not-found': exitCodes.notFound,
  'rate-limited': exitCodes.unavailable,
  server: exitCodes.unavailable,
  network: exitCodes.unavailable,
  timeout: exitCodes.unavailable,
  'bad-request': exitCodes.unavailable,
  validation: exitCodes.failed,
  conflict: exitCodes.refused,
  config: exitCodes.usage,
  cancelled: exitCodes.cancelled,
};

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: Io, signal: AbortSignal): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.err(`${(error as Error).message}\nRun 'assistant-config --help' for usage.`);
    return exitCodes.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    (values.help ? io.out : io.err)(usage.trimEnd());
    return values.help ? exitCodes.ok : exitCodes.usage;
  }
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
    io.err('--timeout must be a positive number of seconds.');
    return exitCodes.usage;
  }
  const flags: SyncFlags = {
    env: values.env,
    vendor: values.vendor,
    baseUrl: values['base-url'],
    yes: values.yes ?? false,
    dryRun: values['dry-run'] ?? false,
    output: values.output,
    workspace: values.workspace,
    timeoutSeconds,
    verbose: values.verbose ?? false,
  };
  const one = (what: string): string | undefined => {
    if (rest.length === 1) return rest[0];
    io.err(`${command}: expects exactly one ${what}. Run 'assistant-config --help' for usage.`);
    return undefined;
  };
  try {
    switch (command) {
      case 'validate':
        return await validateCommand(rest, io, { templateVariables: values['template-variables']?.split(',').map((name) => name.trim()).filter(Boolean) });
      case 'push': {
        const file = one('file');
        return file ? await pushCommand(file, flags, io, signal) : exitCodes.usage;
      }
      case 'pull': {
        const id = one('assistant id');
        return id ? await pullCommand(id, flags, io, signal) : exitCodes.usage;
      }
      case 'diff': {
        const file = one('file');
        return file ? await diffCommand(file, flags, io, signal) : exitCodes.usage;
      }
      case 'list':
        if (rest.length) {
          io.err('list: takes no arguments.');
          return exitCodes.usage;
        }
        return await listCommand(flags, io, signal);
      default:
        io.err(`Unknown command '${command}'. Run 'assistant-config --help' for usage.`);
        return exitCodes.usage;
    }
  } catch (error) {
    if (error instanceof SyncError) {
      for (const diagnostic of error.diagnostics ?? []) io.err(`  ${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.message}`);
      io.err(`Error: ${error.message}`);
      // The engine's advice is for both front ends; say where this one reads the key.
      if (error.kind === 'auth' && !error.message.startsWith('No API key')) {
        io.err(`The CLI reads the key from VAPI_API_KEY or INSIGHTO_API_KEY (or the variable an environment names in "keyVariable").`);
      }
      return exitCodeOfKind[error.kind];
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      io.err(`Error: cannot access ${(error as NodeJS.ErrnoException).path ?? 'the file'} (${code}).`);
      return exitCodes.usage;
    }
    io.err(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return exitCodes.unavailable;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      env: { type: 'string' },
      vendor: { type: 'string' },
      'base-url': { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      'dry-run': { type: 'boolean' },
      output: { type: 'string', short: 'o' },
      workspace: { type: 'string' },
      timeout: { type: 'string' },
      'template-variables': { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

if (require.main === module) {
  const abort = new AbortController();
  // The first Ctrl+C cancels (the engine ends its request and says what state it left); a second one quits at once.
  process.on('SIGINT', () => {
    if (abort.signal.aborted) process.exit(exitCodes.cancelled);
    abort.abort();
  });
  void runCli(process.argv.slice(2), processIo, abort.signal).then((code) => {
    process.exitCode = code;
  });
}
