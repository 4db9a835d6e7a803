// Completion inside a reference field's string: the workspace's files of the field's target kind, as references
// from this file (`./x`, `../tools/x.tool.json`), with the target's name and type. Any other string is left to
// the JSON completion. Whether the string is a reference field is told by the schema matched along the path to
// it (the parse the JSON completion uses next), so a completion never walks the whole file for this: a
// string with a space before the cursor (a prompt, a message) is told apart from its line alone.
import { CompletionItemKind, type CompletionList, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ResourceKind } from '../../core/src/kinds';
import { isResourceTarget, referenceBetween, referenceMark, targetKind } from '../../core/src/references';
import type { ParsedDocument } from './documentCache';
import { matchingSchemas } from './focusedMatching';
import { filePathOf, stringOnLineAt, type WorkspaceIndex } from './workspaceIndex';

/** The reference completion list, or undefined when the cursor is not inside a reference field's string. */
export async function referenceCompletion(
  index: WorkspaceIndex,
  kind: ResourceKind,
  parsed: ParsedDocument,
  document: TextDocument,
  position: Position,
): Promise<CompletionList | undefined> {
  const literal = stringOnLineAt(document, position);
  if (!literal || literal.start === position.character || /\s/.test(document.getText({ start: { line: position.line, character: literal.start }, end: position }))) {
    return undefined;
  }
  const filePath = filePathOf(document.uri);
  const offset = document.offsetAt(position);
  const node = parsed.jsonDocument.getNodeFromOffset(offset, true);
  // A key is never a reference.
  if (!filePath || node?.type !== 'string' || (node.parent?.type === 'property' && node.parent.keyNode === node)) return undefined;
  const matches = matchingSchemas(parsed.jsonDocument, await parsed.resolvedSchema, node.offset);
  const mark = matches.filter((match) => match.node === node && !match.inverted).map((match) => referenceMark(match.schema)).find((found) => found !== undefined);
  const wanted = mark && isResourceTarget(mark.target) ? targetKind(kind, mark.target) : undefined;
  if (!wanted) return undefined;
  const text = document.getText();
  const range = { start: document.positionAt(node.offset + 1), end: document.positionAt(contentEnd(text, node.offset, node.length)) };
  const items = (await index.files())
    .filter((target) => target.kind.id === wanted.id && target.path !== filePath)
    .map((target) => {
      const written = referenceBetween(filePath, target.path);
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
