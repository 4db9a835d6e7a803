// Positions in a text that no editor holds (the CLI's files, a document's first check): its line starts are
// found with indexOf only as far as the offsets asked for reach. A valid file's diagnostics need a few
// positions; a TextDocument would first walk every character of the file for all its line starts (about
// 2 ms on 20,000 lines, more than the rest of the check of a valid file takes after JSON.parse).
import { TextDocument } from 'vscode-languageserver-textdocument';

/** What a check reads of a document: its text, and positions of offsets in it. */
export type PositionedText = Pick<TextDocument, 'getText' | 'positionAt'>;

/** The text's positions, with line breaks as TextDocument counts them. */
export function positionedText(text: string): PositionedText {
  // TextDocument also breaks lines at a lone \r; a text with any \r gets its exact rules.
  return text.includes('\r') ? TextDocument.create('assistant-config://validate', 'json', 0, text) : new LinesOnDemand(text);
}

/** Line starts of a text broken by \n alone, found as far as asked. */
class LinesOnDemand implements PositionedText {
  /** The start of each line found so far: every line starting at or before `scanned`. */
  private readonly starts = [0];
  private scanned = 0;

  constructor(private readonly text: string) {}

  getText(): string {
    return this.text;
  }

  positionAt(offset: number): { line: number; character: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    this.scanTo(at);
    const { starts } = this;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: at - starts[low] };
  }

  private scanTo(offset: number): void {
    while (this.scanned < offset) {
      const lineBreak = this.text.indexOf('\n', this.scanned);
      if (lineBreak === -1) {
        this.scanned = this.text.length;
        return;
      }
      this.starts.push(lineBreak + 1);
      this.scanned = lineBreak + 1;
    }
  }
}
