import type { ServiceContext } from '../context.ts';
import { nowIso } from '../context.ts';

/** Event names written with each ticket change; consumers (live updates, notifications) poll them. */
export type TicketEventName = 'ticket.created' | 'ticket.updated' | 'ticket.article_created' | 'ticket.merged';

/**
 * Records an event in the caller's transaction, so that a change and its follow-on work
 * commit together: no event for a rolled-back change, no change without its event.
 */
export async function enqueueTicketEvent(ctx: ServiceContext, name: TicketEventName, ticketId: number, payload: Record<string, unknown> = {}): Promise<void> {
  await ctx.db
    .insertInto('ticket_event')
    .values({ name, ticket_id: ticketId, payload: JSON.stringify(payload), created_at: nowIso(ctx) })
    .execute();
}
