// The per-operation bundle every command starts from: a checked environment and the vendor's API.
import { checkEnvironment } from './environment';
import { SyncError } from './errors';
import type { SyncContext, SyncLogger } from './index';
import { redactingLogger } from './http';
import { insightoApi } from './vendors/insighto';
import { vapiApi } from './vendors/vapi';
import type { VendorApi } from './vendors/vendorApi';

export interface Session {
  ctx: SyncContext;
  api: VendorApi;
  log: SyncLogger;
}

export function openSession(ctx: SyncContext): Session {
  const baseUrl = checkEnvironment(ctx.env);
  if (!ctx.apiKey) {
    throw new SyncError('auth', `No API key for environment '${ctx.env.name}'. Set one before syncing.`);
  }
  const api = ctx.env.vendor === 'vapi' ? vapiApi(ctx, baseUrl) : insightoApi(ctx, baseUrl);
  return { ctx, api, log: redactingLogger(ctx.logger, ctx.apiKey) };
}
