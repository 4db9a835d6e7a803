// `npm run demo`: the extension against a local stand-in for the Vapi API, with no account.
// Builds and packages the extension, starts the local API with the example assistants, prepares a copy of
// examples/ whose files are linked to them, and opens VS Code on it: desktop `code` when installed, otherwise
// code-server (installed here by test/vscode/setup.sh when missing) at a printed URL. The run's own user settings point the
// environment 'local' at the local API; the first Push, Pull or Diff asks for an API key: enter any text.
// Ctrl+C stops everything. `npm run demo -- --check` (used by `npm run test:vscode`) opens the code-server
// workbench headless instead, checks that a linked example shows "local: in sync", and exits.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as MockApi from '../test/mock-api/server';
import type * as SyncEngine from '../sync/src/index';
import {
  codeServerBin, copyDir, createProfile, freshDir, installExtension, isolateHome, launchBrowser, outputDir, root, startCodeServer,
} from '../test/vscode/codeServer';

const demoDir = path.join(outputDir, 'demo');
const workspace = path.join(demoDir, 'examples');
const vsix = path.join(root, 'assistant-config.vsix');
/** Example files created live and linked, so push, pull and diff have something to work on right away. */
const linkedExamples = ['front-desk.assistant.json', 'order-status.assistant.json'];
const check = process.argv.includes('--check');

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

function hasDesktopCode(): boolean {
  return !check && process.env.DEMO_USE_CODE_SERVER === undefined && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function main(): Promise<void> {
  console.log('Building and packaging the extension…');
  run('npm', ['run', '--silent', 'package']);
  // Loaded only now: the local API and the engine check files with the validators the build has just
  // compiled (core/src/validation/compiled), which a fresh clone does not have before its first build.
  const { startMockApi }: typeof MockApi = await import('../test/mock-api/server');
  const { pull }: typeof SyncEngine = await import('../sync/src/index');

  const api = await startMockApi({ port: Number(process.env.DEMO_API_PORT ?? 0) });
  freshDir(demoDir);
  copyDir(path.join(root, 'examples'), workspace);
  const env = { name: 'local', vendor: 'vapi' as const, baseUrl: api.vapiUrl };
  for (const file of linkedExamples) {
    const text = fs.readFileSync(path.join(workspace, file), 'utf8');
    const { id } = api.stores.vapi.create(JSON.parse(text) as Record<string, unknown>);
    // Pulling writes the file in the engine's stable form and records the link in .assistant-config/state.json.
    await pull({ env, apiKey: 'demo', workspaceRoot: workspace }, { id, path: path.join(workspace, file), overwrite: true });
  }
  const profile = createProfile(path.join(demoDir, 'profile'), { 'assistantConfig.environments': { local: { vendor: 'vapi', baseUrl: api.vapiUrl } } });
  const stopAll: Array<() => Promise<void> | void> = [() => api.stop()];

  console.log(`\nLocal API (Vapi-style) at ${api.vapiUrl} holding ${linkedExamples.length} assistants.`);
  if (hasDesktopCode()) {
    run('code', ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix]);
    const code = spawn('code', ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--new-window', workspace], { stdio: 'inherit' });
    stopAll.push(() => void code.kill());
    console.log(`Opened VS Code on ${workspace}.`);
  } else {
    if (!fs.existsSync(codeServerBin)) {
      console.log('No desktop `code` here: installing code-server (test/vscode/setup.sh)…');
      run('bash', ['test/vscode/setup.sh']);
    }
    isolateHome();
    installExtension(profile, vsix);
    const server = await startCodeServer(profile, { trusted: true, logFile: path.join(demoDir, 'code-server.log'), port: Number(process.env.DEMO_PORT ?? 0) });
    stopAll.push(() => server.stop());
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
    if (check) {
      const ok = await checkDemo(url).then(() => true, (error: unknown) => (console.error(error), false));
      for (const step of stopAll.reverse()) await step();
      console.log(ok ? 'Demo check passed: the workbench shows front-desk.assistant.json as "local: in sync".' : 'Demo check FAILED.');
      process.exit(ok ? 0 : 1);
    }
    console.log(`Open VS Code in your browser: ${url}`);
  }
  console.log(`
Try it:
  - open front-desk.assistant.json: completion, hover, problems; the code lens and status bar say "local: in sync"
  - edit it, then "Assistant Config: Push to Live" (code lens, editor title or Command Palette).
    When asked for the API key of 'local', enter any text (the local API accepts any key).
  - "Diff With Live", "Pull", "Pull Into New File…"; push legacy-shape.assistant.json to see the API's 400 as problems.
Press Ctrl+C to stop.`);
  const stop = async () => {
    for (const step of stopAll.reverse()) await step();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** Opens the demo in headless Chromium and waits for the linked example's sync state in the status bar. */
async function checkDemo(url: string): Promise<void> {
  const browser = await launchBrowser(path.join(demoDir, 'browser-profile'));
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(url);
    const file = page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'front-desk.assistant.json' });
    await file.waitFor({ timeout: 60_000 });
    await file.click();
    await page.locator('.statusbar-item', { hasText: 'local: in sync' }).waitFor({ timeout: 60_000 });
  } finally {
    await browser.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
