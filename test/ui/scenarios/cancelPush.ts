// Cancel in VS Code ends a sync at once (issue 14): against a local API that never answers a create, the
// push's progress notification offers Cancel; pressing it ends the request, says so, and leaves no progress.
import * as path from 'node:path';
import { root } from '../../vscode/codeServer';
import { dismissNotifications, openFile, pushActiveFile, type UiSession } from '../workbench';

export async function cancelPush(ui: UiSession): Promise<void> {
  const { page, api, shot, log } = ui;
  await ui.openWorkspace('cancel-push', path.join(root, 'examples'));
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'order-status.assistant.json' }).waitFor({ timeout: 60_000 });
  api.faults.add({ method: 'POST', path: '/assistant', effect: { kind: 'hang' } });
  try {
    await openFile(page, 'order-status.assistant.json');
    await pushActiveFile(ui);
    // The progress notification's title names the environment; the message after a cancel does not.
    const progress = page.locator('.notification-toast', { hasText: "Pushing order-status.assistant.json (local)" });
    await progress.waitFor({ state: 'visible', timeout: 30_000 });
    await shot('push-waiting-offers-cancel');
    const pressed = Date.now();
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    const said = page.locator('.notification-toast', { hasText: 'Pushing order-status.assistant.json cancelled.' });
    await said.first().waitFor({ state: 'visible', timeout: 5_000 });
    await progress.waitFor({ state: 'hidden', timeout: 5_000 });
    const text = (await said.first().innerText()).replace(/\s+/g, ' ');
    log(`Cancel ended the hung create in ${Date.now() - pressed} ms: ${text.slice(0, 160)}`);
    // A create cut off may have reached the API: the file says so until the next push checks.
    await page.locator('.statusbar-item', { hasText: 'create unconfirmed' }).first().waitFor({ timeout: 5_000 });
    await shot('push-cancelled');
  } finally {
    api.faults.clear();
  }
  await dismissNotifications(page);
}
