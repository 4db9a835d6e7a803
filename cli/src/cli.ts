// Entry point of `assistant-config` (dist/cli.js): parses arguments, runs one command, exits with its code.
import { productVersion } from '../../core/src/productVersion';
import { SyncError, type SyncErrorKind } from '../../sync/src/index';
import { parseCommandLine } from './arguments';
import { diffCommand, listCommand, pullCommand, pushCommand } from './commands/sync';
import { applyCommand, planCommand, pullAllCommand, statusCommand, type WorkspaceFlags } from './commands/workspace';
import { schemasCommand, useCachedSchemas } from './commands/schemas';
import { validateCommand } from './commands/validate';
import { UsageError } from './inputFiles';
import { processIo, type Io } from './io';
import { commandUsage, exitCodes, usage } from './usage';

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
  const line = parseCommandLine(argv);
  switch (line.action) {
    case 'error':
      io.err(`${line.message} Run 'assistant-config ${line.command ? `${line.command.name} ` : ''}--help' for usage.`);
      return exitCodes.usage;
    case 'version':
      io.out(`assistant-config ${productVersion()}`);
      return exitCodes.ok;
    case 'help':
      // Nothing given at all is a usage error: the help goes to stderr.
      if (line.missing) {
        io.err(usage.trimEnd());
        return exitCodes.usage;
      }
      io.out((line.command ? commandUsage(line.command) : usage).trimEnd());
      return exitCodes.ok;
  }
  const { command, values, positionals: rest } = line;
  const string = (name: string) => values[name] as string | undefined;
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutSeconds !== undefined && !(timeoutSeconds > 0)) {
    io.err('--timeout must be a positive number of seconds.');
    return exitCodes.usage;
  }
  const promptLines = values['prompt-file-lines'];
  if (promptLines !== undefined && !/^\d+$/.test(String(promptLines))) {
    io.err('--prompt-file-lines must be a whole number of lines.');
    return exitCodes.usage;
  }
  const flags: WorkspaceFlags = {
    env: string('env'),
    vendor: string('vendor'),
    baseUrl: string('base-url'),
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    withDeps: values['with-deps'] === true,
    promptFileLines: values['prompt-file-lines'] === undefined ? undefined : Number(values['prompt-file-lines']),
    output: string('output'),
    kind: string('kind'),
    workspace: string('workspace'),
    timeoutSeconds,
    verbose: values.verbose === true,
    format: string('format'),
    resolve: string('resolve'),
    all: values.all === true,
  };
  const one = (what: string): string | undefined => {
    if (rest.length === 1) return rest[0];
    io.err(`${command.name}: expects exactly one ${what}. Run 'assistant-config ${command.name} --help' for usage.`);
    return undefined;
  };
  try {
    // Files are checked (and normalised) against the live schema 'schemas update' cached, when there is one.
    if (command.name !== 'schemas') useCachedSchemas(io);
    switch (command.name) {
      case 'validate':
        return await validateCommand(rest, io, { format: flags.format, templateVariables: string('template-variables')?.split(',').map((name) => name.trim()).filter(Boolean) });
      case 'push': {
        const file = one('file');
        return file ? await pushCommand(file, flags, io, signal) : exitCodes.usage;
      }
      case 'pull': {
        if (flags.all) {
          if (rest.length) {
            io.err('pull --all: takes no id (it pulls every resource of the environment).');
            return exitCodes.usage;
          }
          return await pullAllCommand(flags, io, signal);
        }
        const id = one('id');
        return id ? await pullCommand(id, flags, io, signal) : exitCodes.usage;
      }
      case 'diff': {
        const file = one('file');
        return file ? await diffCommand(file, flags, io, signal) : exitCodes.usage;
      }
      case 'status':
        return await statusCommand(rest, flags, io, signal);
      case 'plan':
        return await planCommand(rest, flags, io, signal);
      case 'apply':
        return await applyCommand(rest, flags, io, signal);
      case 'schemas':
        return await schemasCommand(rest, flags, io, signal);
      case 'list':
        if (rest.length) {
          io.err('list: takes no arguments.');
          return exitCodes.usage;
        }
        return await listCommand(flags, io, signal);
      default:
        throw new Error(`no handler for the command ${command.name}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      return exitCodes.usage;
    }
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
