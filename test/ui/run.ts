// UI test: the packaged .vsix installed into code-server as a user would, driven in headless Chromium with
// playwright-core. Each scenario (test/ui/scenarios/) asserts what a user sees and saves screenshots to
// .test-output/screenshots/; a failing scenario leaves failure-<scenario>.png there.
// Usage (after `npm run package`): node --import tsx test/ui/run.ts [scenario..] — exits non-zero on any failure.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startMockApi } from '../mock-api/server';
import {
  checkTools, copyDir, createProfile, elapsed, freshDir, installExtension, isolateHome, launchBrowser, outputDir, root, startCodeServer, workbenchUrl,
} from '../vscode/codeServer';
import { assistantFile } from './scenarios/assistantFile';
import { cancelPush } from './scenarios/cancelPush';
import { diffEditor, migrateAndPush, newUser, snippetsWhereTheyFit } from './scenarios/newUser';
import { prompts } from './scenarios/prompts';
import { referenceNavigation, references } from './scenarios/references';
import { syncView } from './scenarios/syncView';
import type { UiSession } from './workbench';

/** Every scenario, in the order they run. */
const scenarios: Record<string, (ui: UiSession) => Promise<void>> = {
  'assistant-file': assistantFile,
  prompts,
  'new-user': newUser,
  'diff-editor': diffEditor,
  'migrate-and-push': migrateAndPush,
  snippets: snippetsWhereTheyFit,
  references,
  'reference-navigation': referenceNavigation,
  'sync-view': syncView,
  'cancel-push': cancelPush,
};

const vsix = process.env.ASSISTANT_VSIX ?? path.join(root, 'assistant-config.vsix');
const runDir = path.join(outputDir, 'ui');
const shotsDir = path.join(outputDir, 'screenshots');
const started = Date.now();
const log = (message: string) => console.log(`[${elapsed(started)}] ${message}`);

async function main(): Promise<void> {
  const chosen = process.argv.slice(2);
  for (const name of chosen) if (!scenarios[name]) throw new Error(`no UI scenario '${name}' (known: ${Object.keys(scenarios).join(', ')})`);
  checkTools();
  isolateHome();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first.`);
  freshDir(shotsDir);
  const apiKey = `ui-${randomBytes(8).toString('hex')}`;
  const api = await startMockApi({ vapiKey: apiKey });
  const profile = createProfile(runDir, { 'assistantConfig.environments': { local: { vendor: 'vapi', baseUrl: api.vapiUrl } } });
  installExtension(profile, vsix);
  log('installed the .vsix into a fresh profile');
  const server = await startCodeServer(profile, { trusted: true, logFile: path.join(runDir, 'code-server.log') });
  const browser = await launchBrowser(path.join(runDir, 'browser-profile'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  let step = 0;
  const ui: UiSession = {
    page,
    api,
    apiKey,
    log,
    async shot(name) {
      const file = path.join(shotsDir, `${String(++step).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file });
      log(`screenshot ${path.relative(root, file)}`);
    },
    async openWorkspace(name, source) {
      const workspace = path.join(runDir, name);
      fs.rmSync(workspace, { recursive: true, force: true });
      copyDir(source, workspace);
      await page.goto(workbenchUrl(server, workspace));
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      return workspace;
    },
  };
  try {
    for (const [name, scenario] of Object.entries(scenarios)) {
      if (chosen.length && !chosen.includes(name)) continue;
      log(`scenario ${name}`);
      try {
        await scenario(ui);
      } catch (error) {
        await page.screenshot({ path: path.join(shotsDir, `failure-${name}.png`) }).catch(() => undefined);
        // One line: Playwright's call log (which locator it waited for) follows its message on later lines,
        // and a CI summary keeps only the lines that say FAIL or Timeout.
        const message = (error instanceof Error ? error.message : String(error)).split('\n').map((line) => line.trim()).filter(Boolean).join(' | ');
        throw new Error(`scenario ${name}: ${message}`);
      }
      log(`scenario ${name} passed`);
    }
    log('ALL UI STEPS PASSED');
  } finally {
    await browser.close();
    await server.stop();
    await api.stop();
  }
}

main().then(
  () => {
    log('UI test passed');
    process.exit(0);
  },
  (error) => {
    console.error('UI test FAILED:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
