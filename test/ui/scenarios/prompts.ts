// Prompts as a user meets them: the Liquid parts of a prompt coloured inside the JSON string (semantic
// tokens over the grammar), hover on a variable, Edit Prompt as Markdown (the prompt opens beside the file,
// typing there changes the JSON string, undo takes it back, closing the Markdown asks nothing), and
// completion after `{{`.
import * as path from 'node:path';
import { root } from '../../vscode/codeServer';
import { activeEditor, goTo, hoverOver, openFile, runCommand, type UiSession } from '../workbench';

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

  // Edit Prompt as Markdown, from the code lens over the prompt.
  const lens = editor.locator('.codelens-decoration a', { hasText: 'Edit Prompt as Markdown' });
  await lens.waitFor({ timeout: 30_000 });
  await shot('prompt-codelens');
  await lens.click();
  await page.locator('.tabs-container .tab.active', { hasText: 'model.messages[0].content.md' }).waitFor({ timeout: 15_000 });
  const markdown = activeEditor(page);
  await markdown.locator('.view-line', { hasText: '# Role' }).waitFor({ timeout: 15_000 });
  // The JSON stays open on the left, the Markdown beside it.
  const json = page.locator('.editor-group-container').first().locator('.monaco-editor').first();
  const promptLine = json.locator('.view-line', { hasText: '"content":' });
  await promptLine.waitFor();
  log('the prompt opened as Markdown beside the file');
  await shot('prompt-as-markdown');

  // Type a line under the heading: the JSON string gets it, escaped.
  await markdown.locator('.view-line', { hasText: '# Role' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Be warm and "brief".');
  await json.locator('.view-line', { hasText: '"content": "# Role\\nBe warm and \\"brief\\".\\nYou are Ava' }).waitFor({ timeout: 15_000 });
  await page.locator('.tabs-container .tab.dirty', { hasText: 'model.messages[0].content.md' }).waitFor({ state: 'detached', timeout: 15_000 });
  log('typed in the Markdown: the JSON string follows, escaped; the Markdown tab stays clean');
  await shot('prompt-typed-json-follows');

  // Undo in the Markdown (a step per word typed, as VS Code records typing) restores the JSON string.
  const restored = json.locator('.view-line', { hasText: '"content": "# Role\\nYou are Ava' });
  for (let i = 0; i < 12 && !(await restored.count()); i++) {
    await page.keyboard.press('Control+Z');
    await page.waitForTimeout(200);
  }
  await restored.waitFor({ timeout: 15_000 });
  await markdown.locator('.view-line', { hasText: 'Be warm' }).waitFor({ state: 'detached' });
  log('undo in the Markdown: the JSON string is as it was');
  await shot('prompt-undo-restores');

  // Closing the Markdown asks nothing.
  await page.keyboard.press('Control+W');
  await page.locator('.tabs-container .tab', { hasText: 'model.messages[0].content.md' }).waitFor({ state: 'detached', timeout: 10_000 });
  if (await page.locator('.monaco-dialog-box').count()) throw new Error('closing the Markdown asked something');
  log('closed the Markdown: nothing asked');
  await runCommand(page, 'File: Revert File');

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
