// List: every assistant in an environment, all pages.
import type { RemoteAssistantSummary, SyncContext } from './index';
import { openSession } from './session';

/** Every assistant in the environment (all pages), in the API's order (newest first for Vapi). */
export async function list(ctx: SyncContext): Promise<RemoteAssistantSummary[]> {
  const { api, log } = openSession(ctx);
  const all = await api.listAll();
  log.info(`list ${ctx.env.name}: ${all.length} assistant(s)`);
  return all.map((assistant) => {
    const summary: RemoteAssistantSummary = { id: api.idOf(assistant) };
    if (typeof assistant.name === 'string') summary.name = assistant.name;
    const createdAt = api.createdAtOf(assistant);
    const updatedAt = api.updatedAtOf(assistant);
    if (createdAt) summary.createdAt = createdAt;
    if (updatedAt) summary.updatedAt = updatedAt;
    return summary;
  });
}
