// Assistant Config: Edit Prompt as Markdown — opens a template string (a prompt, a message) as a Markdown
// document beside the file, kept in step with it (promptEditing.ts). Offered as a code lens above every
// template string of more than one line; from the Command Palette it takes the string at the cursor.
import vscode = require('vscode');
import type { LanguageClient } from 'vscode-languageclient/node';
import { promptUri, TemplateStringsRequest } from '../../../shared/src/protocol';
import { languageId } from '../services';
import { codeLensEnabled } from '../settings';

const command = 'assistantConfig.editPromptAsMarkdown';

export function registerEditPromptAsMarkdown(client: LanguageClient): vscode.Disposable {
  const lenses: vscode.CodeLensProvider = {
    async provideCodeLenses(document, token) {
      if (!codeLensEnabled()) return [];
      const strings = await client.sendRequest(TemplateStringsRequest.type, { uri: document.uri.toString() }, token).catch(() => []);
      return strings.map(
        (string) =>
          new vscode.CodeLens(client.protocol2CodeConverter.asRange(string.range), {
            title: `$(markdown) Edit Prompt as Markdown (${string.lines} lines)`,
            command,
            arguments: [document.uri, string.pointer],
          }),
      );
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeLensProvider({ language: languageId }, lenses),
    vscode.commands.registerCommand(command, async (uri?: unknown, pointer?: unknown) => {
      const target = uri instanceof vscode.Uri && typeof pointer === 'string' ? { uri, pointer } : await stringAtCursor(client);
      if (!target) return undefined;
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(promptUri({ file: target.uri.toString(), pointer: target.pointer })));
      return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    }),
  );
}

/** The template string under the cursor of the active resource file; says what to do when there is none. */
async function stringAtCursor(client: LanguageClient): Promise<{ uri: vscode.Uri; pointer: string } | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== languageId) {
    void vscode.window.showInformationMessage('Open an assistant, tool, squad or structured output file and put the cursor in a prompt to edit it as Markdown.');
    return undefined;
  }
  const { document, selection } = editor;
  const position = client.code2ProtocolConverter.asPosition(selection.active);
  const [string] = await client.sendRequest(TemplateStringsRequest.type, { uri: document.uri.toString(), position });
  if (!string) {
    void vscode.window.showInformationMessage('The cursor is not in a string Vapi renders as a template (a prompt or a message): put it inside one to edit it as Markdown.');
    return undefined;
  }
  return { uri: document.uri, pointer: string.pointer };
}
