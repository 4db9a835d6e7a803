import { vendorNames, type ResourceKind } from '../../core/src/kinds';
import { loadSchema } from '../../core/src/validation';
import type { SchemaInfo } from '../../shared/src/protocol';

/** The vendor and source of the schema used for a kind, as recorded in the bundled schema's `x-source`. */
export function schemaInfo(kind: ResourceKind): SchemaInfo {
  const source = (loadSchema(kind) as { 'x-source'?: { date?: unknown; document?: unknown } })['x-source'];
  return {
    kind: kind.id,
    vendor: vendorNames[kind.vendor],
    noun: kind.noun,
    // The Insighto schema comes from a seed document and records "seed" rather than a date.
    sourceDate: typeof source?.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(source.date) ? source.date : undefined,
    sourceDocument: typeof source?.document === 'string' ? source.document : undefined,
  };
}
