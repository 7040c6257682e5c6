import { FOLLOW_UP_OPTIONS, type FollowUpOption } from '../../../shared/domain.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith, requireAdmin } from '../permissions/permission.service.ts';

/** A queue with its settings, as the API shows it. */
export interface QueueView {
  id: number;
  name: string;
  fullName: string;
  parentId: number | null;
  groupId: number;
  systemAddressId: number | null;
  salutationId: number | null;
  signatureId: number | null;
  unlockTimeout: number;
  firstResponseTime: number;
  firstResponseNotify: number;
  updateTime: number;
  updateNotify: number;
  solutionTime: number;
  solutionNotify: number;
  calendarName: string | null;
  followUpOption: FollowUpOption;
  isFollowUpLock: boolean;
  comment: string | null;
  isValid: boolean;
}

/** Settings of a queue; on update every field is optional. */
export interface QueueInput {
  name: string;
  parentId?: number | null;
  groupId: number;
  systemAddressId?: number | null;
  salutationId?: number | null;
  signatureId?: number | null;
  unlockTimeout?: number;
  firstResponseTime?: number;
  firstResponseNotify?: number;
  updateTime?: number;
  updateNotify?: number;
  solutionTime?: number;
  solutionNotify?: number;
  calendarName?: string | null;
  followUpOption?: FollowUpOption;
  isFollowUpLock?: boolean;
  comment?: string | null;
  isValid?: boolean;
}

type QueueRow = Awaited<ReturnType<typeof findRows>>[number];

function findRows(ctx: ServiceContext) {
  return ctx.db.selectFrom('queue').selectAll().orderBy('full_name').execute();
}

function toView(r: QueueRow): QueueView {
  return {
    id: r.id, name: r.name, fullName: r.full_name, parentId: r.parent_id, groupId: r.group_id, systemAddressId: r.system_address_id,
    salutationId: r.salutation_id, signatureId: r.signature_id, unlockTimeout: r.unlock_timeout, firstResponseTime: r.first_response_time,
    firstResponseNotify: r.first_response_notify, updateTime: r.update_time, updateNotify: r.update_notify, solutionTime: r.solution_time,
    solutionNotify: r.solution_notify, calendarName: r.calendar_name, followUpOption: r.follow_up_option as FollowUpOption,
    isFollowUpLock: r.is_follow_up_lock, comment: r.comment, isValid: r.is_valid,
  };
}

/** Queues as a tree order (by full name): all for admins, otherwise those the agent may see (ro). */
export async function listQueues(ctx: ServiceContext, actor: Actor): Promise<QueueView[]> {
  const rows = await findRows(ctx);
  const visible = actor.kind === 'agent' && actor.isAdmin ? null : groupsWith(actor, 'ro');
  return rows.filter((r) => visible === null || visible.includes(r.group_id)).map(toView);
}

/** One queue, if the actor may see it. */
export async function getQueue(ctx: ServiceContext, actor: Actor, queueId: number): Promise<QueueView> {
  const queue = (await listQueues(ctx, actor)).find((q) => q.id === queueId);
  if (!queue) throw notFound(`Queue ${queueId}`);
  return queue;
}

/** Creates a queue (admins). Its full name is `Parent::Child`. */
export async function createQueue(ctx: ServiceContext, actor: Actor, input: QueueInput): Promise<QueueView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const values = await checkedValues(tx, input, null);
    const parent = values.parent_id ? await tx.db.selectFrom('queue').select('full_name').where('id', '=', values.parent_id).executeTakeFirstOrThrow() : null;
    const fullName = parent ? `${parent.full_name}::${input.name.trim()}` : input.name.trim();
    await requireFreeName(tx, fullName, null);
    const row = await tx.db.insertInto('queue').values({ ...values, name: input.name.trim(), full_name: fullName, group_id: input.groupId }).returningAll().executeTakeFirstOrThrow();
    return toView(row);
  });
}

/** Changes a queue (admins); a new name or parent renames the whole subtree in the same transaction. */
export async function updateQueue(ctx: ServiceContext, actor: Actor, queueId: number, input: Partial<QueueInput>): Promise<QueueView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await tx.db.selectFrom('queue').selectAll().where('id', '=', queueId).executeTakeFirst();
    if (!current) throw notFound(`Queue ${queueId}`);
    const merged: QueueInput = { ...toView(current), ...input, name: input.name ?? current.name, groupId: input.groupId ?? current.group_id };
    const values = await checkedValues(tx, merged, queueId);
    const parent = values.parent_id ? await tx.db.selectFrom('queue').select('full_name').where('id', '=', values.parent_id).executeTakeFirstOrThrow() : null;
    const fullName = parent ? `${parent.full_name}::${merged.name.trim()}` : merged.name.trim();
    if (fullName !== current.full_name) {
      await requireFreeName(tx, fullName, queueId);
      const descendants = await tx.db.selectFrom('queue').select(['id', 'full_name']).where('full_name', 'like', `${current.full_name}::%`).execute();
      for (const d of descendants) {
        if (!d.full_name.startsWith(`${current.full_name}::`)) continue;
        await tx.db.updateTable('queue').set({ full_name: fullName + d.full_name.slice(current.full_name.length) }).where('id', '=', d.id).execute();
      }
    }
    const row = await tx.db.updateTable('queue').set({ ...values, name: merged.name.trim(), full_name: fullName, group_id: merged.groupId }).where('id', '=', queueId).returningAll().executeTakeFirstOrThrow();
    return toView(row);
  });
}

async function requireFreeName(ctx: ServiceContext, fullName: string, exceptId: number | null): Promise<void> {
  let query = ctx.db.selectFrom('queue').select('id').where('full_name', '=', fullName);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new DomainError('CONFLICT', `A queue "${fullName}" exists already.`, { field: 'name' });
}

async function checkedValues(ctx: ServiceContext, input: QueueInput, selfId: number | null) {
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  if (name.includes('::')) throw invalid('name', 'must not contain "::" (it separates queue levels)');
  if (name.length > 200) throw invalid('name', 'must be at most 200 characters');
  if (!(await ctx.db.selectFrom('permission_group').select('id').where('id', '=', input.groupId).executeTakeFirst())) throw invalid('groupId', `group ${input.groupId} does not exist`);
  const parentId = input.parentId ?? null;
  if (parentId !== null) {
    const parent = await ctx.db.selectFrom('queue').select(['id', 'full_name']).where('id', '=', parentId).executeTakeFirst();
    if (!parent) throw invalid('parentId', `queue ${parentId} does not exist`);
    if (selfId !== null) {
      const self = await ctx.db.selectFrom('queue').select('full_name').where('id', '=', selfId).executeTakeFirstOrThrow();
      if (parent.id === selfId || parent.full_name.startsWith(`${self.full_name}::`)) throw invalid('parentId', 'a queue cannot be placed below itself');
    }
  }
  for (const [field, table] of [['systemAddressId', 'system_address'], ['salutationId', 'salutation'], ['signatureId', 'signature']] as const) {
    const id = input[field];
    if (id != null && !(await ctx.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst())) throw invalid(field, `${id} does not exist`);
  }
  const minutes = ['unlockTimeout', 'firstResponseTime', 'firstResponseNotify', 'updateTime', 'updateNotify', 'solutionTime', 'solutionNotify'] as const;
  for (const field of minutes) {
    const value = input[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw invalid(field, 'must be a whole number of zero or more');
  }
  for (const field of ['firstResponseNotify', 'updateNotify', 'solutionNotify'] as const) {
    if ((input[field] ?? 0) > 100) throw invalid(field, 'is a percentage (0 to 100)');
  }
  if (input.followUpOption !== undefined && !FOLLOW_UP_OPTIONS.includes(input.followUpOption)) throw invalid('followUpOption', `must be one of ${FOLLOW_UP_OPTIONS.join(', ')}`);
  return {
    parent_id: parentId,
    system_address_id: input.systemAddressId ?? null,
    salutation_id: input.salutationId ?? null,
    signature_id: input.signatureId ?? null,
    unlock_timeout: input.unlockTimeout ?? 0,
    first_response_time: input.firstResponseTime ?? 0,
    first_response_notify: input.firstResponseNotify ?? 0,
    update_time: input.updateTime ?? 0,
    update_notify: input.updateNotify ?? 0,
    solution_time: input.solutionTime ?? 0,
    solution_notify: input.solutionNotify ?? 0,
    calendar_name: input.calendarName ?? null,
    follow_up_option: input.followUpOption ?? 'possible',
    is_follow_up_lock: input.isFollowUpLock ?? false,
    comment: input.comment ?? null,
    is_valid: input.isValid ?? true,
  };
}
