// What the UI scenarios share: the session they run in (one code-server, one browser page, the local API)
// and the few workbench gestures they are made of. Selectors are VS Code 1.100's.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { MockApi } from '../mock-api/server';

export interface UiSession {
  page: Page;
  /** The local API the `local` environment points at. */
  api: MockApi;
  /** The key the local API accepts. */
  apiKey: string;
  /** Copies `source` into a fresh folder of this run, opens it in the workbench, and returns its path. */
  openWorkspace(name: string, source: string): Promise<string>;
  /** Saves a screenshot of the page as `.test-output/screenshots/NN-<name>.png`. */
  shot(name: string): Promise<void>;
  log(message: string): void;
}

export function activeEditor(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/** Opens a file with Quick Open, alone (closing other editors first, so history entries such as a diff cannot match). */
export async function openFile(page: Page, name: string): Promise<Locator> {
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
export async function focusEditor(page: Page, editor: Locator): Promise<void> {
  void page;
  await editor.locator('.view-line').last().click();
}

/**
 * Puts the cursor in the first line of `file` (as saved on disk) that contains `text`, `offset` characters
 * after the start of `text` (or at the end of the line): Go to Line with "line:column".
 */
export async function goTo(page: Page, editor: Locator, file: string, text: string, offset?: number): Promise<void> {
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
export async function hoverOver(page: Page, editor: Locator, needle: string, offset: number): Promise<void> {
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

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/**
 * Polls `holds` every 200 ms until it is true, for what the page cannot wait on (a file on disk, a badge's
 * number); after 15 s throws the message `failure` gives.
 */
export async function pollUntil(holds: () => boolean | Promise<boolean>, failure: () => string | Promise<string>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await holds())) {
    if (Date.now() > deadline) throw new Error(await failure());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Runs Push to Live on the active editor, typing the local API's key when the push asks for it (a scenario
 * run alone has no key stored by an earlier one).
 */
export async function pushActiveFile(ui: UiSession): Promise<void> {
  await runCommand(ui.page, 'Assistant Config: Push to Live');
  const keyBox = ui.page.locator('.quick-input-widget', { hasText: "API key for 'local'" });
  if (await keyBox.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false)) {
    await ui.page.keyboard.type(ui.apiKey);
    await ui.page.keyboard.press('Enter');
  }
}

/** Waits until no progress notification is left (a finished one fades out). */
export async function progressGone(page: Page): Promise<void> {
  await page.locator('.notification-toast', { has: page.locator('.monaco-progress-container.active') }).first().waitFor({ state: 'hidden', timeout: 15_000 });
  await page.locator('.notification-toast', { hasText: 'Pushing' }).first().waitFor({ state: 'hidden', timeout: 15_000 });
}

export async function dismissNotifications(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
}
