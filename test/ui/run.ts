// UI test: the packaged .vsix installed into code-server as a user would, driven in headless Chromium with
// playwright-core. Each step asserts what a user sees and saves a screenshot to .test-output/screenshots/.
// Usage (after `npm run package`): node --import tsx test/ui/run.ts — exits non-zero on any failure.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startMockApi } from '../mock-api/server';
import {
  checkTools, copyDir, createProfile, elapsed, freshDir, installExtension, isolateHome, launchBrowser, outputDir, root, startCodeServer, workbenchUrl,
} from '../vscode/codeServer';

const vsix = process.env.ASSISTANT_VSIX ?? path.join(root, 'assistant-config.vsix');
const runDir = path.join(outputDir, 'ui');
const shotsDir = path.join(outputDir, 'screenshots');
const fileName = 'front-desk.assistant.json';
const started = Date.now();
const log = (message: string) => console.log(`[${elapsed(started)}] ${message}`);

async function main(): Promise<void> {
  checkTools();
  isolateHome();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first.`);
  freshDir(shotsDir);
  const apiKey = `ui-${randomBytes(8).toString('hex')}`;
  const api = await startMockApi({ vapiKey: apiKey });
  const liveCount = () => api.stores.vapi.assistants.size;
  const profile = createProfile(runDir, { 'assistantConfig.environments': { local: { vendor: 'vapi', baseUrl: api.vapiUrl } } });
  const workspace = path.join(runDir, 'workspace');
  copyDir(path.join(root, 'examples'), workspace);
  const filePath = path.join(workspace, fileName);
  installExtension(profile, vsix);
  log('installed the .vsix into a fresh profile');
  const server = await startCodeServer(profile, { trusted: true, logFile: path.join(runDir, 'code-server.log') });
  const browser = await launchBrowser(path.join(runDir, 'browser-profile'));
  const page = browser.pages()[0] ?? (await browser.newPage());
  let step = 0;
  const shot = async (name: string) => {
    const file = path.join(shotsDir, `${String(++step).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    log(`screenshot ${path.relative(root, file)}`);
  };
  try {
    await page.goto(workbenchUrl(server, workspace));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).waitFor({ timeout: 60_000 });
    const editor = await openFile(page, fileName);
    await page.locator('.statusbar-item', { hasText: 'local: not pushed yet' }).waitFor({ timeout: 60_000 });
    await editor.locator('.codelens-decoration', { hasText: 'Push to local' }).waitFor({ timeout: 30_000 });
    await editor.locator('.codelens-decoration', { hasText: 'Vapi schema' }).waitFor({ timeout: 30_000 });
    log('file open: language active, code lens and status bar item show');
    await shot('file-open-codelens-status');

    // Hover over a key: the schema's description with its range.
    await hoverOver(page, editor, '"maxDurationSeconds"', 'maxDurationSeconds'.length / 2 + 1);
    const hover = page.locator('.monaco-hover', { hasText: 'maximum number of seconds' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    log(`hover: ${(await hover.innerText()).replace(/\s+/g, ' ').slice(0, 120)}`);
    await shot('hover');
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);

    // Completion inside "voice" (provider azure): that provider's keys.
    await goTo(page, editor, filePath, '"voiceId": "en-US-AvaNeural"');
    await page.keyboard.type(',');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Space');
    const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'speed' }).first();
    await suggestion.waitFor({ state: 'visible', timeout: 15_000 });
    const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
    if (rows.some((row) => /stability/.test(row))) throw new Error(`ElevenLabs key offered for an azure voice: ${rows.join(' | ')}`);
    log(`completion: ${rows.map((row) => row.split('\n')[0]).join(', ')}`);
    await shot('completion-provider-keys');
    await page.keyboard.press('Escape');
    await runCommand(page, 'File: Revert File');
    await editor.locator('.view-line', { hasText: '"voiceId": "en-US-AvaNeural"' }).waitFor();

    // A misspelt key: squiggle, Problems entry, quick fix.
    await goTo(page, editor, filePath, '"endCallPhrases"', '"endCallPhrase'.length);
    await page.keyboard.press('Delete');
    await editor.locator('.view-line', { hasText: '"endCallPhrase":' }).waitFor();
    await editor.locator('.squiggly-error, .squiggly-warning').first().waitFor({ state: 'attached', timeout: 15_000 });
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'endCallPhrase' }).first();
    await problem.waitFor({ state: 'visible', timeout: 15_000 });
    log(`problem: ${(await problem.innerText()).replace(/\s+/g, ' ')}`);
    await shot('squiggle-and-problems');
    await focusEditor(page, editor);
    await goTo(page, editor, filePath, '"endCallPhrases"', 3);
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'endCallPhrases' }).first();
    await fix.waitFor({ state: 'visible', timeout: 15_000 });
    await shot('quick-fix-menu');
    // Keyboard, as the menu expects: move the focus to the fix, then Enter.
    for (let i = 0; i < 5 && !(await page.locator('.action-widget .monaco-list-row.focused', { hasText: 'endCallPhrases' }).count()); i++) {
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('Enter');
    await editor.locator('.view-line', { hasText: '"endCallPhrases":' }).waitFor({ timeout: 10_000 });
    await problem.waitFor({ state: 'detached', timeout: 15_000 });
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: fileName }).waitFor({ timeout: 10_000 });
    log('quick fix applied: key corrected, problem gone');
    await page.keyboard.press('Control+J'); // hide the panel again

    // Push from the command palette: the key is asked for (password box). A wrong key is refused, and the
    // error offers Set API Key; then the push shows its progress and result.
    await runCommand(page, 'Assistant Config: Push to Live');
    const keyBox = page.locator('.quick-input-widget', { hasText: "API key for 'local'" });
    await keyBox.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type('not-the-right-key');
    await shot('push-asks-for-api-key');
    await page.keyboard.press('Enter');
    const refused = page.locator('.notification-toast', { hasText: "The API refused the key for environment 'local'" });
    await refused.waitFor({ state: 'visible', timeout: 15_000 });
    await progressGone(page);
    await shot('wrong-key-offers-set-api-key');
    await refused.locator('.monaco-button', { hasText: 'Set API Key' }).click();
    await keyBox.waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.type(apiKey);
    await page.keyboard.press('Enter');
    await page.locator('.notification-toast', { hasText: "API key for 'local' saved" }).waitFor({ state: 'visible', timeout: 15_000 });
    if (liveCount() !== 0) throw new Error('a push with a refused key created an assistant');
    log('wrong key refused; Set API Key from the error stored the right one');
    await dismissNotifications(page);
    api.faults.add({ method: 'POST', effect: { kind: 'latency', ms: 3000 } }); // long enough to see the progress
    await runCommand(page, 'Assistant Config: Push to Live');
    await page.locator('.notification-toast', { hasText: `Pushing ${fileName} (local)` }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.waitForTimeout(700); // let the toast finish sliding in
    await shot('push-progress');
    const created = page.locator('.notification-toast', { hasText: `Created ${fileName} in 'local'` });
    await created.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.notification-toast', { hasText: 'Pushing' }).waitFor({ state: 'hidden', timeout: 15_000 });
    await page.locator('.statusbar-item', { hasText: 'local: in sync' }).waitFor({ timeout: 15_000 });
    if (liveCount() !== 1) throw new Error(`expected one assistant live, found ${liveCount()}`);
    await shot('push-created');

    // Someone edits the assistant in the dashboard; Diff With Live shows it.
    const [id] = api.stores.vapi.assistants.keys();
    api.stores.vapi.update(id, { firstMessage: 'Riverside Dental, Ava speaking. How may I help?' });
    await dismissNotifications(page);
    await runCommand(page, 'Assistant Config: Diff With Live');
    await page.locator('.tabs-container .tab.active', { hasText: 'Live (local)' }).waitFor({ timeout: 30_000 });
    await page.locator('.editor-group-container.active .monaco-diff-editor .view-line', { hasText: 'Ava speaking' }).first().waitFor({ timeout: 15_000 });
    await page.locator('.notification-toast', { hasText: "1 difference(s) with 'local': firstMessage (changed)" }).waitFor({ timeout: 15_000 });
    await page.locator('.notification-toast', { hasText: 'Comparing' }).waitFor({ state: 'hidden', timeout: 15_000 });
    await page.waitForTimeout(500);
    await shot('diff-with-live');

    // A slow API: the progress notification's Cancel stops the request.
    await dismissNotifications(page);
    api.faults.add({ method: 'GET', effect: { kind: 'latency', ms: 10_000 } });
    await openFile(page, fileName);
    await runCommand(page, 'Assistant Config: Diff With Live');
    const comparing = page.locator('.notification-toast', { hasText: 'Comparing' });
    await comparing.waitFor({ state: 'visible', timeout: 15_000 });
    await comparing.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await page.locator('.notification-toast', { hasText: 'cancelled' }).waitFor({ state: 'visible', timeout: 5_000 });
    log('cancel: the progress notification\'s Cancel stopped the diff');

    // Pushing now would overwrite that change: a modal asks first.
    await openFile(page, fileName);
    await runCommand(page, 'Assistant Config: Push to Live');
    const dialog = page.locator('.monaco-dialog-box', { hasText: "changed since front-desk.assistant.json was last synced" });
    await dialog.waitFor({ state: 'visible', timeout: 30_000 });
    await progressGone(page);
    await shot('push-conflict-asks');
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    if (api.stores.vapi.assistants.get(id)?.fields.firstMessage !== 'Riverside Dental, Ava speaking. How may I help?') throw new Error('Cancel changed the live assistant');
    log('conflict: modal shown, Cancel left the live copy alone');

    // A 400 from the API lands on the file as a problem at the path it names.
    await dismissNotifications(page);
    await openFile(page, 'legacy-shape.assistant.json');
    await runCommand(page, 'Assistant Config: Push to Live');
    await page.locator('.notification-toast', { hasText: 'should not exist' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'should not exist' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const legacyEditor = activeEditor(page);
    await focusEditor(page, legacyEditor);
    await page.keyboard.press('Control+Home'); // the Problems panel revealed line 18; scroll back to the code lens
    await legacyEditor.locator('.codelens-decoration', { hasText: 'local: not pushed yet' }).waitFor({ timeout: 15_000 });
    await progressGone(page);
    await shot('api-400-as-problems');
    log('ALL UI STEPS PASSED');
  } catch (error) {
    await page.screenshot({ path: path.join(shotsDir, 'failure.png') }).catch(() => undefined);
    throw error;
  } finally {
    await browser.close();
    await server.stop();
    await api.stop();
  }
}

function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Opens a file with Quick Open, alone (closing other editors first, so history entries such as a diff cannot match). */
async function openFile(page: Page, name: string): Promise<Locator> {
  await runCommand(page, 'View: Close All Editors');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active .label-name', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}$`) }).waitFor({ timeout: 15_000 });
  const editor = activeEditor(page);
  await editor.locator('.view-line').first().waitFor({ timeout: 15_000 });
  return editor;
}

/** Focuses the editor by clicking its last visible line (the first line carries the code lenses). */
async function focusEditor(page: Page, editor: Locator): Promise<void> {
  void page;
  await editor.locator('.view-line').last().click();
}

/**
 * Puts the cursor in the first line of `file` (as saved on disk) that contains `text`, `offset` characters
 * after the start of `text` (or at the end of the line): Go to Line with "line:column".
 */
async function goTo(page: Page, editor: Locator, file: string, text: string, offset?: number): Promise<void> {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  if (index < 0) throw new Error(`no line of ${path.basename(file)} contains ${text}`);
  const column = offset === undefined ? lines[index].length + 1 : lines[index].indexOf(text) + offset + 1;
  await focusEditor(page, editor);
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${index + 1}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Mouse hover at the middle of `needle` (offset characters in), from the width of the line's text span. */
async function hoverOver(page: Page, editor: Locator, needle: string, offset: number): Promise<void> {
  const line = editor.locator('.view-line', { hasText: needle }).first();
  const span = line.locator(':scope > span').first();
  const box = await span.boundingBox();
  if (!box) throw new Error(`line with ${needle} is not visible`);
  const text = (await span.innerText()).replace(/\u00a0/g, ' ');
  const x = box.x + (box.width / text.length) * (text.indexOf(needle) + offset);
  const y = box.y + box.height / 2;
  await page.mouse.move(x - 40, y);
  await page.mouse.move(x, y, { steps: 5 });
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Waits until no progress notification is left (a finished one fades out). */
async function progressGone(page: Page): Promise<void> {
  await page.locator('.notification-toast', { has: page.locator('.monaco-progress-container.active') }).first().waitFor({ state: 'hidden', timeout: 15_000 });
  await page.locator('.notification-toast', { hasText: 'Pushing' }).first().waitFor({ state: 'hidden', timeout: 15_000 });
}

async function dismissNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
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
