// The template a position is in, for completion, hover and highlighting: a template string of a resource
// file (its value, with the map from each character to where the file spells it) or a whole Markdown
// prompt, with the variables known there.
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeString, encodeStringContent, KnownVariables, type DeclaredVariable, type TemplatePlace } from '../../core/src/templates';
import type { DocumentCache } from './documentCache';
import { isPromptDocument, promptContext, type PromptContext } from './prompts';
import type { Settings } from './settings';

export interface TemplateTarget {
  template: string;
  /** Document offset of a template index (0 to template.length). */
  toDocument(index: number): number;
  /** Template index of a document offset inside the template. */
  fromDocument(offset: number): number;
  /** Text as it must be inserted (escaped inside a JSON string). */
  spell(text: string): string;
  known: KnownVariables;
}

/** The template holding `offset`: inside the quotes of a template string with markup, or anywhere in a Markdown prompt. */
export function templateAt(document: TextDocument, offset: number, documents: TextDocuments<TextDocument>, cache: DocumentCache, settings: Settings): TemplateTarget | undefined {
  if (isPromptDocument(document)) return promptTarget(document, promptContext(document, documents, cache), settings);
  const { templates, declared } = cache.templates(document);
  const literal = templates.find((candidate) => candidate.offset < offset && offset < candidate.offset + candidate.length);
  return literal && jsonStringTarget(document, literal, declared, settings);
}

/** Every template of the document with markup, for highlighting. */
export function templatesOf(document: TextDocument, documents: TextDocuments<TextDocument>, cache: DocumentCache, settings: Settings): TemplateTarget[] {
  if (isPromptDocument(document)) return [promptTarget(document, promptContext(document, documents, cache), settings)];
  const { templates, declared } = cache.templates(document);
  return templates.map((literal) => jsonStringTarget(document, literal, declared, settings));
}

function promptTarget(document: TextDocument, context: PromptContext, settings: Settings): TemplateTarget {
  const template = document.getText();
  return {
    template,
    toDocument: (index) => index,
    fromDocument: (offset) => Math.max(0, Math.min(offset, template.length)),
    spell: (text) => text,
    known: KnownVariables.forPlace(context.place, context.declared, settings.templateVariables),
  };
}

function jsonStringTarget(
  document: TextDocument,
  literal: { offset: number; length: number; place: TemplatePlace },
  declared: readonly DeclaredVariable[],
  settings: Settings,
): TemplateTarget {
  const { value, offsets } = decodeString(document.getText(), literal.offset, literal.length);
  return {
    template: value,
    toDocument: (index) => offsets[Math.max(0, Math.min(index, value.length))],
    fromDocument: (offset) => {
      // The last character whose spelling starts at or before the offset (inside an escape, the escape's own index).
      let low = 0;
      let high = value.length;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (offsets[middle] <= offset) low = middle;
        else high = middle - 1;
      }
      return low;
    },
    spell: encodeStringContent,
    known: KnownVariables.forPlace(literal.place, declared, settings.templateVariables),
  };
}
