import { LANGUAGES, type Language, type PermissionKind } from '../../../shared/domain.ts';
import { verifyPassword } from '../auth/password.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { getAgentView, setAgentPassword, setAgentRoles, type AgentView } from './agent.service.ts';

/** Agents, by login: all for admins, valid ones for agents (owner pickers, mentions). */
export async function listAgents(ctx: ServiceContext, actor: Actor): Promise<AgentView[]> {
  const isAdmin = actor.kind === 'system' || actor.isAdmin;
  let query = ctx.db.selectFrom('agent').selectAll().orderBy('login');
  if (!isAdmin) query = query.where('is_valid', '=', true);
  const [rows, roles] = await Promise.all([query.execute(), ctx.db.selectFrom('agent_role').selectAll().orderBy('role_id').execute()]);
  return rows.map((row) => ({
    id: row.id,
    login: row.login,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    language: row.language,
    isValid: row.is_valid,
    roleIds: roles.filter((r) => r.agent_id === row.id).map((r) => r.role_id),
    createdAt: row.created_at,
    changedAt: row.changed_at,
  }));
}

/** One agent: admins see any, agents only valid colleagues. */
export async function getAgent(ctx: ServiceContext, actor: Actor, agentId: number): Promise<AgentView> {
  const agent = await getAgentView(ctx, agentId);
  const isAdmin = actor.kind === 'system' || actor.isAdmin;
  const isSelf = actor.kind === 'agent' && actor.agentId === agentId;
  if (!agent.isValid && !isAdmin && !isSelf) throw notFound(`Agent ${agentId}`);
  return agent;
}

/** Changes to an agent. Admins may change everything; agents their own names and language. */
export interface UpdateAgentInput {
  email?: string;
  firstName?: string;
  lastName?: string;
  language?: Language;
  isValid?: boolean;
  roleIds?: number[];
  groupPermissions?: { groupId: number; permissions: PermissionKind[] }[];
}

/** Updates an agent. */
export async function updateAgent(ctx: ServiceContext, actor: Actor, agentId: number, input: UpdateAgentInput): Promise<AgentView> {
  const self = actor.kind === 'agent' && actor.agentId === agentId;
  const adminOnly = input.email !== undefined || input.isValid !== undefined || input.roleIds !== undefined || input.groupPermissions !== undefined;
  if (!self || adminOnly) requireAdmin(actor);
  if (input.email !== undefined && (!/^[^\s@]+@[^\s@]+$/.test(input.email) || input.email.length > 200)) throw invalid('email', 'is not an email address');
  if (input.language !== undefined && !LANGUAGES.includes(input.language)) throw invalid('language', `must be one of ${LANGUAGES.join(', ')}`);
  if (input.firstName !== undefined && !input.firstName.trim()) throw invalid('firstName', 'must not be empty');
  if (input.lastName !== undefined && !input.lastName.trim()) throw invalid('lastName', 'must not be empty');
  if (input.isValid === false && actor.kind === 'agent' && actor.agentId === agentId) throw invalid('isValid', 'you cannot deactivate yourself');
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db.selectFrom('agent').select('id').where('id', '=', agentId).executeTakeFirst();
    if (!existing) throw notFound(`Agent ${agentId}`);
    await tx.db
      .updateTable('agent')
      .set({
        ...(input.email !== undefined ? { email: input.email } : {}),
        ...(input.firstName !== undefined ? { first_name: input.firstName.trim() } : {}),
        ...(input.lastName !== undefined ? { last_name: input.lastName.trim() } : {}),
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}),
        changed_at: nowIso(tx),
      })
      .where('id', '=', agentId)
      .execute();
    if (input.isValid === false) await tx.db.deleteFrom('agent_session').where('agent_id', '=', agentId).execute();
    if (input.roleIds) await setAgentRoles(tx, agentId, input.roleIds);
    if (input.groupPermissions) {
      await tx.db.deleteFrom('agent_group_permission').where('agent_id', '=', agentId).execute();
      for (const [i, grant] of input.groupPermissions.entries()) {
        if (!(await tx.db.selectFrom('permission_group').select('id').where('id', '=', grant.groupId).executeTakeFirst())) throw invalid(`groupPermissions.${i}.groupId`, `group ${grant.groupId} does not exist`);
        const kinds = [...new Set(grant.permissions)];
        if (kinds.length) await tx.db.insertInto('agent_group_permission').values(kinds.map((permission) => ({ agent_id: agentId, group_id: grant.groupId, permission }))).execute();
      }
    }
    return getAgentView(tx, agentId);
  });
}

/** Direct group permissions of an agent (besides roles), for the admin screen. */
export async function getAgentGroupPermissions(ctx: ServiceContext, actor: Actor, agentId: number) {
  requireAdmin(actor);
  await getAgentView(ctx, agentId);
  const rows = await ctx.db.selectFrom('agent_group_permission').select(['group_id', 'permission']).where('agent_id', '=', agentId).execute();
  const byGroup = new Map<number, PermissionKind[]>();
  for (const r of rows) byGroup.set(r.group_id, [...(byGroup.get(r.group_id) ?? []), r.permission as PermissionKind]);
  return [...byGroup].map(([groupId, permissions]) => ({ groupId, permissions }));
}

/** Changes a password: agents for themselves with their current password, admins for anyone. */
export async function changeAgentPassword(ctx: ServiceContext, actor: Actor, input: { agentId: number; password: string; currentPassword?: string }): Promise<void> {
  const self = actor.kind === 'agent' && actor.agentId === input.agentId;
  const isAdmin = actor.kind === 'system' || actor.isAdmin;
  if (self && !isAdmin) {
    const row = await ctx.db.selectFrom('agent').select('password_hash').where('id', '=', input.agentId).executeTakeFirst();
    if (!input.currentPassword) throw invalid('currentPassword', 'is required to change your own password');
    if (!(await verifyPassword(row?.password_hash ?? null, input.currentPassword))) throw new DomainError('VALIDATION_FAILED', 'currentPassword: is not your current password', { field: 'currentPassword' });
  }
  await setAgentPassword(ctx, actor, { agentId: input.agentId, password: input.password });
}
