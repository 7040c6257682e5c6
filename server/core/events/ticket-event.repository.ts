import type { ServiceContext } from '../context.ts';
import { nowIso } from '../context.ts';

/** Event names written with each ticket change; consumers (live updates, notifications) poll them. */
export type TicketEventName = 'ticket.created' | 'ticket.updated' | 'ticket.article_created' | 'ticket.merged';

/**
 * Records an event in the caller's transaction, so that a change and its follow-on work
 * commit together: no event for a rolled-back change, no change without its event (held for
 * the transaction's end when it defers rows: mail intake).
 */
export async function enqueueTicketEvent(ctx: ServiceContext, name: TicketEventName, ticketId: number, payload: Record<string, unknown> = {}): Promise<void> {
  const row = { name, ticket_id: ticketId, payload: JSON.stringify(payload), created_at: nowIso(ctx) };
  if (ctx.deferred) ctx.deferred.addEvent(row);
  else await ctx.db.insertInto('ticket_event').values(row).execute();
}
