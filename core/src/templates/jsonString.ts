// A JSON string literal and its value, index by index: a template's problems are found in the value
// (`\n` is one character there) and reported in the file (where it is two).

export interface DecodedString {
  value: string;
  /**
   * For each index of the value, the offset in the file where the character's spelling starts; one more
   * entry, for the end of the value, holds the closing quote's offset. A range [a, b) of the value is
   * [offsets[a], offsets[b]) in the file.
   */
  offsets: Int32Array;
}

const simpleEscapes: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * The value of the string literal text.slice(start, start + length) (quotes included). Invalid escapes
 * (which the JSON check reports) stand for themselves, so a literal with one still maps.
 */
export function decodeString(text: string, start: number, length: number): DecodedString {
  const end = start + length - 1; // the closing quote
  const offsets = new Int32Array(length);
  let value = '';
  let count = 0;
  let chunkStart = start + 1;
  const flush = (to: number) => {
    if (to <= chunkStart) return;
    value += text.slice(chunkStart, to);
    for (let offset = chunkStart; offset < to; offset++) offsets[count++] = offset;
  };
  for (let offset = start + 1; offset < end; offset++) {
    if (text.charCodeAt(offset) !== 92) continue;
    flush(offset);
    const escape = text[offset + 1];
    const hex = escape === 'u' ? text.slice(offset + 2, offset + 6) : '';
    if (simpleEscapes[escape] !== undefined) {
      value += simpleEscapes[escape];
      offsets[count++] = offset;
      offset += 1;
    } else if (/^[0-9a-fA-F]{4}$/.test(hex)) {
      value += String.fromCharCode(parseInt(hex, 16));
      offsets[count++] = offset;
      offset += 5;
    } else {
      value += '\\';
      offsets[count++] = offset;
    }
    chunkStart = offset + 1;
  }
  flush(end);
  offsets[count] = end;
  return { value, offsets: offsets.subarray(0, count + 1) };
}

/** The text between the quotes of a JSON string literal holding `value`. */
export function encodeStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
