// Quick fixes: each diagnostic the validator attached fixes to becomes one code action per fix.
import { CodeActionKind, type CodeAction, type CodeActionContext } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PublishedDiagnosticData } from './diagnostics';

/** The `source` validateAssistant gives its diagnostics (TEAM.md interface 2). */
const validatorSource = 'assistant-config';

/** Whether a requested kind (hierarchical, e.g. `quickfix`) covers quick fixes. */
function coversQuickFix(kind: string): boolean {
  return kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`);
}

export function quickFixes(document: TextDocument, context: CodeActionContext): CodeAction[] {
  if (context.only && !context.only.some(coversQuickFix)) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of context.diagnostics) {
    if (diagnostic.source !== validatorSource) continue;
    const data = diagnostic.data as PublishedDiagnosticData | undefined;
    // Fix edits hold offsets of the version they were computed for; after an edit they wait for the
    // next validation rather than land in the wrong place.
    if (!data?.fixes || data.version !== document.version) continue;
    for (const fix of data.fixes) {
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
