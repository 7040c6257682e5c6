import type { Language } from '../../../shared/domain.ts';
import { generatePassword, hashPassword, passwordProblem } from '../auth/password.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import type { PermissionKind } from '../../../shared/domain.ts';

/** An agent as the API shows it. */
export interface AgentView {
  id: number;
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  language: string;
  isValid: boolean;
  roleIds: number[];
  createdAt: string;
  changedAt: string;
}

/** A new agent. */
export interface CreateAgentInput {
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  password?: string;
  language?: Language;
  roleIds?: number[];
  /** Direct group permissions besides those of roles. */
  groupPermissions?: { groupId: number; permissions: PermissionKind[] }[];
}

const LOGIN = /^[A-Za-z0-9._@+-]{1,200}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Creates an agent (admins only). */
export async function createAgent(ctx: ServiceContext, actor: Actor, input: CreateAgentInput): Promise<AgentView> {
  requireAdmin(actor);
  if (!LOGIN.test(input.login)) throw invalid('login', 'may contain letters, digits and . _ @ + - (1 to 200 characters)');
  if (!EMAIL.test(input.email)) throw invalid('email', 'is not an email address');
  if (!input.firstName.trim()) throw invalid('firstName', 'must not be empty');
  if (!input.lastName.trim()) throw invalid('lastName', 'must not be empty');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('password', problem);
  }
  return inTransaction(ctx, async (tx) => {
    const taken = await tx.db
      .selectFrom('agent')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.toLowerCase()))
      .executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', `An agent with login "${input.login}" exists already.`, { field: 'login' });
    const now = nowIso(tx);
    const agent = await tx.db
      .insertInto('agent')
      .values({
        login: input.login,
        email: input.email,
        first_name: input.firstName.trim(),
        last_name: input.lastName.trim(),
        password_hash: input.password ? await hashPassword(input.password) : null,
        language: input.language ?? 'en',
        created_at: now,
        changed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setAgentRoles(tx, agent.id, input.roleIds ?? []);
    for (const grant of input.groupPermissions ?? []) {
      const group = await tx.db.selectFrom('permission_group').select('id').where('id', '=', grant.groupId).executeTakeFirst();
      if (!group) throw invalid('groupPermissions.groupId', `group ${grant.groupId} does not exist`);
      if (grant.permissions.length) {
        await tx.db.insertInto('agent_group_permission').values(grant.permissions.map((permission) => ({ agent_id: agent.id, group_id: grant.groupId, permission }))).execute();
      }
    }
    return getAgentView(tx, agent.id);
  });
}

/** Replaces an agent's roles. */
export async function setAgentRoles(ctx: ServiceContext, agentId: number, roleIds: number[]): Promise<void> {
  const unique = [...new Set(roleIds)];
  if (unique.length) {
    const found = await ctx.db.selectFrom('role').select('id').where('id', 'in', unique).execute();
    const missing = unique.filter((id) => !found.some((r) => r.id === id));
    if (missing.length) throw invalid('roleIds', `role ${missing.join(', ')} does not exist`);
  }
  await ctx.db.deleteFrom('agent_role').where('agent_id', '=', agentId).execute();
  if (unique.length) await ctx.db.insertInto('agent_role').values(unique.map((roleId) => ({ agent_id: agentId, role_id: roleId }))).execute();
}

/** Sets an agent's password: admins for anyone, agents for themselves. */
export async function setAgentPassword(ctx: ServiceContext, actor: Actor, input: { agentId: number; password: string }): Promise<void> {
  if (actor.kind === 'agent' && actor.agentId !== input.agentId) requireAdmin(actor);
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('password', problem);
  const result = await ctx.db
    .updateTable('agent')
    .set({ password_hash: await hashPassword(input.password), changed_at: nowIso(ctx) })
    .where('id', '=', input.agentId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound(`Agent ${input.agentId}`);
  // A new password ends every open session of the agent.
  await ctx.db.deleteFrom('agent_session').where('agent_id', '=', input.agentId).execute();
}

/**
 * Gives the first admin (agent 1) a password on a new desk: the configured one, or a
 * generated one that is returned so the caller can print it once. Null when already set.
 */
export async function ensureFirstAdminPassword(ctx: ServiceContext, configured: string | undefined): Promise<{ login: string; password: string; generated: boolean } | null> {
  const admin = await ctx.db.selectFrom('agent').select(['login', 'password_hash']).where('id', '=', 1).executeTakeFirst();
  if (!admin || admin.password_hash) return null;
  const password = configured ?? generatePassword();
  await ctx.db.updateTable('agent').set({ password_hash: await hashPassword(password), changed_at: nowIso(ctx) }).where('id', '=', 1).execute();
  return { login: admin.login, password, generated: configured === undefined };
}

/** One agent by id. */
export async function getAgentView(ctx: ServiceContext, agentId: number): Promise<AgentView> {
  const row = await ctx.db.selectFrom('agent').selectAll().where('id', '=', agentId).executeTakeFirst();
  if (!row) throw notFound(`Agent ${agentId}`);
  const roles = await ctx.db.selectFrom('agent_role').select('role_id').where('agent_id', '=', agentId).orderBy('role_id').execute();
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    language: row.language,
    isValid: row.is_valid,
    roleIds: roles.map((r) => r.role_id),
    createdAt: row.created_at,
    changedAt: row.changed_at,
  };
}

/** Finds an agent id by login (case-insensitive). */
export async function findAgentIdByLogin(ctx: ServiceContext, login: string): Promise<number | undefined> {
  const row = await ctx.db
    .selectFrom('agent')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['login']), '=', login.toLowerCase()))
    .executeTakeFirst();
  return row?.id;
}
