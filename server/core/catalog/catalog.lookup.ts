import type { StateType } from '../../../shared/domain.ts';
import type { Selectable } from 'kysely';
import type { CustomerUserTable } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';

/**
 * Lookups of configuration items by id for input validation: each throws a
 * VALIDATION_FAILED naming the request field when the id is unknown or invalid.
 */

export interface QueueRow {
  id: number;
  full_name: string;
  group_id: number;
  is_valid: boolean;
  system_address_id: number | null;
}

export async function requireQueue(ctx: ServiceContext, queueId: number, field = 'queueId'): Promise<QueueRow> {
  const queue = await ctx.db.selectFrom('queue').select(['id', 'full_name', 'group_id', 'is_valid', 'system_address_id']).where('id', '=', queueId).executeTakeFirst();
  if (!queue) throw invalid(field, `queue ${queueId} does not exist`);
  if (!queue.is_valid) throw invalid(field, `queue "${queue.full_name}" is not valid`);
  return queue;
}

export async function requireState(ctx: ServiceContext, stateId: number, field = 'stateId'): Promise<{ id: number; name: string; type: StateType }> {
  const state = await ctx.db
    .selectFrom('ticket_state as s')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .select(['s.id', 's.name', 'st.name as type', 's.is_valid'])
    .where('s.id', '=', stateId)
    .executeTakeFirst();
  if (!state) throw invalid(field, `state ${stateId} does not exist`);
  if (!state.is_valid) throw invalid(field, `state "${state.name}" is not valid`);
  return { id: state.id, name: state.name, type: state.type as StateType };
}

async function requireNamed(
  ctx: ServiceContext,
  table: 'ticket_priority' | 'ticket_type' | 'sla',
  what: string,
  id: number,
  field: string,
): Promise<{ id: number; name: string }> {
  const row = await ctx.db.selectFrom(table).select(['id', 'name', 'is_valid']).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(field, `${what} ${id} does not exist`);
  if (!row.is_valid) throw invalid(field, `${what} "${row.name}" is not valid`);
  return { id: row.id, name: row.name };
}

export const requirePriority = (ctx: ServiceContext, id: number, field = 'priorityId') => requireNamed(ctx, 'ticket_priority', 'priority', id, field);
export const requireType = (ctx: ServiceContext, id: number, field = 'typeId') => requireNamed(ctx, 'ticket_type', 'type', id, field);
export const requireSla = (ctx: ServiceContext, id: number, field = 'slaId') => requireNamed(ctx, 'sla', 'SLA', id, field);

export async function requireService(ctx: ServiceContext, id: number, field = 'serviceId'): Promise<{ id: number; name: string }> {
  const row = await ctx.db.selectFrom('service').select(['id', 'full_name', 'is_valid']).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(field, `service ${id} does not exist`);
  if (!row.is_valid) throw invalid(field, `service "${row.full_name}" is not valid`);
  return { id: row.id, name: row.full_name };
}

export async function requireAgent(ctx: ServiceContext, agentId: number, field: string): Promise<{ id: number; login: string }> {
  const row = await ctx.db.selectFrom('agent').select(['id', 'login', 'is_valid']).where('id', '=', agentId).executeTakeFirst();
  if (!row) throw invalid(field, `agent ${agentId} does not exist`);
  if (!row.is_valid) throw invalid(field, `agent "${row.login}" is not valid`);
  return { id: row.id, login: row.login };
}

/** The customer user columns that `requireCustomerUser` returns. */
export const CUSTOMER_USER_COLUMNS = ['id', 'login', 'email', 'first_name', 'last_name', 'customer_company_id', 'is_valid', 'language'] as const;

/** The `memoizedInTransaction` key under which a batch keeps a customer user it read (mail intake reads its senders ahead). */
export const customerUserMemoKey = (id: number) => `catalog:customer-user:${id}`;

/** A customer user as `requireCustomerUser` returns it. */
export type CustomerUserRow = Pick<Selectable<CustomerUserTable>, (typeof CUSTOMER_USER_COLUMNS)[number]>;

export async function requireCustomerUser(ctx: ServiceContext, id: number, field = 'customerUserId'): Promise<CustomerUserRow> {
  const row = await ctx.db.selectFrom('customer_user').select(CUSTOMER_USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(field, `customer user ${id} does not exist`);
  if (!row.is_valid) throw invalid(field, `customer user "${row.login}" is not valid`);
  return row;
}

export async function requireCustomerCompany(ctx: ServiceContext, id: number, field = 'customerCompanyId') {
  const row = await ctx.db.selectFrom('customer_company').select(['id', 'customer_id', 'name', 'is_valid']).where('id', '=', id).executeTakeFirst();
  if (!row) throw invalid(field, `customer company ${id} does not exist`);
  if (!row.is_valid) throw invalid(field, `customer company "${row.name}" is not valid`);
  return row;
}
