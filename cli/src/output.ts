// How the CLI prints diagnostics, changed paths and line diffs.
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

/** A unified diff of two texts (whole-file hunk headers omitted: the files are small and normalised). */
export function lineDiff(fromLabel: string, from: string, toLabel: string, to: string): string {
  const a = from.split('\n');
  const b = to.split('\n');
  // Longest common subsequence table, from the end, so the walk below goes forwards.
  const lengths = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push(`  ${a[i]}`);
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lengths[i + 1][j] >= lengths[i][j + 1])) {
      lines.push(`- ${a[i++]}`);
    } else {
      lines.push(`+ ${b[j++]}`);
    }
  }
  return contextOnly(lines, 3).join('\n');
}

/** Keeps changed lines and `context` lines around them; elided runs become `…`. */
function contextOnly(lines: string[], context: number): string[] {
  const keep = lines.map((line, index) => index < 2 || !line.startsWith('  '));
  const near = keep.map((_, index) => {
    for (let k = Math.max(2, index - context); k <= Math.min(lines.length - 1, index + context); k++) if (keep[k] && k >= 2) return true;
    return index < 2;
  });
  const out: string[] = [];
  near.forEach((show, index) => {
    if (show) out.push(lines[index]);
    else if (out[out.length - 1] !== '  …') out.push('  …');
  });
  return out;
}
