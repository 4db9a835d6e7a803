// Go to definition on a file reference: the file it names (a link whose origin is the whole string, when the
// client takes links).
import type { Location, LocationLink } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { isFileReference, resolveReference } from '../../core/src/references';
import { referenceAt, referenceRange, type ResourceFile, type WorkspaceIndex } from './workspaceIndex';

const fileStart = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function definition(index: WorkspaceIndex, file: ResourceFile, offset: number, linkSupport: boolean): LocationLink[] | Location | null {
  const reference = referenceAt(file, offset);
  if (!reference || !isFileReference(reference.site.value)) return null;
  const targetPath = resolveReference(file.path, reference.site.value);
  // A missing file has nothing to open: the reference's diagnostic offers to create it.
  if (!index.isFile(targetPath)) return null;
  const targetUri = index.fileAt(targetPath)?.uri ?? URI.file(targetPath).toString();
  if (!linkSupport) return { uri: targetUri, range: fileStart };
  return [{ originSelectionRange: referenceRange(file, reference), targetUri, targetRange: fileStart, targetSelectionRange: fileStart }];
}
