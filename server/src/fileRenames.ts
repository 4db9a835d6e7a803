// Renaming or moving files and folders (workspace/willRenameFiles): every file reference to a moved file is
// rewritten, and so is each moved file's own references (its folder changed), before the client moves them.
// A folder's move moves everything inside it.
import * as path from 'node:path';
import type { FileRename, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { isFileReference, referenceBetween, resolveReference } from '../../core/src/references';
import { filePathOf, isWithin, referenceRange, type WorkspaceIndex } from './workspaceIndex';

export async function renameEdits(index: WorkspaceIndex, renames: readonly FileRename[]): Promise<WorkspaceEdit | null> {
  const moves = renames.flatMap((rename) => {
    const from = filePathOf(rename.oldUri);
    const to = filePathOf(rename.newUri);
    return from && to ? [{ from, to }] : [];
  });
  if (!moves.length) return null;
  /** Where a path is after the moves. */
  const moved = (filePath: string): string => {
    const move = moves.find(({ from }) => isWithin(from, filePath));
    return move ? path.join(move.to, path.relative(move.from, filePath)) : filePath;
  };
  const changes: Record<string, TextEdit[]> = {};
  for (const file of await index.files()) {
    const edits: TextEdit[] = [];
    const fileAfter = moved(file.path);
    for (const reference of file.references) {
      const { value } = reference.site;
      if (!isFileReference(value)) continue;
      const target = resolveReference(file.path, value);
      const targetAfter = moved(target);
      if (fileAfter === file.path && targetAfter === target) continue;
      // Only a reference whose relation changed is rewritten: one between files moved together keeps its spelling.
      const after = referenceBetween(fileAfter, targetAfter);
      if (after === referenceBetween(file.path, target)) continue;
      edits.push({ range: referenceRange(file, reference), newText: JSON.stringify(after) });
    }
    // The edits apply before the move, to the files where they are now.
    if (edits.length) changes[file.uri] = edits;
  }
  return Object.keys(changes).length ? { changes } : null;
}
