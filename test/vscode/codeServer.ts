// The harness for real-VS-Code tests on machines that cannot download VS Code: code-server 4.100.3
// (VS Code 1.100.3, installed by setup.sh into .tools/) driven by playwright-core and Debian's Chromium.
// Every run gets fresh user-data, extensions, XDG and browser-profile dirs under .test-output/, so nothing
// leaks between runs (code-server restores unsaved editors from its user-data dir) or into $HOME.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const root = path.resolve(__dirname, '../..');
export const toolsDir = process.env.ASSISTANT_TOOLS_DIR ?? path.join(root, '.tools');
export const codeServerBin = path.join(toolsDir, 'code-server/node_modules/.bin/code-server');
export const outputDir = path.join(root, '.test-output');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Keeps code-server's and Chromium's config, data and cache writes inside .tools/xdg. */
export function isolateHome(): void {
  for (const [name, dir] of [['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_CACHE_HOME', 'cache']] as const) {
    process.env[name] = path.join(toolsDir, 'xdg', dir);
    fs.mkdirSync(process.env[name]!, { recursive: true });
  }
}

export function checkTools(): void {
  const missing = [codeServerBin, chromiumPath].filter((file) => !fs.existsSync(file));
  if (missing.length) throw new Error(`Missing ${missing.join(', ')}: run \`npm run setup:vscode\` (test/vscode/setup.sh) first.`);
}

/** An empty directory (removed first if it exists). */
export function freshDir(dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface VsCodeProfile {
  userDataDir: string;
  extensionsDir: string;
}

/** A fresh profile whose user settings are `settings` (plus quiet defaults for tests). */
export function createProfile(dir: string, settings: Record<string, unknown>): VsCodeProfile {
  const profile = { userDataDir: path.join(freshDir(dir), 'user-data'), extensionsDir: path.join(dir, 'extensions') };
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  const quiet = {
    'workbench.startupEditor': 'none',
    'files.autoSave': 'off',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
    // The run's workspaces sit inside this repository: without this, VS Code asks about the parent git repo.
    'git.openRepositoryInParentFolders': 'never',
    // No background fetch of an OpenAPI document in the middle of a scenario: a test that wants one runs the command.
    'assistantConfig.schemas.autoUpdate': false,
  };
  fs.writeFileSync(path.join(profile.userDataDir, 'User/settings.json'), JSON.stringify({ ...quiet, ...settings }, null, 2));
  return profile;
}

export function installExtension(profile: VsCodeProfile, vsix: string): void {
  const result = spawnSync(
    codeServerBin,
    ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`Installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
}

export interface RunningCodeServer {
  url: string;
  authority: string;
  stop(): Promise<void>;
}

/**
 * Starts code-server on a free loopback port without auth. `trusted: false` leaves workspace trust on, so a
 * folder opens in Restricted Mode (the profile's startupPrompt 'never' keeps the trust dialog away).
 */
export async function startCodeServer(
  profile: VsCodeProfile,
  options: { trusted: boolean; env?: Record<string, string>; logFile: string; port?: number },
): Promise<RunningCodeServer> {
  const port = options.port || (await freePort());
  const configFile = path.join(path.dirname(profile.userDataDir), 'code-server.yaml');
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    '--config', configFile,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    ...(options.trusted ? ['--disable-workspace-trust'] : []),
  ];
  const log = fs.openSync(options.logFile, 'w');
  // No marketplace: a gallery without a service URL is off, so the workbench never queries one (open-vsx.org
  // is unreachable here, and a closed port made it log a connection error with its stack in every run).
  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env };
  const child: ChildProcess = spawn(codeServerBin, args, { env, stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}); see ${options.logFile}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer within 60 s; see ${options.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, authority: `127.0.0.1:${port}`, stop };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Headless Debian Chromium with a fresh profile; never a browser download. */
export async function launchBrowser(profileDir: string, viewport = { width: 1440, height: 900 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(freshDir(profileDir), {
    executablePath: chromiumPath,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export function workbenchUrl(server: RunningCodeServer, folder: string, payload?: [string, string][]): string {
  const query = `folder=${encodeURIComponent(folder)}` + (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '');
  return `${server.url}/?${query}`;
}

/** A vscode-remote URI for a path on the code-server machine, as the workbench's payload expects. */
export function remoteUri(server: RunningCodeServer, file: string): string {
  return `vscode-remote://${server.authority}${file}`;
}

export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

export function elapsed(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
