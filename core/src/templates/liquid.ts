// The Liquid engine as Vapi runs it (liquidjs with its standard tags and filters), configured to parse
// only: an unknown filter is a parse error. What completion and hover offer (filters, tags, date formats)
// is read from the same engine, so the lists match what parsing accepts.
import { Liquid, Tokenizer, type TopLevelToken } from 'liquidjs';

export const liquid = new Liquid({ strictFilters: true });

/** The template's top-level tokens (text, `{{ }}` outputs, `{% %}` tags); throws what liquidjs throws. */
export function topLevelTokens(template: string): TopLevelToken[] {
  return new Tokenizer(template, liquid.options.operators).readTopLevelTokens(liquid.options);
}

/** Every filter name the engine knows. */
export const filterNames: readonly string[] = Object.keys(liquid.filters);

/** Every tag name the engine knows, without liquidjs's `#` (inline comment) pseudo-tag. */
export const tagNames: readonly string[] = Object.keys(liquid.tags).filter((name) => /^\w+$/.test(name));

/** Tags that open a block, with the tag that closes it. */
export const blockEnds: Readonly<Record<string, string>> = {
  if: 'endif',
  unless: 'endunless',
  for: 'endfor',
  case: 'endcase',
  capture: 'endcapture',
  comment: 'endcomment',
  raw: 'endraw',
  tablerow: 'endtablerow',
};

/** One-line documentation of the filters prompts use most; the rest complete by name. */
export const filterDocs: Readonly<Record<string, string>> = {
  date: 'Formats a date (`"now"` for the current time) with strftime directives, optionally in a time zone: `date: "%A %B %d", "America/New_York"`.',
  default: 'The value, or the argument when the value is empty: `default: "there"`.',
  upcase: 'The text in capitals.',
  downcase: 'The text in lower case.',
  capitalize: 'The text with its first letter capitalised.',
  append: 'The text with the argument added at its end.',
  prepend: 'The text with the argument added at its start.',
  replace: 'Every occurrence of the first argument replaced by the second.',
  remove: 'Every occurrence of the argument removed.',
  split: 'The text split into an array at each occurrence of the argument.',
  join: 'The array joined into text, with the argument between items.',
  first: 'The first item of an array.',
  last: 'The last item of an array (or the last N with an argument).',
  size: 'The number of characters of a text or items of an array.',
  truncate: 'The text cut to the argument’s number of characters.',
  strip: 'The text without surrounding whitespace.',
  where: 'The items of an array whose property (first argument) equals the second argument.',
  json: 'The value as JSON.',
  plus: 'The number plus the argument.',
  minus: 'The number minus the argument.',
  times: 'The number times the argument.',
  divided_by: 'The number divided by the argument.',
  round: 'The number rounded (to the argument’s number of decimals).',
};

/** One-line documentation of the tags. */
export const tagDocs: Readonly<Record<string, string>> = {
  if: 'Renders its block when the condition holds: `{% if customer.name %}…{% endif %}`.',
  unless: 'Renders its block when the condition does not hold.',
  elsif: 'Another condition of an `if`.',
  else: 'The block rendered when no condition held.',
  case: 'Chooses a block by value: `{% case call.type %}{% when "webCall" %}…{% endcase %}`.',
  when: 'One value of a `case`.',
  for: 'Renders its block once per item: `{% for item in items %}…{% endfor %}`.',
  assign: 'Sets a variable: `{% assign greeting = "Hello" %}`.',
  capture: 'Sets a variable to the text its block renders.',
  comment: 'A block that is not rendered.',
  raw: 'A block rendered as written, without reading Liquid in it.',
  echo: 'Outputs a value, like `{{ }}`.',
  liquid: 'Several tags in one, one per line.',
  increment: 'Outputs a counter and adds one to it.',
  decrement: 'Subtracts one from a counter and outputs it.',
  cycle: 'Outputs its arguments in turn, one per call.',
  tablerow: 'Renders an HTML table row per item.',
  break: 'Leaves the current `for` loop.',
  continue: 'Skips to the next item of the current `for` loop.',
};

/** Formats offered as `date`'s first argument. */
export const dateFormats: readonly string[] = ['%A, %B %d, %Y', '%b %d, %Y, %I:%M %p', '%Y-%m-%d', '%I:%M %p', '%H:%M', '%A', '%B', '%d', '%Y', '%Z'];

/** What `date` renders with a format, for a fixed moment (Tuesday 18 August 2026, 09:30 UTC): shown beside each format. */
export function dateExample(format: string): string {
  return liquid.parseAndRenderSync('{{ moment | date: format, "UTC" }}', { moment: '2026-08-18T09:30:00Z', format });
}

/** Time zones offered as `date`'s second argument: the IANA names this runtime knows. */
export function timeZones(): readonly string[] {
  return Intl.supportedValuesOf('timeZone');
}
