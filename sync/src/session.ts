// The per-operation bundle every command starts from: a checked environment and the vendor's API for one kind.
import { kindOf, vendorNames, type ResourceKind, type ResourceType } from '../../core/src/kinds';
import { checkEnvironment } from './environment';
import { SyncError } from './errors';
import type { SyncContext, SyncLogger } from './types';
import { redactingLogger } from './redaction';
import { insightoApi } from './vendors/insighto';
import { vapiApi } from './vendors/vapi';
import type { VendorApi } from './vendors/vendorApi';

export interface Session {
  ctx: SyncContext;
  api: VendorApi;
  log: SyncLogger;
}

/** The environment's kind for a resource type (its vendor's assistants, tools, …). */
export function kindIn(ctx: SyncContext, resource: ResourceType): ResourceKind {
  const kind = kindOf(ctx.env.vendor, resource);
  if (kind) return kind;
  checkEnvironment(ctx.env);
  throw new SyncError('config', `Environment '${ctx.env.name}': ${vendorNames[ctx.env.vendor]} has no ${resource} resources.`);
}

export function openSession(ctx: SyncContext, kind: ResourceKind): Session {
  const baseUrl = checkEnvironment(ctx.env);
  if (!ctx.apiKey) {
    throw new SyncError('auth', `No API key for environment '${ctx.env.name}'. Set one before syncing.`);
  }
  if (kind.vendor !== ctx.env.vendor) throw new SyncError('config', `Environment '${ctx.env.name}' cannot hold ${kind.id} resources.`);
  const api = ctx.env.vendor === 'vapi' ? vapiApi(ctx, baseUrl, kind) : insightoApi(ctx, baseUrl, kind);
  return { ctx, api, log: redactingLogger(ctx.logger, ctx.apiKey) };
}
