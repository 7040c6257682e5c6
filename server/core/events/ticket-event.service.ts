import type { ServiceContext } from '../context.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith } from '../permissions/permission.service.ts';

/** A ticket event as live clients receive it; queueId is the ticket's queue when read. */
export interface TicketEventView {
  id: number;
  name: string;
  ticketId: number;
  queueId: number;
  createdAt: string;
}

/** Events in the tickets the actor may see (`ro` on the queue), set-based in one query. */
function visibleEvents(ctx: ServiceContext, actor: Actor) {
  const groups = groupsWith(actor, 'ro');
  let query = ctx.db
    .selectFrom('ticket_event as e')
    .innerJoin('ticket as t', 't.id', 'e.ticket_id')
    .select(['e.id', 'e.name', 'e.ticket_id', 't.queue_id', 'e.created_at']);
  if (groups !== null) {
    query = query.where('t.queue_id', 'in', (eb) => eb.selectFrom('queue').select('queue.id').where('queue.group_id', 'in', groups));
  }
  return { query, seesNothing: groups !== null && groups.length === 0 };
}

function toView(row: { id: number; name: string; ticket_id: number; queue_id: number; created_at: string }): TicketEventView {
  return { id: row.id, name: row.name, ticketId: row.ticket_id, queueId: row.queue_id, createdAt: row.created_at };
}

/** Events after `afterId` (exclusive) the actor may see, oldest first, at most `limit`. */
export async function listTicketEventsAfter(ctx: ServiceContext, actor: Actor, afterId: number, limit: number): Promise<TicketEventView[]> {
  const { query, seesNothing } = visibleEvents(ctx, actor);
  if (seesNothing || limit <= 0) return [];
  const rows = await query.where('e.id', '>', afterId).orderBy('e.id').limit(limit).execute();
  return rows.map(toView);
}

/**
 * Events with the given ids the actor may see. Live feeds re-ask for ids they skipped: on
 * PostgreSQL a transaction that took a lower id can commit after one with a higher id.
 */
export async function listTicketEventsByIds(ctx: ServiceContext, actor: Actor, ids: number[]): Promise<TicketEventView[]> {
  const { query, seesNothing } = visibleEvents(ctx, actor);
  if (seesNothing || ids.length === 0) return [];
  const rows = await query.where('e.id', 'in', ids).orderBy('e.id').execute();
  return rows.map(toView);
}

/** The newest event id (0 when there is none): where a live feed starts. */
export async function latestTicketEventId(ctx: ServiceContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('ticket_event')
    .select((eb) => eb.fn.max('id').as('max_id'))
    .executeTakeFirst();
  return Number(row?.max_id ?? 0);
}

/** Queue ids whose tickets the actor may see; null means all (the system actor). */
export async function visibleTicketQueueIds(ctx: ServiceContext, actor: Actor): Promise<Set<number> | null> {
  const groups = groupsWith(actor, 'ro');
  if (groups === null) return null;
  if (groups.length === 0) return new Set();
  const rows = await ctx.db.selectFrom('queue').select('id').where('group_id', 'in', groups).execute();
  return new Set(rows.map((r) => r.id));
}
