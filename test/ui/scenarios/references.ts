// A squad with its assistants, tools, structured output and a Markdown prompt, referred to by file
// (examples/support-squad): Push of the squad creates everything it refers to first and says so in order;
// after a local edit of a tool, Push of an assistant asks before sending it too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../../vscode/codeServer';
import { activeEditor, dismissNotifications, goTo, openFile, pollUntil, progressGone, pushActiveFile, runCommand, type UiSession } from '../workbench';

export async function references(ui: UiSession): Promise<void> {
  const { page, api, shot, log } = ui;
  const total = () => Object.values(api.stores).reduce((sum, store) => sum + store.items.size, 0);
  const before = total();
  const workspace = await ui.openWorkspace('support-squad', path.join(root, 'examples', 'support-squad'));
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'squads' }).waitFor({ timeout: 60_000 });

  await openFile(page, 'support.squad.json');
  await pushActiveFile(ui);
  const created = page.locator('.notification-toast', { hasText: "Created support.squad.json in 'local'" });
  await created.waitFor({ state: 'visible', timeout: 60_000 });
  await progressGone(page);
  const text = (await created.innerText()).replace(/\s+/g, ' ');
  for (const expected of ['created tool tools/lookup-order.tool.json', 'created assistant assistants/desk.assistant.json', 'created assistant assistants/billing.assistant.json']) {
    if (!text.includes(expected)) throw new Error(`the push's message does not say "${expected}": ${text}`);
  }
  if (text.indexOf('tools/lookup-order.tool.json') > text.indexOf('assistants/desk.assistant.json')) throw new Error(`the tool is not named before the assistant: ${text}`);
  if (total() - before !== 7) throw new Error(`expected 7 resources created, found ${total() - before}`);
  log(`push of the squad: ${text.slice(0, 200)}`);
  await shot('push-squad-creates-what-it-refers-to');
  await dismissNotifications(page);

  // A tool edited locally: pushing the assistant that uses it asks first.
  const toolFile = path.join(workspace, 'tools', 'lookup-order.tool.json');
  fs.writeFileSync(toolFile, fs.readFileSync(toolFile, 'utf8').replace('Looks up an order by its number.', 'Looks up an order by its number or e-mail.'));
  await openFile(page, 'desk.assistant.json');
  await runCommand(page, 'Assistant Config: Push to Live');
  const dialog = page.locator('.monaco-dialog-box', { hasText: 'refers to changed since they were last pushed' });
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  await progressGone(page);
  await shot('push-asks-before-sending-changed-tool');
  await dialog.locator('.monaco-button', { hasText: 'Push All' }).click();
  await page.locator('.notification-toast', { hasText: 'updated tool tools/lookup-order.tool.json' }).waitFor({ state: 'visible', timeout: 30_000 });
  const tool = [...api.stores.tool.items.values()].find((item) => (item.fields.function as { name?: string }).name === 'lookup_order');
  if (!(tool?.fields.function as { description?: string }).description?.includes('or e-mail')) throw new Error('Push All did not send the edited tool');
  log('changed tool: the modal asked, Push All sent it');
  await shot('push-all-sent-the-tool');
  await dismissNotifications(page);
}

/** Waits until the file on disk contains `text`. */
function fileComesToContain(file: string, text: string): Promise<void> {
  return pollUntil(() => fs.readFileSync(file, 'utf8').includes(text), () => `${path.basename(file)} does not contain ${text}: ${fs.readFileSync(file, 'utf8')}`);
}

// The editor knows the links: Ctrl+click on a reference opens the tool file; renaming the tool file in the
// explorer rewrites every reference to it, in files open or not.
export async function referenceNavigation(ui: UiSession): Promise<void> {
  const { page, shot, log } = ui;
  const workspace = await ui.openWorkspace('reference-navigation', path.join(root, 'examples', 'support-squad'));
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'squads' }).waitFor({ timeout: 60_000 });

  const editor = await openFile(page, 'desk.assistant.json');
  // The code lens above the first line moves every line down when it comes: wait for it before measuring.
  await editor.locator('.codelens-decoration', { hasText: 'Push to' }).first().waitFor({ timeout: 30_000 });
  // The cursor put inside the reference marks where to point: a few characters right of it.
  await goTo(page, editor, path.join(workspace, 'assistants', 'desk.assistant.json'), '../tools/lookup-order.tool.json', 10);
  const caret = await editor.locator('.cursors-layer .cursor').first().boundingBox();
  if (!caret) throw new Error('no cursor in the editor');
  const x = caret.x + 4;
  const y = caret.y + caret.height / 2;
  // The hover on the reference says what it names, once the language server is up (the workspace just opened).
  await page.mouse.move(x - 30, y);
  await page.mouse.move(x, y, { steps: 3 });
  await page.locator('.monaco-hover', { hasText: 'lookup_order' }).waitFor({ state: 'visible', timeout: 30_000 });
  await page.mouse.move(x, y - 80);
  // Held Control over a reference: VS Code underlines it as a link once the definition has answered.
  await page.keyboard.down('Control');
  await page.mouse.move(x, y, { steps: 5 });
  await editor.locator('.goto-definition-link').first().waitFor({ timeout: 15_000 });
  await shot('ctrl-hover-reference-is-a-link');
  await page.mouse.down();
  await page.mouse.up();
  await page.keyboard.up('Control');
  await page.locator('.tabs-container .tab.active .label-name', { hasText: /^lookup-order\.tool\.json$/ }).waitFor({ timeout: 15_000 });
  log('Ctrl+click on ../tools/lookup-order.tool.json opened the tool file');
  await shot('ctrl-click-opened-the-tool');

  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'View: Show Explorer');
  const explorer = page.locator('.explorer-folders-view');
  // Opening the tool revealed it in the explorer: the tools folder may be expanded already.
  const tools = explorer.locator('.monaco-list-row', { hasText: /^tools$/ });
  if ((await tools.getAttribute('aria-expanded')) !== 'true') await tools.click();
  await explorer.locator('.monaco-list-row', { hasText: 'lookup-order.tool.json' }).click();
  await page.keyboard.press('F2');
  const input = explorer.locator('.monaco-inputbox input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill('find-order.tool.json');
  await page.keyboard.press('Enter');
  // VS Code asks before it applies an extension's edits for a file move.
  const ask = page.locator('.monaco-dialog-box', { hasText: 'wants to make refactoring changes' });
  await ask.waitFor({ state: 'visible', timeout: 15_000 });
  await shot('rename-asks-to-update-references');
  await ask.locator('.monaco-button', { hasText: /^OK$/ }).click();
  // The edited files open, changed and not saved, as VS Code leaves any refactoring: the user saves them.
  for (const name of ['desk.assistant.json', 'billing.assistant.json']) {
    await page.locator('.tabs-container .tab.dirty', { hasText: name }).waitFor({ timeout: 15_000 });
  }
  await page.locator('.tabs-container .tab', { hasText: 'desk.assistant.json' }).click();
  await activeEditor(page).locator('.view-line', { hasText: '../tools/find-order.tool.json' }).waitFor({ timeout: 15_000 });
  await shot('rename-in-explorer-updated-references');
  await runCommand(page, 'File: Save All Files');
  await fileComesToContain(path.join(workspace, 'assistants', 'desk.assistant.json'), '"../tools/find-order.tool.json"');
  await fileComesToContain(path.join(workspace, 'assistants', 'billing.assistant.json'), '"../tools/find-order.tool.json"');
  log('renamed tools/lookup-order.tool.json in the explorer: desk and billing now refer to ../tools/find-order.tool.json, saved');
}
