import type { Selectable } from 'kysely';
import { FOLLOW_UP_OPTIONS, type FollowUpOption } from '../../../shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import { checkTreeName, isSameOrBelow, joinTreeName, renameDescendants } from '../catalog/tree-names.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith, may, requireAdmin } from '../permissions/permission.service.ts';

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
  /** Where "escalate" sends a ticket of this queue (the 2nd level of a 1st-level queue). */
  escalationQueueId: number | null;
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
  escalationQueueId?: number | null;
}

type QueueRow = Selectable<Database['queue']>;

function toView(r: QueueRow): QueueView {
  return {
    id: r.id, name: r.name, fullName: r.full_name, parentId: r.parent_id, groupId: r.group_id, systemAddressId: r.system_address_id,
    salutationId: r.salutation_id, signatureId: r.signature_id, unlockTimeout: r.unlock_timeout, firstResponseTime: r.first_response_time,
    firstResponseNotify: r.first_response_notify, updateTime: r.update_time, updateNotify: r.update_notify, solutionTime: r.solution_time,
    solutionNotify: r.solution_notify, calendarName: r.calendar_name, followUpOption: r.follow_up_option as FollowUpOption,
    isFollowUpLock: r.is_follow_up_lock, comment: r.comment, isValid: r.is_valid, escalationQueueId: r.escalation_queue_id,
  };
}

/** Queues in tree order (by full name): all for admins, otherwise those the agent holds `ro` on. */
export async function listQueues(ctx: ServiceContext, actor: Actor): Promise<QueueView[]> {
  const visible = actor.kind === 'agent' && actor.isAdmin ? null : groupsWith(actor, 'ro');
  if (visible !== null && visible.length === 0) return [];
  let query = ctx.db.selectFrom('queue').selectAll().orderBy('full_name');
  if (visible !== null) query = query.where('group_id', 'in', visible);
  return (await query.execute()).map(toView);
}

/** One queue, if the actor may see it (else NOT_FOUND, so its existence is not revealed). */
export async function getQueue(ctx: ServiceContext, actor: Actor, queueId: number): Promise<QueueView> {
  const row = await ctx.db.selectFrom('queue').selectAll().where('id', '=', queueId).executeTakeFirst();
  const isVisible = !!row && ((actor.kind === 'agent' && actor.isAdmin) || may(actor, row.group_id, 'ro'));
  if (!row || !isVisible) throw notFound(`Queue ${queueId}`);
  return toView(row);
}

/** Creates a queue (admins). Its full name is `Parent::Child`. */
export async function createQueue(ctx: ServiceContext, actor: Actor, input: QueueInput): Promise<QueueView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const name = checkTreeName(input.name, 'queue');
    const parentId = input.parentId ?? null;
    const fullName = joinTreeName(await parentFullName(tx, parentId, null), name);
    const values = await checkedValues(tx, input);
    await requireFreeName(tx, fullName, null);
    const row = await tx.db.insertInto('queue').values({ ...values, name, full_name: fullName, parent_id: parentId }).returningAll().executeTakeFirstOrThrow();
    return toView(row);
  });
}

/** Changes a queue (admins); a new name or parent renames the whole subtree in the same transaction. */
export async function updateQueue(ctx: ServiceContext, actor: Actor, queueId: number, input: Partial<QueueInput>): Promise<QueueView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await getQueue(tx, actor, queueId);
    const merged: QueueInput = { ...current, ...input, name: input.name ?? current.name, groupId: input.groupId ?? current.groupId };
    if (merged.escalationQueueId === queueId) throw invalid('escalationQueueId', 'a queue cannot escalate to itself');
    const name = checkTreeName(merged.name, 'queue');
    const parentId = merged.parentId ?? null;
    const fullName = joinTreeName(await parentFullName(tx, parentId, current.fullName), name);
    const values = await checkedValues(tx, merged);
    if (fullName !== current.fullName) {
      await requireFreeName(tx, fullName, queueId);
      await renameDescendants(tx, 'queue', current.fullName, fullName);
    }
    const row = await tx.db.updateTable('queue').set({ ...values, name, full_name: fullName, parent_id: parentId }).where('id', '=', queueId).returningAll().executeTakeFirstOrThrow();
    return toView(row);
  });
}

/** The parent's full name; refuses unknown parents and (when moving `selfFullName`) its own subtree. */
async function parentFullName(ctx: ServiceContext, parentId: number | null, selfFullName: string | null): Promise<string | null> {
  if (parentId === null) return null;
  const parent = await ctx.db.selectFrom('queue').select('full_name').where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw invalid('parentId', `queue ${parentId} does not exist`);
  if (selfFullName !== null && isSameOrBelow(parent.full_name, selfFullName)) throw invalid('parentId', 'a queue cannot be placed below itself or one of its sub-queues');
  return parent.full_name;
}

async function requireFreeName(ctx: ServiceContext, fullName: string, exceptId: number | null): Promise<void> {
  let query = ctx.db.selectFrom('queue').select('id').where('full_name', '=', fullName);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw new DomainError('CONFLICT', `A queue "${fullName}" exists already.`, { field: 'name' });
}

const TIME_FIELDS = ['unlockTimeout', 'firstResponseTime', 'updateTime', 'solutionTime'] as const;
const PERCENT_FIELDS = ['firstResponseNotify', 'updateNotify', 'solutionNotify'] as const;

/** Validates references and numbers; returns the columns besides name, full name and parent. */
async function checkedValues(ctx: ServiceContext, input: QueueInput) {
  if (!(await ctx.db.selectFrom('permission_group').select('id').where('id', '=', input.groupId).executeTakeFirst())) throw invalid('groupId', `group ${input.groupId} does not exist`);
  for (const [field, table] of [['systemAddressId', 'system_address'], ['salutationId', 'salutation'], ['signatureId', 'signature'], ['escalationQueueId', 'queue']] as const) {
    const id = input[field];
    if (id != null && !(await ctx.db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst())) throw invalid(field, `${id} does not exist`);
  }
  for (const field of [...TIME_FIELDS, ...PERCENT_FIELDS]) {
    const value = input[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) throw invalid(field, 'must be a whole number of zero or more');
  }
  for (const field of PERCENT_FIELDS) {
    if ((input[field] ?? 0) > 100) throw invalid(field, 'is a percentage (0 to 100)');
  }
  if (input.followUpOption !== undefined && !FOLLOW_UP_OPTIONS.includes(input.followUpOption)) throw invalid('followUpOption', `must be one of ${FOLLOW_UP_OPTIONS.join(', ')}`);
  if ((input.calendarName?.length ?? 0) > 100) throw invalid('calendarName', 'must be at most 100 characters');
  if ((input.comment?.length ?? 0) > 250) throw invalid('comment', 'must be at most 250 characters');
  return {
    group_id: input.groupId,
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
    escalation_queue_id: input.escalationQueueId ?? null,
  };
}
