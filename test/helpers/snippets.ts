// What VS Code inserts for an LSP snippet when the user accepts each placeholder as it is: a placeholder's
// text, a choice's first value, nothing for a bare tab stop; `\` escapes `$`, `}`, `\` (and `,`, `|` in a choice).

export function acceptSnippet(snippet: string): string {
  let position = 0;
  const parse = (inside: string): string => {
    let text = '';
    while (position < snippet.length) {
      const char = snippet[position];
      if (char === '\\' && position + 1 < snippet.length && /[$}\\,|]/.test(snippet[position + 1])) {
        text += snippet[position + 1];
        position += 2;
      } else if (inside.includes(char)) {
        return text;
      } else if (char === '$' && /^\$\d+/.test(snippet.slice(position))) {
        position += /^\$\d+/.exec(snippet.slice(position))![0].length;
      } else if (char === '$' && /^\$\{\d+:/.test(snippet.slice(position))) {
        position += /^\$\{\d+:/.exec(snippet.slice(position))![0].length;
        text += parse('}');
        position++; // the closing }
      } else if (char === '$' && /^\$\{\d+\|/.test(snippet.slice(position))) {
        position += /^\$\{\d+\|/.exec(snippet.slice(position))![0].length;
        text += parse(',|');
        while (snippet[position] === ',') {
          position++;
          parse(',|');
        }
        position += 2; // the closing |}
      } else {
        text += char;
        position++;
      }
    }
    return text;
  };
  return parse('');
}
