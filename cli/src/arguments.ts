// Reads a command line against the option table in usage.ts: the command, its options and arguments, or
// one line saying what is wrong (an unknown option names the closest valid one).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '../../core/src/validation/suggest';
import { commandSpec, commandSpecs, optionLabel, optionSpec, optionSpecs, type CommandSpec } from './usage';

export type OptionValues = Partial<Record<string, string | boolean>>;

export type CommandLine =
  | { action: 'run'; command: CommandSpec; values: OptionValues; positionals: string[] }
  /** Help asked for (`--help`, `help [command]`), or nothing given at all (`missing`: a usage error). */
  | { action: 'help'; command?: CommandSpec; missing?: boolean }
  | { action: 'version' }
  /** A usage error: `message` is one line. */
  | { action: 'error'; message: string; command?: CommandSpec };

const parseOptions: ParseArgsConfig['options'] = Object.fromEntries(
  optionSpecs.map((option) => [option.name, { type: option.value ? 'string' : 'boolean', ...(option.short ? { short: option.short } : {}) }]),
);

export function parseCommandLine(argv: string[]): CommandLine {
  // Not strict: an unknown option is reported here, in our words, rather than by parseArgs.
  const { tokens, values } = parseArgs({ args: argv, options: parseOptions, allowPositionals: true, strict: false, tokens: true });
  const positionals = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  const [name, ...rest] = positionals;
  // `help push` is `push --help`.
  if (name === 'help') {
    const command = rest[0] === undefined ? undefined : commandSpec(rest[0]);
    if (rest[0] !== undefined && !command) return unknownCommand(rest[0]);
    return { action: 'help', command };
  }
  const command = name === undefined ? undefined : commandSpec(name);
  if (name !== undefined && !command) {
    if (values.help) return { action: 'help' };
    return unknownCommand(name);
  }
  const allowed = new Set(['help', 'version', ...(command?.options ?? optionSpecs.map((option) => option.name))]);
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const spec = optionSpec(token.name);
    const typed = token.rawName;
    if (!spec || !allowed.has(spec.name)) return unknownOption(typed, command, allowed);
    if (spec.value && token.value === undefined) return { action: 'error', command, message: `Option ${typed} needs a value: ${optionLabel(spec)}.` };
    if (!spec.value && token.inlineValue) return { action: 'error', command, message: `Option ${typed} takes no value.` };
  }
  if (values.help) return { action: 'help', command };
  if (values.version) return { action: 'version' };
  if (!command) {
    if (!argv.length) return { action: 'help', missing: true };
    return { action: 'error', message: `Name a command: ${commandSpecs.map((spec) => spec.name).join(', ')}.` };
  }
  return { action: 'run', command, values: values as OptionValues, positionals: rest };
}

function unknownCommand(name: string): CommandLine {
  const suggestion = closest(name, commandSpecs.map((command) => command.name));
  const didYouMean = suggestion ? ` Did you mean '${suggestion}'?` : '';
  return { action: 'error', message: `Unknown command '${name}'.${didYouMean}` };
}

function unknownOption(typed: string, command: CommandSpec | undefined, allowed: Set<string>): CommandLine {
  const spec = optionSpec(typed.replace(/^-+/, '')) ?? optionSpecs.find((option) => `-${option.short}` === typed);
  // A real option of another command: say which commands take it.
  if (spec && command) {
    const takers = commandSpecs.filter((other) => other.options.includes(spec.name)).map((other) => other.name);
    return { action: 'error', command, message: `${command.name} takes no option ${typed} (only ${takers.join(', ')} ${takers.length > 1 ? 'do' : 'does'}).` };
  }
  const names = [...allowed].map((name) => `--${name}`);
  const suggestion = typed.startsWith('--') ? closest(typed, names) : undefined;
  const didYouMean = suggestion ? ` Did you mean '${suggestion}'?` : '';
  return { action: 'error', command, message: `Unknown option '${typed}'${command ? ` for ${command.name}` : ''}.${didYouMean}` };
}
