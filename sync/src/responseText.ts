// What a server's error body may put in front of a user: a few hundred characters of plain text. Terminal
// escapes and control characters are removed (a server must not be able to drive the user's terminal), an
// HTML error page is reduced to its title, and any JSON value reads as text, never "[object Object]".

/** Longest message shown from one server message. */
export const maxMessageLength = 300;

// CSI (ESC [ … final, or the one-byte C1 form), OSC (ESC ] … BEL or ST), and the other two-byte ESC sequences.
const terminalEscapes = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]?|(?:\u001b\]|\u009d)[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|\u001b[@-_]?/g;
// C0 and C1 controls, DEL, bidirectional overrides and isolates (they reorder what the terminal shows), lone surrogates.
const unprintable = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One line of printable text: escapes and control characters removed, runs of whitespace made one space. */
export function plainText(text: string): string {
  return text.replace(terminalEscapes, '').replace(unprintable, ' ').replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, cut with an ellipsis (never inside a surrogate pair). */
export function shortened(text: string, max = maxMessageLength): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(text.charAt(end - 1))) end--;
  return text.slice(0, end) + '…';
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** Whether a body is an HTML page (proxies and load balancers answer errors with one). */
export function isHtml(text: string): boolean {
  return /^\s*(?:<!doctype html|<html|<head|<body)|<\/(?:html|body|title)>/i.test(text.slice(0, 4096));
}

/** An HTML page as the one line a reader needs: its title, else its first heading. */
export function htmlSummary(text: string): string {
  const tag = (name: string) => new RegExp(`<${name}[^>]*>([\\s\\S]*?)</${name}>`, 'i').exec(text)?.[1];
  const found = tag('title') ?? tag('h1');
  const summary = found === undefined ? '' : plainText(decodeEntities(found.replace(/<[^>]*>/g, ' ')));
  return summary ? `an HTML page: ${summary}` : 'an HTML page';
}

/** How deep `readable` goes into nested JSON before it writes "…". */
const maxDepth = 4;
/** How many items or properties of one array or object `readable` lists. */
const maxItems = 10;

/**
 * Any JSON value as text a person reads: strings as they are, objects as `key: value` pairs, arrays joined
 * with "; ". Bounded in depth and breadth, so a huge or deep value costs little.
 */
export function readable(value: unknown, depth = 0): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  if (depth >= maxDepth) return '…';
  const more = (count: number) => (count > maxItems ? `; … ${count - maxItems} more` : '');
  if (Array.isArray(value)) {
    return value.slice(0, maxItems).map((item) => readable(item, depth + 1)).filter(Boolean).join('; ') + more(value.length);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const parts = entries.slice(0, maxItems).map(([key, item]) => {
    const text = readable(item, depth + 1);
    return typeof item === 'object' && item !== null ? `${key}: (${text})` : `${key}: ${text}`;
  });
  return parts.join(', ') + more(entries.length);
}
