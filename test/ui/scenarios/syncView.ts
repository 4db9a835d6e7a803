// The Sync view (issue 9) on examples/support-squad against an empty org: every file "not pushed" with a
// badge of 7; Apply All Changed asks once and creates them all; a local edit, a dashboard edit and a
// dashboard-made assistant show as "local changes", "live changed" and "live only"; Pull Org Into Folder
// writes the live-only assistant and the dashboard edit into files and keeps the local edit.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { root } from '../../vscode/codeServer';
import { dismissNotifications, pollUntil, progressGone, runCommand, type UiSession } from '../workbench';
import { enterApiKey } from './newUser';

const sidebar = (page: Page) => page.locator('#workbench\\.parts\\.sidebar');

/** The view's row whose text (label and description) contains `label`. */
function row(page: Page, label: string): Locator {
  return sidebar(page).locator('.monaco-list-row', { hasText: label }).first();
}

/** Waits until the row of `label` says `words` (its description), and returns its text. */
async function rowSays(page: Page, label: string, words: string): Promise<string> {
  const found = sidebar(page).locator('.monaco-list-row', { hasText: label }).filter({ hasText: words }).first();
  await found.waitFor({ timeout: 30_000 }).catch(async () => {
    throw new Error(`the Sync view's row ${label} does not say "${words}"; it says: ${(await row(page, label).innerText().catch(() => '(no such row)')).replace(/\s+/g, ' ')}`);
  });
  return (await found.innerText()).replace(/\s+/g, ' ');
}

/** The number on the view container's activity bar icon, or undefined without a badge. */
async function badge(page: Page): Promise<string | undefined> {
  const content = page.locator('.activitybar .action-item', { has: page.locator('[aria-label^="Assistant Config"]') }).locator('.badge-content');
  return (await content.isVisible()) ? (await content.innerText()).trim() : undefined;
}

function badgeIs(page: Page, expected: string | undefined): Promise<void> {
  return pollUntil(async () => (await badge(page)) === expected, async () => `the Sync view's badge is ${(await badge(page)) ?? 'absent'}, expected ${expected ?? 'none'}`);
}

async function modalChoice(page: Page, text: string, button: string): Promise<string> {
  const dialog = page.locator('.monaco-dialog-box', { hasText: text });
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  const said = (await dialog.innerText()).replace(/\s+/g, ' ');
  await dialog.locator('.monaco-button', { hasText: button }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
  return said;
}

async function toastSays(page: Page, text: string): Promise<string> {
  const toast = page.locator('.notification-toast', { hasText: text });
  await toast.waitFor({ state: 'visible', timeout: 60_000 });
  await progressGone(page);
  return (await toast.innerText()).replace(/\s+/g, ' ');
}

export async function syncView(ui: UiSession): Promise<void> {
  const { page, api, shot, log } = ui;
  // An org of its own: what earlier scenarios pushed would be rows "live only" here.
  for (const store of Object.values(api.stores)) store.items.clear();
  const workspace = await ui.openWorkspace('sync-view', path.join(root, 'examples', 'support-squad'));
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'squads' }).waitFor({ timeout: 60_000 });

  await page.locator('.activitybar [aria-label^="Assistant Config"]').first().click();
  // Run alone, no earlier scenario stored the key: the view says so and offers Set API Key.
  const setKey = sidebar(page).locator('.monaco-button', { hasText: 'Set API Key' });
  await row(page, 'desk.assistant.json').or(setKey).first().waitFor({ timeout: 30_000 });
  if (await setKey.isVisible()) {
    await setKey.click();
    await enterApiKey(ui);
  }
  const files = ['support.squad.json', 'desk.assistant.json', 'billing.assistant.json', 'lookup-order.tool.json', 'opening-hours.tool.json', 'refund-order.tool.json', 'call-outcome.structured-output.json'];
  for (const file of files) await rowSays(page, file, 'not pushed');
  await badgeIs(page, '7');
  log('an empty org: the view lists the 7 files as not pushed, badge 7');
  await shot('sync-view-nothing-pushed');

  await runCommand(page, 'Assistant Config: Apply All Changed...');
  const asked = await modalChoice(page, "Apply 7 change(s) to 'local'?", 'Apply');
  const applied = await toastSays(page, "Applied to 'local'");
  if (!applied.includes('7 created')) throw new Error(`Apply All Changed did not say it created 7: ${applied}`);
  for (const file of files) await rowSays(page, file, 'in sync');
  await badgeIs(page, undefined);
  log(`Apply All Changed asked once ("${asked.slice(0, 80)}…") and said: ${applied.slice(0, 120)}`);
  await dismissNotifications(page);

  // A local edit, a dashboard edit and an assistant made in the dashboard.
  const billingFile = path.join(workspace, 'assistants', 'billing.assistant.json');
  const billing = fs.readFileSync(billingFile, 'utf8');
  fs.writeFileSync(billingFile, billing.replace(/"name": "([^"]+)"/, '"name": "$1 (new)"'));
  const hours = [...api.stores.tool.items.values()].find((item) => (item.fields.function as { name?: string } | undefined)?.name === 'opening_hours');
  if (!hours) throw new Error(`no opening_hours tool live: ${[...api.stores.tool.items.values()].map((item) => JSON.stringify(item.fields.function)).join(', ')}`);
  api.stores.tool.editInDashboard(hours.id, { function: { ...(hours.fields.function as object), description: 'Opening hours, holidays included.' } });
  api.stores.vapi.create({ name: 'After Hours', firstMessage: 'We are closed; leave a message.', model: { provider: 'openai', model: 'gpt-4o' } });
  await runCommand(page, 'Assistant Config: Refresh Sync View');
  await rowSays(page, 'billing.assistant.json', 'local changes');
  await rowSays(page, 'opening-hours.tool.json', 'live changed');
  await rowSays(page, 'After Hours', 'live only');
  await badgeIs(page, '2');
  log('local edit, dashboard edit, dashboard-made assistant: "local changes", "live changed", "live only", badge 2');
  await shot('sync-view');

  await runCommand(page, 'Assistant Config: Pull Org Into Folder...');
  // The folder dialog starts at the workspace folder; its OK button takes it.
  const dialog = page.locator('.quick-input-widget', { hasText: 'Pull Org Into Folder' });
  await dialog.waitFor({ state: 'visible', timeout: 15_000 });
  await dialog.locator('.monaco-button', { hasText: 'Pull Into This Folder' }).click();
  const kept = await modalChoice(page, 'have changes not synced', 'Cancel');
  if (!kept.includes('billing.assistant.json')) throw new Error(`the pull's question does not name billing.assistant.json: ${kept}`);
  const pulled = await toastSays(page, 'Pulled 8 resource(s)');
  if (!/2 written, 5 unchanged, 1 kept \(local changes\)/.test(pulled)) throw new Error(`Pull Org Into Folder did not say 2 written, 5 unchanged, 1 kept: ${pulled}`);
  const afterHours = path.join(workspace, 'assistants', 'after-hours.assistant.json');
  if (!fs.existsSync(afterHours)) throw new Error(`the live-only assistant was not written to assistants/after-hours.assistant.json: ${fs.readdirSync(path.join(workspace, 'assistants')).join(', ')}`);
  if (!fs.readFileSync(path.join(workspace, 'tools', 'opening-hours.tool.json'), 'utf8').includes('holidays included')) throw new Error('the dashboard edit of the tool was not pulled into its file');
  if (!fs.readFileSync(billingFile, 'utf8').includes('(new)')) throw new Error('the local edit of billing.assistant.json was overwritten');
  await rowSays(page, 'after-hours.assistant.json', 'in sync');
  await rowSays(page, 'opening-hours.tool.json', 'in sync');
  await rowSays(page, 'billing.assistant.json', 'local changes');
  await badgeIs(page, '1');
  log(`Pull Org Into Folder: ${pulled.slice(0, 160)}`);
  await shot('sync-view-after-pull-org');
  await dismissNotifications(page);
}
