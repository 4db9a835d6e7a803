// Completion inside a reference field's string: the workspace's files of the field's target kind, as references
// from this file (`./x`, `../tools/x.tool.json`), with the target's name and type. Any other string is left to
// the JSON completion; a string that cannot be the start of a path is told apart from its line alone, so
// completion in prompts never parses the file for this.
import { CompletionItemKind, type CompletionList, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isResourceTarget, referenceBetween, targetKind } from '../../core/src/references';
import { stringOnLineAt, type WorkspaceIndex } from './workspaceIndex';

/** The reference completion list, or undefined when the cursor is not inside a reference field's string. */
export async function referenceCompletion(index: WorkspaceIndex, document: TextDocument, position: Position): Promise<CompletionList | undefined> {
  // A string whose text before the cursor has a space is a prompt or a message, never a path.
  const literal = stringOnLineAt(document, position);
  if (!literal || literal.start === position.character || /\s/.test(document.getText({ start: { line: position.line, character: literal.start }, end: position }))) {
    return undefined;
  }
  const file = index.openFile(document);
  const text = document.getText();
  const offset = document.offsetAt(position);
  const reference = file?.references.find((found) => found.offset < offset && offset <= contentEnd(text, found.offset, found.length));
  const wanted = reference && isResourceTarget(reference.site.target) ? targetKind(file!.kind, reference.site.target) : undefined;
  if (!file || !reference || !wanted) return undefined;
  const range = { start: document.positionAt(reference.offset + 1), end: document.positionAt(contentEnd(text, reference.offset, reference.length)) };
  const items = (await index.files())
    .filter((target) => target.kind.id === wanted.id && target.path !== file.path)
    .map((target) => {
      const written = referenceBetween(file.path, target.path);
      const { name, type } = target.summary;
      return { label: written, kind: CompletionItemKind.File, detail: name ? `${name} (${type})` : type, filterText: written, textEdit: { range, newText: written } };
    })
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { isIncomplete: false, items };
}

/** Where a string literal's content ends: before its closing quote, or at its end when it is not closed yet. */
function contentEnd(text: string, offset: number, length: number): number {
  const end = offset + length;
  return length >= 2 && text[end - 1] === '"' && text[end - 2] !== '\\' ? end - 1 : end;
}
