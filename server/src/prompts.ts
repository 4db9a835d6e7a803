// Prompts as documents of their own: a Markdown file in a `prompts` folder (`prompts/front-desk.md`) holds
// one Liquid template, checked whole with the same template checks as a prompt inside a resource file.
// Other Markdown (a README) is not a prompt: its `{{` mean nothing to Vapi.
import type { Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { promptDiagnostics } from '../../core/src/templates';
import type { Settings } from './settings';

/** Is the document a prompt (Markdown) rather than a resource file? */
export function isPromptDocument(document: TextDocument): boolean {
  return /(^|\/)prompts\/[^/]+\.md$/i.test(URI.parse(document.uri).path);
}

export function promptProblems(document: TextDocument, settings: Settings): Diagnostic[] {
  return promptDiagnostics(document, {}, [], { templateVariables: settings.templateVariables });
}
