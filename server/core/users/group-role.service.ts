import { PERMISSION_KINDS, type PermissionKind } from '../../../shared/domain.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/** A permission group (each queue belongs to one). */
export interface GroupView {
  id: number;
  name: string;
  comment: string | null;
  isValid: boolean;
}

/** A role: a set of group permissions given to agents. */
export interface RoleView extends GroupView {
  groupPermissions: { groupId: number; permissions: PermissionKind[] }[];
  agentIds: number[];
}

type NamedInput = { name: string; comment?: string | null; isValid?: boolean };

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid('name', 'must not be empty');
  if (trimmed.length > 100) throw invalid('name', 'must be at most 100 characters');
  return trimmed;
}

function checkComment(comment: string | null | undefined): void {
  if ((comment?.length ?? 0) > 250) throw invalid('comment', 'must be at most 250 characters');
}

async function requireFreeName(ctx: ServiceContext, table: 'permission_group' | 'role', name: string, exceptId?: number): Promise<void> {
  let query = ctx.db.selectFrom(table).select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new DomainError('CONFLICT', `"${name}" exists already.`, { field: 'name' });
}

/** Every group (any agent may list them: queue settings name them). */
export async function listGroups(ctx: ServiceContext, _actor: Actor): Promise<GroupView[]> {
  const rows = await ctx.db.selectFrom('permission_group').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, comment: r.comment, isValid: r.is_valid }));
}

/** One group. */
export async function getGroup(ctx: ServiceContext, actor: Actor, groupId: number): Promise<GroupView> {
  const group = (await listGroups(ctx, actor)).find((g) => g.id === groupId);
  if (!group) throw notFound(`Group ${groupId}`);
  return group;
}

/** Creates a group (admins). */
export async function createGroup(ctx: ServiceContext, actor: Actor, input: NamedInput): Promise<GroupView> {
  requireAdmin(actor);
  const name = checkName(input.name);
  checkComment(input.comment);
  return inTransaction(ctx, async (tx) => {
    await requireFreeName(tx, 'permission_group', name);
    const r = await tx.db.insertInto('permission_group').values({ name, comment: input.comment ?? null, is_valid: input.isValid ?? true }).returningAll().executeTakeFirstOrThrow();
    return { id: r.id, name: r.name, comment: r.comment, isValid: r.is_valid };
  });
}

/** Changes a group (admins). */
export async function updateGroup(ctx: ServiceContext, actor: Actor, id: number, input: Partial<NamedInput>): Promise<GroupView> {
  requireAdmin(actor);
  const name = input.name === undefined ? undefined : checkName(input.name);
  checkComment(input.comment);
  if (name) await requireFreeName(ctx, 'permission_group', name, id);
  const r = await ctx.db
    .updateTable('permission_group')
    .set({ ...(name ? { name } : {}), ...(input.comment !== undefined ? { comment: input.comment } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!r) throw notFound(`Group ${id}`);
  return { id: r.id, name: r.name, comment: r.comment, isValid: r.is_valid };
}

/** Every role with its permissions and agents (admins). */
export async function listRoles(ctx: ServiceContext, actor: Actor): Promise<RoleView[]> {
  requireAdmin(actor);
  const [roles, perms, members] = await Promise.all([
    ctx.db.selectFrom('role').selectAll().orderBy('name').execute(),
    ctx.db.selectFrom('role_group_permission').selectAll().execute(),
    ctx.db.selectFrom('agent_role').selectAll().orderBy('agent_id').execute(),
  ]);
  return roles.map((r) => {
    const byGroup = new Map<number, PermissionKind[]>();
    for (const p of perms.filter((x) => x.role_id === r.id)) byGroup.set(p.group_id, [...(byGroup.get(p.group_id) ?? []), p.permission as PermissionKind]);
    return {
      id: r.id, name: r.name, comment: r.comment, isValid: r.is_valid,
      groupPermissions: [...byGroup].map(([groupId, permissions]) => ({ groupId, permissions: PERMISSION_KINDS.filter((k) => permissions.includes(k)) })),
      agentIds: members.filter((m) => m.role_id === r.id).map((m) => m.agent_id),
    };
  });
}

/** One role with its permissions and agents (admins). */
export async function getRole(ctx: ServiceContext, actor: Actor, roleId: number): Promise<RoleView> {
  const role = (await listRoles(ctx, actor)).find((r) => r.id === roleId);
  if (!role) throw notFound(`Role ${roleId}`);
  return role;
}

/** A role's settings; groupPermissions and agentIds replace the current ones when given. */
export interface RoleInput extends NamedInput {
  groupPermissions?: { groupId: number; permissions: PermissionKind[] }[];
  agentIds?: number[];
}

/** Creates a role (admins). */
export async function createRole(ctx: ServiceContext, actor: Actor, input: RoleInput): Promise<RoleView> {
  requireAdmin(actor);
  const name = checkName(input.name);
  checkComment(input.comment);
  return inTransaction(ctx, async (tx) => {
    await requireFreeName(tx, 'role', name);
    const role = await tx.db.insertInto('role').values({ name, comment: input.comment ?? null, is_valid: input.isValid ?? true }).returning('id').executeTakeFirstOrThrow();
    await replaceRoleLinks(tx, role.id, input);
    return getRole(tx, actor, role.id);
  });
}

/** Changes a role (admins). */
export async function updateRole(ctx: ServiceContext, actor: Actor, id: number, input: Partial<RoleInput>): Promise<RoleView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    if (!(await tx.db.selectFrom('role').select('id').where('id', '=', id).executeTakeFirst())) throw notFound(`Role ${id}`);
    const name = input.name === undefined ? undefined : checkName(input.name);
    checkComment(input.comment);
    if (name) await requireFreeName(tx, 'role', name, id);
    const set = { ...(name ? { name } : {}), ...(input.comment !== undefined ? { comment: input.comment } : {}), ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}) };
    if (Object.keys(set).length) await tx.db.updateTable('role').set(set).where('id', '=', id).execute();
    await replaceRoleLinks(tx, id, input);
    return getRole(tx, actor, id);
  });
}

async function replaceRoleLinks(ctx: ServiceContext, roleId: number, input: Partial<RoleInput>): Promise<void> {
  if (input.groupPermissions) {
    const rows: { role_id: number; group_id: number; permission: string }[] = [];
    for (const [i, grant] of input.groupPermissions.entries()) {
      if (!(await ctx.db.selectFrom('permission_group').select('id').where('id', '=', grant.groupId).executeTakeFirst())) throw invalid(`groupPermissions.${i}.groupId`, `group ${grant.groupId} does not exist`);
      for (const permission of new Set(grant.permissions)) rows.push({ role_id: roleId, group_id: grant.groupId, permission });
    }
    await ctx.db.deleteFrom('role_group_permission').where('role_id', '=', roleId).execute();
    if (rows.length) await ctx.db.insertInto('role_group_permission').values(rows).execute();
  }
  if (input.agentIds) {
    const ids = [...new Set(input.agentIds)];
    const found = ids.length ? await ctx.db.selectFrom('agent').select('id').where('id', 'in', ids).execute() : [];
    const missing = ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length) throw invalid('agentIds', `agent ${missing.join(', ')} does not exist`);
    await ctx.db.deleteFrom('agent_role').where('role_id', '=', roleId).execute();
    if (ids.length) await ctx.db.insertInto('agent_role').values(ids.map((agentId) => ({ agent_id: agentId, role_id: roleId }))).execute();
  }
}
