import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { LockState, StateType } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import type { TicketView } from './ticket.types.ts';

type TicketJoins = SelectQueryBuilder<
  Database & { t: Database['ticket']; q: Database['queue']; s: Database['ticket_state']; st: Database['ticket_state_type']; p: Database['ticket_priority'] },
  't' | 'q' | 's' | 'st' | 'p',
  object
>;

/** The ticket with every name it shows joined in; the base of single and list views. */
export function selectTicketViews(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('ticket as t')
    .innerJoin('queue as q', 'q.id', 't.queue_id')
    .innerJoin('ticket_state as s', 's.id', 't.state_id')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .innerJoin('ticket_priority as p', 'p.id', 't.priority_id')
    .innerJoin('agent as o', 'o.id', 't.owner_id')
    .leftJoin('agent as r', 'r.id', 't.responsible_id')
    .leftJoin('ticket_type as ty', 'ty.id', 't.type_id')
    .leftJoin('service as sv', 'sv.id', 't.service_id')
    .leftJoin('sla as sl', 'sl.id', 't.sla_id')
    .leftJoin('customer_user as cu', 'cu.id', 't.customer_user_id')
    .leftJoin('customer_company as cc', 'cc.id', 't.customer_company_id')
    .select([
      't.id', 't.tn', 't.title', 't.queue_id', 'q.full_name as queue_name', 'q.group_id', 't.state_id', 's.name as state_name',
      'st.name as state_type', 't.priority_id', 'p.name as priority_name', 't.type_id', 'ty.name as type_name',
      't.service_id', 'sv.full_name as service_name', 't.sla_id', 'sl.name as sla_name', 't.owner_id', 'o.login as owner_login',
      'o.first_name as owner_first', 'o.last_name as owner_last', 't.responsible_id', 'r.login as responsible_login',
      'r.first_name as responsible_first', 'r.last_name as responsible_last', 't.lock', 't.customer_user_id',
      'cu.login as customer_login', 'cu.first_name as customer_first', 'cu.last_name as customer_last', 'cu.email as customer_email',
      't.customer_company_id', 'cc.customer_id as company_key', 'cc.name as company_name', 't.channel', 't.pending_until',
      't.merged_into_id', 't.version', 't.created_at', 't.changed_at', 't.escalation_at', 't.escalation_response_at',
      't.escalation_update_at', 't.escalation_solution_at', 't.first_response_at',
    ]);
}

export type TicketViewRow = Awaited<ReturnType<ReturnType<typeof selectTicketViews>['executeTakeFirstOrThrow']>>;

/** Maps a joined row to the view services return. */
export function toTicketView(r: TicketViewRow): TicketView {
  const ref = (id: number | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);
  return {
    id: r.id,
    number: r.tn,
    title: r.title,
    queue: { id: r.queue_id, name: r.queue_name, groupId: r.group_id },
    state: { id: r.state_id, name: r.state_name, type: r.state_type as StateType },
    priority: { id: r.priority_id, name: r.priority_name },
    type: ref(r.type_id, r.type_name),
    service: ref(r.service_id, r.service_name),
    sla: ref(r.sla_id, r.sla_name),
    owner: { id: r.owner_id, login: r.owner_login, name: `${r.owner_first} ${r.owner_last}` },
    responsible:
      r.responsible_id !== null && r.responsible_login !== null
        ? { id: r.responsible_id, login: r.responsible_login, name: `${r.responsible_first} ${r.responsible_last}` }
        : null,
    lock: r.lock as LockState,
    customerUser:
      r.customer_user_id !== null && r.customer_login !== null
        ? { id: r.customer_user_id, login: r.customer_login, name: `${r.customer_first} ${r.customer_last}`, email: r.customer_email ?? '' }
        : null,
    customerCompany:
      r.customer_company_id !== null && r.company_key !== null
        ? { id: r.customer_company_id, customerId: r.company_key, name: r.company_name ?? '' }
        : null,
    channel: r.channel,
    pendingUntil: r.pending_until,
    mergedIntoId: r.merged_into_id,
    version: r.version,
    createdAt: r.created_at,
    changedAt: r.changed_at,
    escalation: {
      at: r.escalation_at,
      firstResponseAt: r.escalation_response_at,
      updateAt: r.escalation_update_at,
      solutionAt: r.escalation_solution_at,
      firstResponseDoneAt: r.first_response_at,
    },
  };
}

/** One ticket view by id, or undefined. */
export async function findTicketView(ctx: ServiceContext, ticketId: number): Promise<TicketView | undefined> {
  const row = await selectTicketViews(ctx).where('t.id', '=', ticketId).executeTakeFirst();
  return row ? toTicketView(row) : undefined;
}

/** The bare ticket row, for mutations. */
export async function findTicketRow(ctx: ServiceContext, ticketId: number) {
  return ctx.db.selectFrom('ticket').selectAll().where('id', '=', ticketId).executeTakeFirst();
}

/** Custom field values of a ticket, decoded, by field name. */
export async function findCustomValues(ctx: ServiceContext, ticketId: number): Promise<Record<string, unknown>> {
  const rows = await ctx.db
    .selectFrom('ticket_custom_value as v')
    .innerJoin('custom_field as f', 'f.id', 'v.field_id')
    .select(['f.name', 'v.value'])
    .where('v.ticket_id', '=', ticketId)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.name, JSON.parse(r.value) as unknown]));
}

/** The next counter value for a scope, atomically (row lock on PostgreSQL, single writer on SQLite). */
export async function nextCounterValue(ctx: ServiceContext, scope: string): Promise<number> {
  const row = await ctx.db
    .insertInto('ticket_number_counter')
    .values({ scope, value: 1 })
    .onConflict((oc) => oc.column('scope').doUpdateSet((eb: ExpressionBuilder<Database, 'ticket_number_counter'>) => ({ value: eb('ticket_number_counter.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}

export type { TicketJoins };
