// Semantic tokens for the Liquid parts of template strings (and of Markdown prompts): delimiters, tag names,
// variables (Vapi's built-ins marked defaultLibrary), filters, literals and operators, so the template
// stands out inside the string the grammar colours as one piece.
import { SemanticTokensBuilder, type Range, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { templateTokens, type TemplateTokenKind } from '../../core/src/templates';
import type { TemplateTarget } from './templateTargets';

const tokenTypes = ['operator', 'keyword', 'variable', 'function', 'string', 'number'] as const;
const tokenModifiers = ['defaultLibrary'] as const;

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

const typeOf: Record<TemplateTokenKind, (typeof tokenTypes)[number]> = {
  delimiter: 'operator',
  tag: 'keyword',
  keyword: 'keyword',
  variable: 'variable',
  filter: 'function',
  string: 'string',
  number: 'number',
  operator: 'operator',
};

/** The tokens of the templates, in document order; only those meeting `range` when one is given. */
export function semanticTokens(document: TextDocument, targets: readonly TemplateTarget[], range?: Range): SemanticTokens {
  const builder = new SemanticTokensBuilder();
  const [from, to] = range ? [document.offsetAt(range.start), document.offsetAt(range.end)] : [0, Infinity];
  const text = document.getText();
  const sorted = [...targets].sort((a, b) => a.toDocument(0) - b.toDocument(0));
  for (const target of sorted) {
    if (target.toDocument(target.template.length) < from || target.toDocument(0) > to) continue;
    for (const token of templateTokens(target.template)) {
      let start = target.toDocument(token.start);
      const end = target.toDocument(token.end);
      if (end < from || start > to) continue;
      const type = tokenTypes.indexOf(typeOf[token.kind]);
      const builtIn = token.kind === 'variable' && token.path?.length && target.known.lookup(token.path);
      const modifiers = builtIn && builtIn.known && builtIn.variable.source.kind === 'vapi' ? 1 : 0;
      // A token never spans lines (a Markdown prompt's tag may).
      while (start < end) {
        const newline = text.indexOf('\n', start);
        const stop = newline >= 0 && newline < end ? newline : end;
        const position = document.positionAt(start);
        if (stop > start) builder.push(position.line, position.character, stop - start, type, modifiers);
        start = stop + 1;
      }
    }
  }
  return builder.build();
}
