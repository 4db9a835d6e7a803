// The Liquid engine as Vapi runs it (liquidjs with its standard tags and filters), configured to parse
// only: an unknown filter is a parse error.
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
