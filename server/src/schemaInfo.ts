import { vendorNames, type ResourceKind } from '../../core/src/kinds';
import { schemaInUse } from '../../core/src/validation';
import type { SchemaInfo } from '../../shared/src/protocol';

/** The vendor, origin and date of the schema a kind's files are checked against now. */
export function schemaInfo(kind: ResourceKind): SchemaInfo {
  const inUse = schemaInUse(kind);
  return { kind: kind.id, vendor: vendorNames[kind.vendor], noun: kind.noun, sourceDate: inUse.date, sourceDocument: inUse.document, origin: inUse.origin };
}
