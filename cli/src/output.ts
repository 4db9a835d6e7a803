// How the CLI prints diagnostics, changed paths and line diffs.
import { diffArrays } from 'diff';
import * as path from 'node:path';
import type { FileDiagnostic, PathChange } from '../../sync/src/index';

const severityNames: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

/** `file:line:col severity message` with 1-based line and column, the format editors and CI annotate. */
export function formatDiagnostic(file: string, diagnostic: FileDiagnostic): string {
  const { line, character } = diagnostic.range.start;
  const severity = severityNames[diagnostic.severity ?? 1];
  return `${file}:${line + 1}:${character + 1} ${severity} ${diagnostic.message}`;
}

/** Top to bottom, as a reader goes through the file (an API lists its messages in its own order). */
export function byPosition(diagnostics: FileDiagnostic[]): FileDiagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** The file name as the user typed it, or relative to the current folder. */
export function displayPath(file: string): string {
  return path.isAbsolute(file) ? path.relative(process.cwd(), file) || file : file;
}

const changeMarks: Record<PathChange['kind'], string> = { added: '+', removed: '-', changed: '~' };

/** One line per path: `+` only in the file, `-` only live, `~` different. */
export function formatChanges(changes: PathChange[]): string {
  return changes.map((change) => `  ${changeMarks[change.kind]} ${change.path}`).join('\n');
}

/** Past this many changed lines a diff is not searched for: the changed middle is shown removed, then added. */
const maxEditLength = 1000;

/**
 * A unified diff of two texts (whole-file hunk headers omitted: the files are normalised): changed lines with
 * `context` lines around them, elided runs as `…`. Myers' algorithm (jsdiff): time and memory grow with the
 * length times the number of changed lines, so a few edits in a 20,000-line file cost milliseconds; texts that
 * differ almost everywhere are shown as one replacement.
 */
export function lineDiff(fromLabel: string, from: string, toLabel: string, to: string, context = 3): string {
  const a = from.split('\n');
  const b = to.split('\n');
  const changes = diffArrays(a, b, { maxEditLength }) ?? replacement(a, b);
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  changes.forEach((change, index) => {
    const lines = change.value;
    if (change.added || change.removed) {
      for (const line of lines) out.push((change.added ? '+ ' : '- ') + line);
      return;
    }
    // Unchanged lines: only those next to a change (after the one before, before the one after).
    const head = index > 0 ? Math.min(context, lines.length) : 0;
    const tail = index < changes.length - 1 ? Math.min(context, lines.length) : 0;
    if (head + tail >= lines.length) {
      for (const line of lines) out.push('  ' + line);
      return;
    }
    for (let i = 0; i < head; i++) out.push('  ' + lines[i]);
    out.push('  …');
    for (let i = lines.length - tail; i < lines.length; i++) out.push('  ' + lines[i]);
  });
  return out.join('\n');
}

/** The common start and end kept, everything between removed and then added. */
function replacement(a: string[], b: string[]): { value: string[]; added: boolean; removed: boolean }[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return [
    { value: a.slice(0, start), added: false, removed: false },
    { value: a.slice(start, a.length - end), added: false, removed: true },
    { value: b.slice(start, b.length - end), added: true, removed: false },
    { value: a.slice(a.length - end), added: false, removed: false },
  ];
}
