// A squad with its assistants, tools, structured output and a Markdown prompt, referred to by file
// (examples/support-squad): Push of the squad creates everything it refers to first and says so in order;
// after a local edit of a tool, Push of an assistant asks before sending it too.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../../vscode/codeServer';
import { dismissNotifications, openFile, progressGone, runCommand, type UiSession } from '../workbench';

export async function references(ui: UiSession): Promise<void> {
  const { page, api, shot, log } = ui;
  const total = () => Object.values(api.stores).reduce((sum, store) => sum + store.items.size, 0);
  const before = total();
  const workspace = await ui.openWorkspace('support-squad', path.join(root, 'examples', 'support-squad'));
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'squads' }).waitFor({ timeout: 60_000 });

  await openFile(page, 'support.squad.json');
  await runCommand(page, 'Assistant Config: Push to Live');
  // Run alone, no earlier scenario stored the key: the push asks for it first.
  const keyBox = page.locator('.quick-input-widget', { hasText: "API key for 'local'" });
  if (await keyBox.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
    await page.keyboard.type(ui.apiKey);
    await page.keyboard.press('Enter');
  }
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
