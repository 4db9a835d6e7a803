// Quick fixes: each diagnostic the validator attached fixes to becomes one code action per fix.
import { CodeActionKind, type CodeAction, type CodeActionContext, type Position, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishedDiagnosticData } from './diagnostics';

/** The `source` validateAssistant gives its diagnostics (TEAM.md interface 2). */
const validatorSource = 'assistant-config';

/** Whether a requested kind (hierarchical, e.g. `quickfix`) covers quick fixes. */
function coversQuickFix(kind: string): boolean {
  return kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`);
}

/** Whether an edit the client handed back (in a diagnostic's data) still lies inside the document. */
function fitsDocument(document: TextDocument, edit: unknown): edit is TextEdit {
  const { range, newText } = (edit ?? {}) as Partial<TextEdit>;
  const isPosition = (p: unknown): p is Position => {
    const { line, character } = (p ?? {}) as Partial<Position>;
    return Number.isInteger(line) && Number.isInteger(character) && line! >= 0 && character! >= 0;
  };
  if (typeof newText !== 'string' || !isPosition(range?.start) || !isPosition(range?.end)) return false;
  const start = document.offsetAt(range.start);
  const end = document.offsetAt(range.end);
  // offsetAt clamps: an edit is kept only if clamping changed nothing.
  const same = (p: Position, offset: number) => {
    const back = document.positionAt(offset);
    return back.line === p.line && back.character === p.character;
  };
  return start <= end && same(range.start, start) && same(range.end, end);
}

export function quickFixes(document: TextDocument, context: CodeActionContext): CodeAction[] {
  const only = Array.isArray(context?.only) ? context.only.filter((kind): kind is string => typeof kind === 'string') : undefined;
  if (only && !only.some(coversQuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of Array.isArray(context?.diagnostics) ? context.diagnostics : []) {
    if (diagnostic?.source !== validatorSource) continue;
    const data = diagnostic.data as PublishedDiagnosticData | undefined;
    // Fix edits hold offsets of the version they were computed for; after an edit they wait for the
    // next validation rather than land in the wrong place. The data comes back from the client, so it is
    // checked again.
    if (!Array.isArray(data?.fixes) || data.version !== document.version) continue;
    for (const fix of data.fixes) {
      if (typeof fix?.title !== 'string' || !Array.isArray(fix.edits) || !fix.edits.every((edit) => fitsDocument(document, edit))) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.isPreferred,
        edit: { changes: { [document.uri]: fix.edits } },
      });
    }
  }
  return actions;
}
