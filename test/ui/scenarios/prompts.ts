// Prompts as a user meets them: the Liquid parts of a prompt coloured inside the JSON string (semantic
// tokens over the grammar), hover on a variable and completion after `{{`.
import * as path from 'node:path';
import { root } from '../../vscode/codeServer';
import { goTo, hoverOver, openFile, runCommand, type UiSession } from '../workbench';

const fileName = 'appointment-reminder.assistant.json';

export async function prompts(ui: UiSession): Promise<void> {
  const { page, shot, log } = ui;
  const workspace = await ui.openWorkspace('prompts', path.join(root, 'examples'));
  const filePath = path.join(workspace, fileName);
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).waitFor({ timeout: 60_000 });
  const editor = await openFile(page, fileName);

  // Highlighting: the grammar colours the whole string as one token; the server's semantic tokens split
  // out the template parts, each its own span with its own colour.
  const firstMessage = editor.locator('.view-line', { hasText: '"firstMessage"' });
  const variable = firstMessage.locator('span > span', { hasText: /^customer\.name$/ });
  await variable.waitFor({ timeout: 30_000 });
  const colours = await firstMessage.locator('span > span').evaluateAll((spans) =>
    spans.map((span) => {
      const view = span.ownerDocument.defaultView as unknown as { getComputedStyle(element: unknown): { color: string } };
      return { text: (span.textContent ?? '').replace(/\u00a0/g, ' '), colour: view.getComputedStyle(span).color };
    }),
  );
  const colourOf = (text: string) => colours.find((span) => span.text === text)?.colour;
  const prose = colours.find((span) => span.text.includes('this is Ava'))?.colour;
  if (!colourOf('customer.name') || colourOf('customer.name') === prose || colourOf('default') === prose || colourOf('default') === colourOf('customer.name')) {
    throw new Error(`template parts are not coloured apart from the string: ${JSON.stringify(colours)}`);
  }
  log(`highlighting: variable ${colourOf('customer.name')}, filter ${colourOf('default')}, string ${prose}`);
  await shot('template-highlighting');

  // Hover on a variable: what it holds and where it comes from.
  await hoverOver(page, editor, 'customer.name', 4);
  const hover = page.locator('.monaco-hover', { hasText: 'Vapi built-in variable' }).first();
  await hover.waitFor({ state: 'visible', timeout: 15_000 });
  log(`hover: ${(await hover.innerText()).replace(/\s+/g, ' ')}`);
  await shot('template-hover');
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);

  // Completion after `{{ cust` in the voicemail message: Vapi's customer fields, with their meaning.
  await goTo(page, editor, filePath, 'at {{ phoneNumber.number }}', 'at '.length);
  await page.keyboard.type('{{ cust');
  await page.keyboard.press('Control+Space');
  const suggestion = page.locator('.suggest-widget .monaco-list-row', { hasText: 'customer.number' }).first();
  await suggestion.waitFor({ state: 'visible', timeout: 15_000 });
  log(`completion: ${(await page.locator('.suggest-widget .monaco-list-row').allInnerTexts()).map((row) => row.split('\n')[0]).join(', ')}`);
  await shot('template-completion');
  await page.keyboard.press('Escape');
  await runCommand(page, 'File: Revert File');
}
