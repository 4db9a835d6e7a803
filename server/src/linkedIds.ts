// A raw id in a reference field that the state file links to a workspace file: the hover names that file and
// the environments it is linked in, and a quick fix writes the reference instead of the id (what pull writes).
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver';
import { isResourceId } from '../../core/src/kinds';
import { declaredKind } from '../../core/src/kindOfFile';
import { isResourceTarget, referenceBetween, targetKind } from '../../core/src/references';
import { environmentsLinking, isSafeKey, parseStateText, STATE_FILE } from '../../core/src/stateFile';
import type { LocatedReferenceSite } from '../../core/src/validation';
import { referenceAt, referenceRange, type ResourceFile, type WorkspaceIndex } from './workspaceIndex';

export interface LinkedFile {
  path: string;
  /** The reference to it from the referring file (`../tools/lookup-order.tool.json`). */
  reference: string;
  /** The environments whose link holds the id, in the state file's order. */
  environments: string[];
}

/** The existing workspace files of the reference's target kind that the state file links the id to, in any environment. */
export function linkedFiles(index: WorkspaceIndex, file: ResourceFile, reference: LocatedReferenceSite): LinkedFile[] {
  const { site } = reference;
  const wanted = isResourceTarget(site.target) ? targetKind(file.kind, site.target) : undefined;
  const root = index.rootOf(file.path);
  if (!wanted || !root || !isResourceId(file.kind.vendor, site.value)) return [];
  const text = index.text(path.join(root, STATE_FILE));
  const state = text === undefined ? undefined : parseStateText(text);
  if (!state || 'invalid' in state) return [];
  const linked: LinkedFile[] = [];
  for (const [key, entry] of state.files) {
    if (!isSafeKey(key)) continue;
    const environments = environmentsLinking(entry, file.kind.vendor, site.value);
    const target = path.join(root, ...key.split('/'));
    if (!environments.length || declaredKind(target, '')?.id !== wanted.id || !index.isFile(target)) continue;
    linked.push({ path: target, reference: referenceBetween(file.path, target), environments });
  }
  return linked;
}

/** "Use the reference ./tools/x.tool.json" for a linked id at the start of the range. */
export function useReferenceActions(index: WorkspaceIndex, file: ResourceFile, range: Range): CodeAction[] {
  const reference = referenceAt(file, file.document.offsetAt(range.start));
  if (!reference) return [];
  return linkedFiles(index, file, reference).map((linked) => ({
    title: `Use the reference ${linked.reference}`,
    kind: CodeActionKind.QuickFix,
    edit: { changes: { [file.uri]: [{ range: referenceRange(file, reference), newText: JSON.stringify(linked.reference) }] } },
  }));
}
