// Find references: every file reference in the workspace's resource files to one file, that named by the
// reference under the cursor or else the file itself (asked from anywhere in a resource file or a prompt file).
import type { Location } from 'vscode-languageserver';
import { isFileReference, resolveReference } from '../../core/src/references';
import { referenceAt, referenceRange, type ResourceFile, type WorkspaceIndex } from './workspaceIndex';

/** The file the request is about: the one a file reference at the offset names, else the asking file. */
export function referencedFile(documentPath: string, file: ResourceFile | undefined, offset: number): string {
  const reference = file && referenceAt(file, offset);
  return file && reference && isFileReference(reference.site.value) ? resolveReference(file.path, reference.site.value) : documentPath;
}

export async function fileReferences(index: WorkspaceIndex, targetPath: string): Promise<Location[]> {
  const locations: Location[] = [];
  const files = (await index.files()).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of files) {
    for (const reference of file.references) {
      if (isFileReference(reference.site.value) && resolveReference(file.path, reference.site.value) === targetPath) {
        locations.push({ uri: file.uri, range: referenceRange(file, reference) });
      }
    }
  }
  return locations;
}
