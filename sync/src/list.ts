// List: every resource of one type in an environment, all pages.
import type { ResourceType } from '../../core/src/kinds';
import { resourceName } from './localFile';
import { kindIn, openSession } from './session';
import type { RemoteSummary, SyncContext } from './types';

/** Every resource of the type in the environment (all pages), in the API's order (newest first for Vapi). */
export async function list(ctx: SyncContext, resource: ResourceType = 'assistant'): Promise<RemoteSummary[]> {
  const kind = kindIn(ctx, resource);
  const { api, log } = openSession(ctx, kind);
  const all = await api.listAll();
  log.info(`list ${ctx.env.name}: ${all.length} ${kind.noun}(s)`);
  return all.map((item) => {
    const summary: RemoteSummary = { id: api.idOf(item) };
    const name = resourceName(item);
    if (name) summary.name = name;
    const createdAt = api.createdAtOf(item);
    const updatedAt = api.updatedAtOf(item);
    if (createdAt) summary.createdAt = createdAt;
    if (updatedAt) summary.updatedAt = updatedAt;
    return summary;
  });
}
