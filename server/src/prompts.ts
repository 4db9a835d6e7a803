// Prompts as documents of their own: a Markdown file (`prompts/front-desk.md`) holds one Liquid template,
// checked whole with the same template checks as a prompt inside a resource file.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { promptDiagnostics } from '../../core/src/templates';
import type { Settings } from './settings';

/** Is the document a prompt (Markdown) rather than a resource file? */
export function isPromptDocument(document: TextDocument): boolean {
  return document.languageId === 'markdown' || URI.parse(document.uri).path.toLowerCase().endsWith('.md');
}

export function promptProblems(document: TextDocument, settings: Settings): Diagnostic[] {
  return promptDiagnostics(document, {}, [], { templateVariables: settings.templateVariables });
}
