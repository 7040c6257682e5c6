import type { ServiceContext } from '../context.ts';
import { hashToken } from './session.service.ts';

/**
 * The agent of a session that is still open, without refreshing its idle timer: a live
 * event stream asks this every few seconds and must not keep an idle session alive forever.
 */
export async function findOpenSessionAgentId(ctx: ServiceContext, token: string, idleHours: number): Promise<number | null> {
  const session = await ctx.db.selectFrom('agent_session').select(['agent_id', 'last_seen_at']).where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!session) return null;
  const idleMs = ctx.clock.now().getTime() - Date.parse(session.last_seen_at);
  return idleMs > idleHours * 3_600_000 ? null : session.agent_id;
}
