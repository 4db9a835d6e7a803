// What a client sends is checked before any feature sees it: positions and ranges must be LSP uintegers (a
// negative, fractional or huge number is refused with InvalidParams, as the spec's types require) and are then
// clamped into the document, so no result ever points outside it; formatting options must be sane (a tab size of
// a billion would build gigabytes of indentation).
import { ErrorCodes, ResponseError, type FormattingOptions, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** The largest LSP `uinteger`. */
const maxUinteger = 2 ** 31 - 1;
/** The widest indentation step formatting accepts. */
export const maxTabSize = 64;

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function isUinteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= maxUinteger;
}

function shown(value: unknown): string {
  return JSON.stringify(value)?.slice(0, 40) ?? String(value);
}

/** The position, clamped into the document (a line past the end is the end; a character past a line's end is that end). */
export function checkedPosition(document: TextDocument, position: unknown, name = 'position'): Position {
  const { line, character } = (position ?? {}) as Partial<Position>;
  if (!isUinteger(line)) throw invalid(`${name}.line must be an integer from 0 to ${maxUinteger} (got ${shown(line)}).`);
  if (!isUinteger(character)) throw invalid(`${name}.character must be an integer from 0 to ${maxUinteger} (got ${shown(character)}).`);
  return document.positionAt(document.offsetAt({ line, character }));
}

/** The range, both ends checked and clamped; an end before the start is refused. */
export function checkedRange(document: TextDocument, range: unknown, name = 'range'): Range {
  const { start, end } = (range ?? {}) as Partial<Range>;
  const checked = { start: checkedPosition(document, start, `${name}.start`), end: checkedPosition(document, end, `${name}.end`) };
  if (document.offsetAt(checked.end) < document.offsetAt(checked.start)) throw invalid(`${name}.end is before ${name}.start.`);
  return checked;
}

export function checkedPositions(document: TextDocument, positions: unknown): Position[] {
  if (!Array.isArray(positions)) throw invalid('positions must be an array.');
  return positions.map((position, index) => checkedPosition(document, position, `positions[${index}]`));
}

/** Formatting options: a tab size from 1 to 64 and the booleans LSP defines. */
export function checkedFormattingOptions(options: unknown): FormattingOptions {
  const { tabSize, insertSpaces, ...rest } = (options ?? {}) as Partial<FormattingOptions>;
  if (!isUinteger(tabSize) || tabSize < 1 || tabSize > maxTabSize) throw invalid(`options.tabSize must be an integer from 1 to ${maxTabSize} (got ${shown(tabSize)}).`);
  if (typeof insertSpaces !== 'boolean') throw invalid(`options.insertSpaces must be true or false (got ${shown(insertSpaces)}).`);
  const checked: FormattingOptions = { tabSize, insertSpaces };
  for (const key of ['trimTrailingWhitespace', 'insertFinalNewline', 'trimFinalNewlines'] as const) {
    if (rest[key] !== undefined && typeof rest[key] !== 'boolean') throw invalid(`options.${key} must be true or false.`);
    if (rest[key] !== undefined) checked[key] = rest[key];
  }
  return checked;
}
