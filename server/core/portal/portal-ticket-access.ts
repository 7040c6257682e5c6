import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { VIEWABLE_STATE_TYPES, type StateType } from '../../../shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import type { CustomerActor } from '../customer-auth/customer-actor.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { planFollowUp } from '../mail-intake/follow-up.ts';
import type { PortalTicketSummary } from './portal-ticket.types.ts';

type TicketOnly = { t: Database['ticket'] };

/**
 * The tickets a customer may see: their own, and their company's when the company lets its
 * customer users see each other's tickets. Everything else does not exist for them.
 */
export function visibleToCustomer(eb: ExpressionBuilder<TicketOnly, 't'>, customer: CustomerActor): Expression<SqlBool> {
  const own = eb('t.customer_user_id', '=', customer.customerUserId);
  if (!customer.seesCompanyTickets || customer.customerCompanyId === null) return own;
  return eb.or([own, eb('t.customer_company_id', '=', customer.customerCompanyId)]);
}

/** The ticket with the names its summary shows: state, type, queue's follow-up option, customer. */
export function selectPortalTickets(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('ticket as t')
    .innerJoin('ticket_state as s', 's.id', 't.state_id')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .innerJoin('queue as q', 'q.id', 't.queue_id')
    .leftJoin('customer_user as cu', 'cu.id', 't.customer_user_id')
    .select([
      't.id', 't.tn', 't.title', 't.queue_id', 't.customer_user_id', 't.merged_into_id', 't.version', 't.created_at', 't.changed_at',
      's.name as state_name', 'st.name as state_type', 'q.follow_up_option', 'cu.first_name as customer_first', 'cu.last_name as customer_last',
    ]);
}

export type PortalTicketRow = Awaited<ReturnType<ReturnType<typeof selectPortalTickets>['executeTakeFirstOrThrow']>>;

/** A ticket the customer may see; NOT_FOUND for any other, so ids reveal nothing. */
export async function requirePortalTicket(ctx: ServiceContext, customer: CustomerActor, ticketId: number): Promise<PortalTicketRow> {
  const row = await selectPortalTickets(ctx)
    .where('t.id', '=', ticketId)
    .where((eb) => visibleToCustomer(eb, customer))
    .executeTakeFirst();
  if (!row) throw notFound(`Ticket ${ticketId}`);
  return row;
}

/** Whether the desk still works on a ticket in this state type (new, open, pending). */
export const isOpenStateType = (type: string) => (VIEWABLE_STATE_TYPES as readonly string[]).includes(type);

/** What a customer may do with a ticket they see. */
export function portalAbilities(row: PortalTicketRow): { canReply: boolean; canClose: boolean } {
  if (row.merged_into_id !== null || row.state_type === 'merged') return { canReply: false, canClose: false };
  return {
    canReply: planFollowUp(row.state_type, row.follow_up_option).action === 'append',
    canClose: isOpenStateType(row.state_type),
  };
}

/** The list form of a ticket. */
export function toPortalSummary(row: PortalTicketRow): PortalTicketSummary {
  const name = [row.customer_first, row.customer_last].filter((part) => !!part).join(' ');
  return {
    id: row.id,
    tn: row.tn,
    title: row.title,
    state: { name: row.state_name, type: row.state_type as StateType },
    isOpen: isOpenStateType(row.state_type),
    createdAt: row.created_at,
    changedAt: row.changed_at,
    customer: row.customer_user_id !== null ? { id: row.customer_user_id, name } : null,
  };
}
