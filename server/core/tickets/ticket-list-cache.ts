import type { ServiceContext } from '../context.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith } from '../permissions/permission.service.ts';
import { changeMarker, overviewCacheOf } from './overview-cache.ts';
import { listTickets, type TicketListQuery } from './ticket-query.service.ts';
import type { TicketView } from './ticket.types.ts';

/**
 * The ticket list as the queue view asks for it, through the overview's cache: agents with
 * the same queues open the same pages again and again, and after every ticket change all of
 * their screens ask at once (live events). A page is reused only while no ticket changed
 * (the ticket_event marker), for at most a few seconds, and per set of groups the actor may
 * read, so permissions hold as in listTickets itself. Lists that the clock moves (escalated,
 * escalating soon, reminder reached) are always computed fresh.
 */
export async function listTicketsShared(ctx: ServiceContext, actor: Actor, query: TicketListQuery): Promise<{ items: TicketView[]; total: number }> {
  const cache = overviewCacheOf(ctx);
  if (!cache || query.escalated !== undefined || query.escalatesWithinMinutes !== undefined || query.pendingReminderReached !== undefined) {
    return listTickets(ctx, actor, query);
  }
  const groups = groupsWith(actor, 'ro');
  const visibility = groups === null ? 'all' : [...groups].sort((a, b) => a - b).join(',');
  const key = `list|${visibility}|${JSON.stringify(query, Object.keys(query).sort())}`;
  const marker = await changeMarker(ctx);
  return cache.get(key, marker, ctx.clock.now().getTime(), async () => ({ value: await listTickets(ctx, actor, query), validUntil: Infinity }));
}
