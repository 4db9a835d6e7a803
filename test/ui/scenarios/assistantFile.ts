// The assistant file, end to end: open it (code lens, status bar), hover, completion, a misspelt key and its
// quick fix; push with a wrong key and then the right one, a dashboard edit seen in Diff With Live, Cancel on a
// slow API, the conflict modal, and a 400 from the API (for a legacy field with no current place) as problems
// on the file.
import * as path from 'node:path';
import { root } from '../../vscode/codeServer';
import { activeEditor, dismissNotifications, focusEditor, goTo, hoverOver, openFile, progressGone, runCommand, type UiSession } from '../workbench';

const fileName = 'front-desk.assistant.json';

export async function assistantFile(ui: UiSession): Promise<void> {
  const { page, api, apiKey, shot, log } = ui;
  const liveCount = () => api.stores.vapi.items.size;
  const workspace = await ui.openWorkspace('workspace', path.join(root, 'examples'));
  const filePath = path.join(workspace, fileName);
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).waitFor({ timeout: 60_000 });
  const editor = await openFile(page, fileName);
  await page.locator('.statusbar-item', { hasText: 'local: not pushed yet' }).waitFor({ timeout: 60_000 });
  await editor.locator('.codelens-decoration', { hasText: 'Push to local' }).waitFor({ timeout: 30_000 });
  await editor.locator('.codelens-decoration', { hasText: 'Vapi assistant schema' }).waitFor({ timeout: 30_000 });
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
  const [id] = api.stores.vapi.items.keys();
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
  if (api.stores.vapi.items.get(id)?.fields.firstMessage !== 'Riverside Dental, Ava speaking. How may I help?') throw new Error('Cancel changed the live assistant');
  log('conflict: modal shown, Cancel left the live copy alone');

  // A 400 from the API lands on the file as a problem at the path it names.
  await dismissNotifications(page);
  await openFile(page, 'legacy-shape.assistant.json');
  await runCommand(page, 'Assistant Config: Push to Live');
  // Push names the legacy fields first; Migrate and Push moves two, and the API rejects the third.
  const legacyPrompt = page.locator('.monaco-dialog-box', { hasText: 'legacy fields' });
  await legacyPrompt.waitFor({ state: 'visible', timeout: 30_000 });
  await legacyPrompt.locator('.monaco-button', { hasText: 'Migrate and Push' }).click();
  await page.locator('.notification-toast', { hasText: 'should not exist' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'should not exist' }).first().waitFor({ state: 'visible', timeout: 15_000 });
  const legacyEditor = activeEditor(page);
  await focusEditor(page, legacyEditor);
  await page.keyboard.press('Control+Home'); // the Problems panel revealed line 18; scroll back to the code lens
  await legacyEditor.locator('.codelens-decoration', { hasText: 'local: not pushed yet' }).waitFor({ timeout: 15_000 });
  await progressGone(page);
  await shot('api-400-as-problems');
}
