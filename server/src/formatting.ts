// Formatting, bounded: the formatter puts every value on its own line, indented by its depth, so a broken file
// that opens thousands of brackets would be answered with tens of megabytes of indentation after seconds of work.
// The indentation it would write is counted first, from the tokens, and a result past the budget is refused.
import { createScanner, SyntaxKind } from 'jsonc-parser';
import { LSPErrorCodes, ResponseError, type FormattingOptions, type Range, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ParsedDocument } from './documentCache';

/** The most indentation one formatting may write: far above any real file (a 20,000-line assistant needs ~1 MB). */
const maxIndentation = 8 * 1024 * 1024;

/** The indentation the formatter would write for the tokens in [start, end): each on a line of its own, at its depth. */
function indentationToWrite(text: string, start: number, end: number, unit: number): number {
  const scanner = createScanner(text, true);
  let depth = 0;
  let total = 0;
  let afterColon = false;
  for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    if (offset >= end) break;
    if (token === SyntaxKind.CloseBraceToken || token === SyntaxKind.CloseBracketToken) depth = Math.max(0, depth - 1);
    // Commas, colons and a property's value stay on the line before them.
    const startsLine = !afterColon && token !== SyntaxKind.CommaToken && token !== SyntaxKind.ColonToken;
    if (startsLine && offset >= start) total += depth * unit;
    afterColon = token === SyntaxKind.ColonToken;
    if (token === SyntaxKind.OpenBraceToken || token === SyntaxKind.OpenBracketToken) depth++;
  }
  return total;
}

/** Formats the whole document, or only `range` when given; refuses when the result would be absurdly large. */
export function format(parsed: ParsedDocument, document: TextDocument, options: FormattingOptions, range?: Range): TextEdit[] {
  const text = document.getText();
  const start = range ? document.offsetAt(range.start) : 0;
  const end = range ? document.offsetAt(range.end) : text.length;
  const indentation = indentationToWrite(text, start, end, options.insertSpaces ? options.tabSize : 1);
  if (indentation > maxIndentation) {
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `Not formatted: the result would hold about ${Math.round(indentation / 1024 / 1024)} MB of indentation. Close the brackets that are left open first.`,
    );
  }
  return parsed.service.format(document, range, options);
}
