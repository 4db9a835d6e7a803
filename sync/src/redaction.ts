// Keeping the API key out of every message and log line, in every form a server could echo it back in:
// as sent (a header, or a query parameter: form-encoded, so `+` is `%2B` and a space is `+`), percent-encoded
// in either case, JSON-escaped (`\u002B`, `\/`), or base64 (as inside a Basic credential or a token dump).
import type { SyncLogger } from './types';

const mask = '***';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `%2b` or `%2B`: percent-encodings are case-insensitive in their hex digits. */
function percentEncoded(byte: number): string {
  const hex = byte.toString(16).toUpperCase().padStart(2, '0');
  return '%' + [...hex].map((digit) => (/[A-F]/.test(digit) ? `[${digit}${digit.toLowerCase()}]` : digit)).join('');
}

/** Every spelling of one character of the key, as a regular-expression alternation. */
function spellings(char: string): string {
  const options = [escapeRegExp(char)];
  const bytes = Buffer.from(char, 'utf8');
  options.push([...bytes].map(percentEncoded).join(''));
  if (char === ' ') options.push('\\+');
  if (char === '/') options.push('\\\\/');
  const code = char.codePointAt(0)!;
  if (code <= 0xffff) options.push(`\\\\u${[...code.toString(16).padStart(4, '0')].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('')}`);
  return `(?:${options.join('|')})`;
}

/**
 * The key's base64 text at each of the three alignments it can have inside a longer base64 string (standard
 * and URL-safe alphabets), without the characters at either end that depend on the neighbouring bytes.
 */
function base64Forms(apiKey: string): string[] {
  const key = Buffer.from(apiKey, 'utf8');
  const forms = new Set<string>();
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), key]).toString('base64').replace(/=+$/, '');
    // Leading characters that mix the padding bytes in, and a trailing one that mixes in what follows.
    const start = shift === 0 ? 0 : Math.ceil((shift * 8) / 6);
    const end = (shift + key.length) % 3 === 0 ? encoded.length : encoded.length - 1;
    const core = encoded.slice(start, end);
    if (core.length >= 8) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

/** Replaces the key wherever it appears, in any of its forms; applied to every log line and every message built from a response. */
export function redactor(apiKey: string): (text: string) => string {
  if (!apiKey) return (text) => text;
  const pattern = new RegExp([[...apiKey].map(spellings).join(''), ...base64Forms(apiKey).map(escapeRegExp)].join('|'), 'g');
  return (text) => text.replace(pattern, mask);
}

export function redactingLogger(logger: SyncLogger | undefined, apiKey: string): SyncLogger {
  const redact = redactor(apiKey);
  return {
    info: (message) => logger?.info(redact(message)),
    warn: (message) => logger?.warn(redact(message)),
    error: (message) => logger?.error(redact(message)),
  };
}
