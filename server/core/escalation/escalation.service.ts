import type { StateType } from '../../../shared/domain.ts';
import { inTransaction, memoized, type ServiceContext } from '../context.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { computeEscalationTimes, resolveTargets, type EscalationArticle, type EscalationTimes } from './escalation-times.ts';

/**
 * Recomputes a ticket's escalation columns from its state, targets and articles and writes
 * them, in the caller's transaction. No permission check: callers are the ticket and article
 * changes that have done theirs. The version is not bumped; the change that caused this does.
 */
export async function refreshTicketEscalation(ctx: ServiceContext, ticketId: number): Promise<EscalationTimes | null> {
  const ticket = await ctx.db
    .selectFrom('ticket as t')
    .innerJoin('ticket_state as s', 's.id', 't.state_id')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .innerJoin('queue as q', 'q.id', 't.queue_id')
    .leftJoin('sla as sl', 'sl.id', 't.sla_id')
    .select([
      't.created_at', 'st.name as state_type', 'q.first_response_time as q_response', 'q.update_time as q_update', 'q.solution_time as q_solution',
      'sl.id as sla_id', 'sl.first_response_time as sla_response', 'sl.update_time as sla_update', 'sl.solution_time as sla_solution',
    ])
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
  if (!ticket) return null;
  // Only articles the customer sees from agents or customers can start or stop a clock.
  const articles = await ctx.db
    .selectFrom('article')
    .select(['sender_type', 'channel', 'is_visible_for_customer', 'created_at'])
    .where('ticket_id', '=', ticketId)
    .where('is_visible_for_customer', '=', true)
    .where('sender_type', 'in', ['agent', 'customer'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const sla = ticket.sla_id !== null ? { first_response_time: ticket.sla_response ?? 0, update_time: ticket.sla_update ?? 0, solution_time: ticket.sla_solution ?? 0 } : null;
  const times = computeEscalationTimes({
    createdAt: ticket.created_at,
    stateType: ticket.state_type as StateType,
    targets: resolveTargets({ first_response_time: ticket.q_response, update_time: ticket.q_update, solution_time: ticket.q_solution }, sla),
    articles: articles.map((a) => ({ senderType: a.sender_type, channel: a.channel, isVisibleForCustomer: a.is_visible_for_customer, createdAt: a.created_at })),
  });
  await ctx.db.updateTable('ticket').set(escalationColumns(times)).where('id', '=', ticketId).execute();
  return times;
}

/** The ticket columns that hold escalation times. */
export function escalationColumns(times: EscalationTimes) {
  return {
    first_response_at: times.firstResponseAt,
    last_customer_contact_at: times.lastCustomerContactAt,
    escalation_response_at: times.responseAt,
    escalation_update_at: times.updateAt,
    escalation_solution_at: times.solutionAt,
    escalation_at: times.at,
  };
}

/**
 * The escalation times of a ticket about to be created, from what its creator knows, so they
 * go into the ticket's INSERT: what `refreshTicketEscalation` would compute right after it.
 * Only the queue's and SLA's targets are read (once per intake batch).
 */
export async function initialEscalation(
  ctx: ServiceContext,
  input: { queueId: number; slaId: number | null; createdAt: string; stateType: StateType; firstArticle: EscalationArticle | null },
): Promise<EscalationTimes> {
  const { queueId, slaId, firstArticle } = input;
  const queue = await memoized(ctx, `escalation:queue:${queueId}`, () =>
    ctx.db.selectFrom('queue').select(['first_response_time', 'update_time', 'solution_time']).where('id', '=', queueId).executeTakeFirstOrThrow(),
  );
  const sla = slaId === null ? null : await memoized(ctx, `escalation:sla:${slaId}`, () =>
    ctx.db.selectFrom('sla').select(['first_response_time', 'update_time', 'solution_time']).where('id', '=', slaId).executeTakeFirstOrThrow(),
  );
  // As in refreshTicketEscalation: only articles the customer sees from agents or customers count.
  const counts = firstArticle && firstArticle.isVisibleForCustomer && ['agent', 'customer'].includes(firstArticle.senderType);
  return computeEscalationTimes({
    createdAt: input.createdAt,
    stateType: input.stateType,
    targets: resolveTargets(queue, sla && { first_response_time: sla.first_response_time ?? 0, update_time: sla.update_time ?? 0, solution_time: sla.solution_time ?? 0 }),
    articles: counts ? [firstArticle] : [],
  });
}

/**
 * Recomputes the escalation times of every ticket that is not closed, in batches of one
 * transaction each (OTRS: EscalationIndexRebuild). For tickets from before escalation times
 * existed, and after an admin changed the targets of a queue or SLA. Returns how many it did.
 */
export async function rebuildEscalationIndex(ctx: ServiceContext, actor: Actor, options: { batchSize?: number } = {}): Promise<number> {
  requireAdmin(actor);
  const batchSize = options.batchSize ?? 500;
  let afterId = 0;
  let done = 0;
  for (;;) {
    const ids = await ctx.db
      .selectFrom('ticket as t')
      .innerJoin('ticket_state as s', 's.id', 't.state_id')
      .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
      .select('t.id')
      .where('t.id', '>', afterId)
      .where('st.name', 'not in', ['closed', 'merged', 'removed'])
      .orderBy('t.id')
      .limit(batchSize)
      .execute();
    if (ids.length === 0) return done;
    await inTransaction(ctx, async (tx) => {
      for (const { id } of ids) await refreshTicketEscalation(tx, id);
    });
    done += ids.length;
    afterId = ids[ids.length - 1]!.id;
  }
}
