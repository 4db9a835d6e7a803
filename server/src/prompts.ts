// Prompts as documents of their own: the Markdown document that edits a template string in place
// (`assistant-prompt:` URIs, see shared/src/protocol.ts), and a Markdown file in a `prompts` folder
// (`prompts/front-desk.md`). Each holds one Liquid template, checked whole with the same template checks
// as a prompt inside a resource file; an in-place one knows the variables of its string's place and file.
// Other Markdown (a README) is not a prompt: its `{{` mean nothing to Vapi.
import type { Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { hasMarkup, promptDiagnostics, type DeclaredVariable, type TemplatePlace } from '../../core/src/templates';
import { fileTemplates } from '../../core/src/validation';
import { promptLocation, promptScheme } from '../../shared/src/protocol';
import type { DocumentCache } from './documentCache';
import type { Settings } from './settings';

/** Is the document a prompt (Markdown) rather than a resource file? */
export function isPromptDocument(document: TextDocument): boolean {
  const uri = URI.parse(document.uri);
  return uri.scheme === promptScheme || /(^|\/)prompts\/[^/]+\.md$/i.test(uri.path);
}

export interface PromptContext {
  place: TemplatePlace;
  declared: readonly DeclaredVariable[];
}

/**
 * What a prompt document's template knows: for one that edits a string of an open resource file, the
 * string's place (an analysis prompt's `{{transcript}}`) and the file's declared variables.
 */
export function promptContext(document: TextDocument, documents: TextDocuments<TextDocument>, cache: DocumentCache): PromptContext {
  const location = promptLocation(document.uri);
  const owner = location && documents.get(location.file);
  const kind = owner && cache.kind(owner);
  if (!location || !owner || !kind || cache.tooDeep(owner)) return { place: {}, declared: [] };
  // Strings with markup and the one the prompt mirrors: the walk skips the rest of the file.
  const text = document.getText();
  const { templates, declared } = fileTemplates(owner, kind, (value) => value === text || hasMarkup(value));
  return { place: templates.find((template) => template.pointer === location.pointer)?.place ?? {}, declared };
}

export function promptProblems(document: TextDocument, settings: Settings, context: PromptContext): Diagnostic[] {
  return promptDiagnostics(document, context.place, context.declared, { templateVariables: settings.templateVariables });
}
