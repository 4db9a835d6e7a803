// What a new user trips over (issue 12), in the real VS Code: the code lens and the status bar agree on a
// file's sync state as it is edited; Diff With Live shows the file itself against the live copy; a push of
// legacy fields offers Migrate and Push.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../../vscode/codeServer';
import { manyToolsAssistant } from '../../server/fixtures';
import { dismissNotifications, focusEditor, goTo, openFile, progressGone, runCommand, type UiSession } from '../workbench';

// A large assistant (520 tools, 10,000 lines): each edit keeps the language server busy for a moment.
const fileName = 'many-tools.assistant.json';

/** Stores the local API's key, as a user does before the first push (each scenario can run alone). */
async function setApiKey(ui: UiSession): Promise<void> {
  await runCommand(ui.page, 'Assistant Config: Set API Key...');
  await enterApiKey(ui);
}

/** Answers Set API Key's questions (which environment, then the key) once the command has started. */
export async function enterApiKey({ page, apiKey }: UiSession): Promise<void> {
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'local' }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget', { hasText: "API key for 'local'" }).waitFor({ state: 'visible', timeout: 15_000 });
  await page.locator('.quick-input-widget input').fill(apiKey);
  await page.keyboard.press('Enter');
  await page.locator('.notification-toast', { hasText: "API key for 'local' saved" }).waitFor({ state: 'visible', timeout: 15_000 });
  await dismissNotifications(page);
}

export async function newUser(ui: UiSession): Promise<void> {
  const { page, shot, log } = ui;
  const workspace = await ui.openWorkspace('new-user', path.join(root, 'examples'));
  const filePath = path.join(workspace, fileName);
  fs.writeFileSync(filePath, manyToolsAssistant(520));
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).waitFor({ timeout: 60_000 });
  const editor = await openFile(page, fileName);
  await editor.locator('.codelens-decoration', { hasText: 'Push to local' }).waitFor({ timeout: 30_000 });

  await setApiKey(ui);
  await runCommand(page, 'Assistant Config: Push to Live');
  await page.locator('.notification-toast', { hasText: `Created ${fileName} in 'local'` }).waitFor({ state: 'visible', timeout: 30_000 });

  // The code lens and the status bar say the same, and follow an edit and its undo together.
  const lens = (text: string) => editor.locator('.codelens-decoration', { hasText: `local: ${text}` });
  const status = (text: string) => page.locator('.statusbar-item', { hasText: `local: ${text}` });
  const agree = async (text: string, what: string) => {
    const started = Date.now();
    await Promise.all([lens(text).waitFor({ timeout: 3000 }), status(text).waitFor({ timeout: 3000 })]).catch(() => {
      throw new Error(`${what}: the code lens and the status bar did not both say "local: ${text}" within 3 s`);
    });
    log(`${what}: code lens and status bar both say "local: ${text}" after ${Date.now() - started} ms`);
  };
  await agree('in sync', 'after the push');
  await dismissNotifications(page);
  await goTo(page, editor, filePath, '"firstMessage"', '"firstMessage": "'.length);
  // An edit, and at once the focus moves on (to the Explorer): VS Code drops a code lens update it had
  // scheduled when the editor loses focus, so the lens must hear of the new state by itself.
  await page.keyboard.type('X');
  await page.keyboard.press('Control+Shift+E');
  await agree('changed since last sync', 'an edit, then the Explorer focused at once');
  await focusEditor(page, editor);
  await goTo(page, editor, filePath, '"firstMessage"', '"firstMessage": "'.length + 1);
  await page.keyboard.press('Backspace');
  await agree('in sync', 'the edit undone');
  for (let round = 1; round <= 3; round++) {
    // A burst of typing, as a user types a word (each keystroke is a new version for the server to check).
    await page.keyboard.type('Hello there, ', { delay: 40 });
    await agree('changed since last sync', `edit ${round}`);
    if (round === 1) await shot('codelens-and-status-agree');
    for (let i = 0; i < 'Hello there, '.length; i++) await page.keyboard.press('Backspace');
    await agree('in sync', `undo ${round}`);
  }
}

/** Diff With Live: the file itself on the right, the live copy laid out as the file is on the left, revert arrows. */
export async function diffEditor(ui: UiSession): Promise<void> {
  const { page, api, shot, log } = ui;
  const name = 'front-desk.assistant.json';
  const workspace = await ui.openWorkspace('diff-editor', path.join(root, 'examples'));
  await openFile(page, name);
  await setApiKey(ui);
  await runCommand(page, 'Assistant Config: Push to Live');
  await page.locator('.notification-toast', { hasText: `Created ${name} in 'local'` }).waitFor({ state: 'visible', timeout: 30_000 });
  // The one this push made: the newest (other scenarios made assistants of the same name before).
  const id = [...api.stores.vapi.items.values()].filter((assistant) => assistant.fields.name === 'Front Desk').at(-1)!.id;
  api.stores.vapi.update(id, { firstMessage: 'Riverside Dental, Ava speaking. How may I help?' });
  await dismissNotifications(page);
  await runCommand(page, 'Assistant Config: Diff With Live');
  const diff = page.locator('.editor-group-container.active .monaco-diff-editor');
  const side = (which: 'original' | 'modified', text: string) => diff.locator(`.editor.${which} .view-line`, { hasText: text }).first();
  await page.locator('.tabs-container .tab.active', { hasText: `${name}: Live (local) ↔ File` }).waitFor({ timeout: 30_000 });
  await side('original', 'Ava speaking').waitFor({ timeout: 15_000 });
  await side('modified', 'Thanks for calling Riverside Dental').waitFor({ timeout: 15_000 });
  // The right side is the file: its lines where the file has them, and the diff marks just the one line.
  const lineOf = async (which: 'original' | 'modified', text: string) => {
    const top = await side(which, text).evaluate((line) => (line as unknown as { style: { top: string } }).style.top);
    const numbers = diff.locator(`.editor.${which} .line-numbers`);
    for (const number of await numbers.all()) {
      if ((await number.evaluate((element) => (element as unknown as { parentElement: { style: { top: string } } }).parentElement.style.top)) === top) return Number(await number.innerText());
    }
    return -1;
  };
  const fileLines = fs.readFileSync(path.join(workspace, name), 'utf8').split('\n');
  const expected = fileLines.findIndex((line) => line.includes('"firstMessage"')) + 1;
  const [left, right] = [await lineOf('original', '"firstMessage"'), await lineOf('modified', '"firstMessage"')];
  if (left !== expected || right !== expected) throw new Error(`firstMessage is on line ${left} (live) and ${right} (file); the file has it on line ${expected}`);
  await page.locator('.statusbar-item', { hasText: 'local: in sync' }).waitFor({ timeout: 10_000 });
  if (await page.locator('.statusbar-item', { hasText: 'comparing with live' }).count()) throw new Error('the status bar says "comparing with live"');
  const revert = diff.locator('[aria-label="Revert Block"]').first();
  await revert.waitFor({ state: 'attached', timeout: 10_000 });
  await page.locator('.notification-toast', { hasText: 'Comparing' }).waitFor({ state: 'hidden', timeout: 15_000 });
  await page.waitForTimeout(300);
  log(`diff: the file on the right, firstMessage on line ${expected} of both sides, a revert arrow`);
  await shot('diff-with-live');

  // The revert arrow takes the live line into the file, which is the editor's own buffer.
  await revert.click();
  await side('modified', 'Ava speaking').waitFor({ timeout: 10_000 });
  await page.locator('.tabs-container .tab.active.dirty', { hasText: 'Live (local)' }).waitFor({ timeout: 10_000 });
  await page.locator('.statusbar-item', { hasText: 'local: changed since last sync' }).waitFor({ timeout: 10_000 });
  await shot('diff-revert-block-applied');
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'Live (local)' }).waitFor({ timeout: 10_000 });
  if (!fs.readFileSync(path.join(workspace, name), 'utf8').includes('Ava speaking')) throw new Error('the reverted block did not reach the file');
  log('revert block: the live line is in the file, saved');

  // The file now matches the live copy: a dialog says so, and stays until it is read.
  await dismissNotifications(page);
  await runCommand(page, 'Assistant Config: Diff With Live');
  const matches = page.locator('.monaco-dialog-box', { hasText: `${name} matches the live assistant in 'local'` });
  await matches.waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForTimeout(8000);
  if (!(await matches.isVisible())) throw new Error('the "matches" message went away by itself');
  await shot('diff-equal-message-stays');
  await matches.locator('.monaco-button', { hasText: 'OK' }).click();
  await matches.waitFor({ state: 'hidden', timeout: 5000 });
  log('an unchanged file: the dialog saying so stayed 8 s, until OK');
}

/** Legacy fields the API rejects: Push names them and offers Migrate and Push; Fix All as a source action. */
export async function migrateAndPush(ui: UiSession): Promise<void> {
  const { page, api, shot, log } = ui;
  const name = 'legacy-shape.assistant.json';
  const workspace = await ui.openWorkspace('migrate-and-push', path.join(root, 'examples'));
  const file = path.join(workspace, name);
  const original = fs.readFileSync(file, 'utf8');
  const editor = await openFile(page, name);
  await setApiKey(ui);
  const before = api.stores.vapi.items.size;

  await runCommand(page, 'Assistant Config: Push to Live');
  const prompt = page.locator('.monaco-dialog-box', { hasText: `'local' will reject 3 legacy fields in ${name}` });
  await prompt.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await prompt.innerText();
  for (const expected of ['"silenceTimeoutSeconds"', '"hipaaEnabled" to "compliancePlan.hipaaEnabled"', '"recordingEnabled" to "artifactPlan.recordingEnabled"', 'no certain place']) {
    if (!text.includes(expected)) throw new Error(`the prompt does not say ${expected}: ${text}`);
  }
  await prompt.locator('.monaco-button', { hasText: 'Migrate and Push' }).waitFor();
  await shot('push-legacy-migrate-prompt');
  await prompt.locator('.monaco-button', { hasText: 'Cancel' }).click();
  await prompt.waitFor({ state: 'hidden' });
  if (api.stores.vapi.items.size !== before || fs.readFileSync(file, 'utf8') !== original) throw new Error('Cancel sent or changed something');
  log('legacy prompt: names the three fields, Cancel sends nothing and leaves the file');

  // Fix All (its command, or editor.codeActionsOnSave): the certain moves at once.
  await focusEditor(page, editor);
  const migrated = editor.locator('.view-line', { hasText: '"compliancePlan"' });
  // The light bulb's own request, set off by the click, can cancel the first Fix All ("No fix all action available").
  for (let attempt = 1; attempt <= 5 && !(await migrated.count()); attempt++) {
    await runCommand(page, 'Fix All');
    await migrated.waitFor({ timeout: 2000 }).catch(() => log(`Fix All, attempt ${attempt}: not applied yet`));
  }
  await migrated.waitFor({ timeout: 1000 });
  await shot('fix-all-migrated');
  log('Fix All moved hipaaEnabled and recordingEnabled');
  await page.keyboard.press('Control+Z');
  await editor.locator('.view-line', { hasText: '"hipaaEnabled": false' }).waitFor({ timeout: 10_000 });

  // Migrate and Push: moved, saved, pushed; the API rejects the one field with no current place, on its line.
  await runCommand(page, 'Assistant Config: Push to Live');
  await prompt.waitFor({ state: 'visible', timeout: 30_000 });
  await prompt.locator('.monaco-button', { hasText: 'Migrate and Push' }).click();
  await page.locator('.notification-toast', { hasText: 'silenceTimeoutSeconds should not exist' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  const saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (saved.compliancePlan?.hipaaEnabled !== false || saved.artifactPlan?.recordingEnabled !== true) throw new Error(`not migrated on disk: ${JSON.stringify(saved)}`);
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'silenceTimeoutSeconds should not exist' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await progressGone(page);
  await shot('migrate-and-push-rejects-the-rest');
  log('Migrate and Push: two fields moved and saved; the 400 for silenceTimeoutSeconds is a problem on its line');
}

/** Snippets where they fit: the whole-file snippet in a new, empty file, and not inside `voice`. */
export async function snippetsWhereTheyFit(ui: UiSession): Promise<void> {
  const { page, shot, log } = ui;
  const workspace = await ui.openWorkspace('snippets', path.join(root, 'examples'));
  fs.writeFileSync(path.join(workspace, 'new.assistant.json'), '');
  const editor = await openFile(page, 'new.assistant.json');
  await focusEditor(page, editor);
  await page.keyboard.press('Control+Space');
  const offered = page.locator('.suggest-widget .monaco-list-row', { hasText: 'vapi-assistant' }).first();
  await offered.waitFor({ state: 'visible', timeout: 15_000 });
  await shot('new-file-offers-whole-assistant');
  await page.keyboard.press('Enter');
  await editor.locator('.view-line', { hasText: '"firstMessage"' }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Escape'); // leave the snippet's placeholders
  // No problems in what it wrote: the diagnostics of the new text arrive within a moment, and there are none.
  await page.waitForTimeout(2000);
  if (await editor.locator('.squiggly-error, .squiggly-warning').count()) throw new Error('the inserted assistant has problems');
  await shot('whole-assistant-inserted');
  await page.keyboard.press('Control+S');
  await page.locator('.tabs-container .tab.active:not(.dirty)', { hasText: 'new.assistant.json' }).waitFor({ timeout: 10_000 });
  log('new file: Ctrl+Space offers vapi-assistant, which writes a whole assistant without problems');

  // Inside voice: keys, no whole-file snippet.
  const desk = path.join(workspace, 'front-desk.assistant.json');
  const deskEditor = await openFile(page, 'front-desk.assistant.json');
  await goTo(page, deskEditor, desk, '"voiceId": "en-US-AvaNeural"');
  await page.keyboard.type(',');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Space');
  await page.locator('.suggest-widget .monaco-list-row', { hasText: 'speed' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  const rows = await page.locator('.suggest-widget .monaco-list-row').allInnerTexts();
  if (rows.some((row) => /vapi-assistant|function-tool|transfer-tool/.test(row))) throw new Error(`a whole-file snippet offered inside voice: ${rows.join(' | ')}`);
  // Accepting `speed` writes a value inside the azure voice's range: no problem appears.
  await page.locator('.suggest-widget .monaco-list-row', { hasText: 'speed' }).first().click();
  await deskEditor.locator('.view-line', { hasText: '"speed": 0.5' }).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(1500);
  if (await deskEditor.locator('.squiggly-error').count()) throw new Error('the inserted speed is flagged');
  await shot('completion-inserts-an-accepted-value');
  log('inside voice: keys only; speed is inserted as 0.5, within its range, no squiggle');
  await runCommand(page, 'File: Revert File');
}
