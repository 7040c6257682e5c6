import { PERMISSION_KINDS, type PermissionKind } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { Actor, AgentActor, Grants } from './actor.ts';

const ADMIN_GROUP = 'admin';

/** True when the grants allow `kind` on the group; rw implies every kind. */
export function grantsAllow(grants: Grants, groupId: number, kind: PermissionKind): boolean {
  const kinds = grants.get(groupId);
  return !!kinds && (kinds.has(kind) || kinds.has('rw'));
}

/** The one answer to "may this actor do `kind` on a queue of this group?". */
export function may(actor: Actor, groupId: number, kind: PermissionKind): boolean {
  return actor.kind === 'system' || grantsAllow(actor.grants, groupId, kind);
}

/** Throws PERMISSION_DENIED naming the kind and queue unless `may` says yes. */
export function requirePermission(actor: Actor, queue: { group_id: number; full_name: string }, kind: PermissionKind): void {
  if (!may(actor, queue.group_id, kind)) {
    throw new DomainError('PERMISSION_DENIED', `You need the "${kind}" permission on queue "${queue.full_name}" for this.`);
  }
}

/** Throws PERMISSION_DENIED unless the actor is an admin (or the system). */
export function requireAdmin(actor: Actor): void {
  if (actor.kind === 'agent' && !actor.isAdmin) {
    throw new DomainError('PERMISSION_DENIED', 'Only administrators may do this.');
  }
}

/** Group ids where the actor holds `kind`; null means all (the system actor). */
export function groupsWith(actor: Actor, kind: PermissionKind): number[] | null {
  if (actor.kind === 'system') return null;
  return [...actor.grants.keys()].filter((groupId) => grantsAllow(actor.grants, groupId, kind));
}

/** Loads an agent's grants, direct and through valid roles, into an actor. Null if the agent is invalid. */
export async function loadAgentActor(ctx: ServiceContext, agentId: number): Promise<AgentActor | null> {
  // Every API request loads its actor: the group names come with the grants, so being an
  // admin costs no query of its own, and the grants are read beside the agent, not after it.
  const [agent, rows] = await Promise.all([ctx.db.selectFrom('agent').select(['id', 'is_valid']).where('id', '=', agentId).executeTakeFirst(), grantRows(ctx, [agentId])]);
  if (!agent || !agent.is_valid) return null;
  const own = grantsByAgent(rows).get(agentId) ?? new Map<number, Set<PermissionKind>>();
  const isAdmin = rows.some((row) => row.group_name === ADMIN_GROUP && row.permission === 'rw');
  return { kind: 'agent', agentId, isAdmin, grants: own };
}

/** Grants of several agents at once (set-based, for owner lists and checks on other agents). */
export async function loadGrants(ctx: ServiceContext, agentIds: number[]): Promise<Map<number, Map<number, Set<PermissionKind>>>> {
  if (agentIds.length === 0) return new Map();
  return grantsByAgent(await grantRows(ctx, agentIds));
}

/** Direct and role grants on valid groups, with the group's name. */
async function grantRows(ctx: ServiceContext, agentIds: number[]) {
  const direct = ctx.db
    .selectFrom('agent_group_permission as agp')
    .innerJoin('permission_group as g', 'g.id', 'agp.group_id')
    .select(['agp.agent_id', 'agp.group_id', 'g.name as group_name', 'agp.permission'])
    .where('agp.agent_id', 'in', agentIds)
    .where('g.is_valid', '=', true);
  const viaRoles = ctx.db
    .selectFrom('agent_role as ar')
    .innerJoin('role as r', 'r.id', 'ar.role_id')
    .innerJoin('role_group_permission as rgp', 'rgp.role_id', 'ar.role_id')
    .innerJoin('permission_group as g', 'g.id', 'rgp.group_id')
    .select(['ar.agent_id', 'rgp.group_id', 'g.name as group_name', 'rgp.permission'])
    .where('ar.agent_id', 'in', agentIds)
    .where('r.is_valid', '=', true)
    .where('g.is_valid', '=', true);
  return direct.unionAll(viaRoles).execute();
}

function grantsByAgent(rows: { agent_id: number; group_id: number; permission: string }[]): Map<number, Map<number, Set<PermissionKind>>> {
  const result = new Map<number, Map<number, Set<PermissionKind>>>();
  for (const row of rows) {
    if (!isPermissionKind(row.permission)) continue;
    const byGroup = result.get(row.agent_id) ?? new Map<number, Set<PermissionKind>>();
    const kinds = byGroup.get(row.group_id) ?? new Set<PermissionKind>();
    kinds.add(row.permission);
    byGroup.set(row.group_id, kinds);
    result.set(row.agent_id, byGroup);
  }
  return result;
}

function isPermissionKind(value: string): value is PermissionKind {
  return (PERMISSION_KINDS as readonly string[]).includes(value);
}
