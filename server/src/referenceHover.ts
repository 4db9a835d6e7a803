// Hover on a reference: for a file reference, what the file is (name, type, description) or that it is
// missing; for a raw id the state file links to a workspace file, that file and the environments.
import * as path from 'node:path';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { capitalised, withArticle } from '../../core/src/kinds';
import { isFileReference, isResourceTarget, referenceTextProblem, resolveReference, targetKind } from '../../core/src/references';
import { STATE_FILE } from '../../core/src/stateFile';
import { linkedFiles } from './linkedIds';
import { referenceAt, referenceRange, type ResourceFile, type WorkspaceIndex } from './workspaceIndex';

/** A prompt file's hover shows its opening, up to this many characters. */
const promptExcerptLength = 300;

export function referenceHover(index: WorkspaceIndex, file: ResourceFile, offset: number): Hover | null {
  const reference = referenceAt(file, offset);
  if (!reference) return null;
  const { value, target } = reference.site;
  let markdown: string | undefined;
  if (isFileReference(value)) {
    const wanted = isResourceTarget(target) ? targetKind(file.kind, target) : undefined;
    const textProblem = referenceTextProblem(file.kind, target, value);
    const targetPath = resolveReference(file.path, value);
    if (textProblem) markdown = `${code(value)}: ${textProblem}`;
    else if (!index.isFile(targetPath)) markdown = `${code(value)}: there is no such ${wanted?.noun ?? 'prompt'} file.`;
    else markdown = wanted ? resourceText(index, targetPath, value) : promptText(index, targetPath, value);
  } else {
    const linked = linkedFiles(index, file, reference);
    if (linked.length) {
      markdown = linked
        .map((found) => `Linked to ${code(found.reference)} in ${found.environments.map(code).join(', ')} (${STATE_FILE}).\n\n${resourceText(index, found.path)}`)
        .join('\n\n---\n\n');
    }
  }
  return markdown ? { contents: { kind: MarkupKind.Markdown, value: markdown }, range: referenceRange(file, reference) } : null;
}

/** Name and type, description, and the path as written (when it is not already shown). */
function resourceText(index: WorkspaceIndex, targetPath: string, written?: string): string {
  const target = index.fileAt(targetPath);
  const summary = target?.summary;
  const lines = [summary?.name ? `**${summary.name}** (${summary.type})` : `${capitalised(withArticle(summary?.type ?? 'resource'))} without a name`];
  if (summary?.description) lines.push(summary.description);
  if (written) lines.push(code(written));
  return lines.join('\n\n');
}

function promptText(index: WorkspaceIndex, targetPath: string, written: string): string {
  const text = (index.text(targetPath) ?? '').trim();
  const excerpt = text.length > promptExcerptLength ? `${text.slice(0, promptExcerptLength)}…` : text;
  const quoted = excerpt ? excerpt.split(/\r?\n/).map((line) => `> ${line}`).join('\n') : `_${path.basename(targetPath)} is empty._`;
  return `**Prompt** ${code(written)}\n\n${quoted}`;
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}
