import * as catalog from '../catalog/catalog.lookup.ts';
import type { ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { grantsAllow, loadGrants } from '../permissions/permission.service.ts';

/** Throws unless the agent exists, is valid, and holds "owner" (or rw) on the queue's group. */
export async function requireOwnerCandidate(ctx: ServiceContext, agentId: number, queue: { group_id: number; full_name: string }, field: string): Promise<void> {
  const agent = await catalog.requireAgent(ctx, agentId, field);
  const grants = (await loadGrants(ctx, [agentId])).get(agentId) ?? new Map();
  if (!grantsAllow(grants, queue.group_id, 'owner')) {
    throw invalid(field, `agent "${agent.login}" has no "owner" permission on queue "${queue.full_name}"`);
  }
}
