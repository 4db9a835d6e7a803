// Problems the live API reported for a file (a 400 on push), kept apart from the language server's own
// diagnostics. They describe the text that was pushed, so the first edit of that file clears them.
import vscode = require('vscode');
import type { FileDiagnostic } from '../../sync/src/index';

export class ApiDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('assistant-config-api');
  private readonly subscription = vscode.workspace.onDidChangeTextDocument((event) => {
    if (event.contentChanges.length > 0) this.collection.delete(event.document.uri);
  });

  set(uri: vscode.Uri, diagnostics: readonly FileDiagnostic[]): void {
    this.collection.set(uri, diagnostics.map(toVscodeDiagnostic));
  }

  clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

const severities: Record<number, vscode.DiagnosticSeverity> = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
  4: vscode.DiagnosticSeverity.Hint,
};

function toVscodeDiagnostic(diagnostic: FileDiagnostic): vscode.Diagnostic {
  const { start, end } = diagnostic.range;
  const result = new vscode.Diagnostic(
    new vscode.Range(start.line, start.character, end.line, end.character),
    typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    severities[diagnostic.severity ?? 1] ?? vscode.DiagnosticSeverity.Error,
  );
  result.source = diagnostic.source;
  if (typeof diagnostic.code === 'string' || typeof diagnostic.code === 'number') result.code = diagnostic.code;
  return result;
}
