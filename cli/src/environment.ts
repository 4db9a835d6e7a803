// Which environment, key and workspace a CLI command uses: flags, the user's environments file, env variables.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { isVendor } from '../../core/src/kinds';
import { defaultBaseUrl, SyncError, type Environment, type Vendor } from '../../sync/src/index';

export interface EnvironmentFlags {
  env?: string;
  vendor?: string;
  baseUrl?: string;
}

interface ConfiguredEnvironment {
  vendor?: string;
  baseUrl?: string;
  keyVariable?: string;
}

export function environmentsFilePath(): string {
  const configHome = process.env.XDG_CONFIG_HOME || path.join(homedir(), '.config');
  return path.join(configHome, 'assistant-config', 'environments.json');
}

function readConfigured(name: string): ConfiguredEnvironment {
  const file = environmentsFilePath();
  let parsed: { environments?: Record<string, ConfiguredEnvironment> };
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as typeof parsed;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'is not valid JSON';
    throw new SyncError('config', `Environment '${name}' is not defined: ${file} ${reason}. See --help for its format.`);
  }
  const environments: Record<string, unknown> = isObject(parsed?.environments) ? parsed.environments : {};
  // Own keys only: `__proto__`, `constructor` or `toString` are no environments.
  const configured = Object.hasOwn(environments, name) ? environments[name] : undefined;
  if (!isObject(configured)) {
    const known = Object.keys(environments).join(', ') || 'none';
    throw new SyncError('config', `Environment '${name}' is not defined in ${file} (defined: ${known}).`);
  }
  return configured as ConfiguredEnvironment;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asVendor(value: string, where: string): Vendor {
  if (isVendor(value)) return value;
  throw new SyncError('config', `${where}: unknown vendor '${value}' (use vapi or insighto).`);
}

/** The environment a command talks to, and the variable its key is in; `fileVendor` is the vendor the file itself names, if there is a file. */
export function environmentOf(flags: EnvironmentFlags, fileVendor?: Vendor): { env: Environment; keyVariable: string } {
  const configured = flags.env ? readConfigured(flags.env) : {};
  const vendor = flags.vendor
    ? asVendor(flags.vendor, '--vendor')
    : configured.vendor
      ? asVendor(configured.vendor, `Environment '${flags.env}'`)
      : (fileVendor ?? 'vapi');
  const env: Environment = { name: flags.env ?? 'default', vendor, baseUrl: flags.baseUrl ?? configured.baseUrl ?? defaultBaseUrl(vendor) };
  return { env, keyVariable: configured.keyVariable ?? (vendor === 'vapi' ? 'VAPI_API_KEY' : 'INSIGHTO_API_KEY') };
}

/** The environment and key for a command that sends the key. */
export function resolveEnvironment(flags: EnvironmentFlags, fileVendor?: Vendor): { env: Environment; apiKey: string } {
  const { env, keyVariable } = environmentOf(flags, fileVendor);
  const { vendor } = env;
  const apiKey = process.env[keyVariable] ?? '';
  if (!apiKey) throw new SyncError('auth', `No API key: set ${keyVariable} for environment '${env.name}' (${vendor}).`);
  return { env, apiKey };
}

/** The nearest folder at or above `start` with .assistant-config/ or .git/, else the current folder. */
export function findWorkspaceRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.assistant-config')) || existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}
