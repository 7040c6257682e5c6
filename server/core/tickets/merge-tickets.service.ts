import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { loadGuardedTicket, mutateTicket } from './ticket-mutation.ts';
import type { TicketView } from './ticket.types.ts';

const MERGED_STATE_ID = 9;

/** Which ticket goes into which. */
export interface MergeInput {
  /** The ticket that disappears into the target. */
  sourceTicketId: number;
  targetTicketId: number;
  expectedVersion?: number;
}

/**
 * Merges one ticket into another (OTRS semantics): the source's articles move to the
 * target, the source becomes "merged" and unlocked, both get history and a link.
 * Needs rw on both tickets. Returns the target.
 */
export async function mergeTickets(ctx: ServiceContext, actor: Actor, input: MergeInput): Promise<TicketView> {
  if (input.sourceTicketId === input.targetTicketId) throw invalid('targetTicketId', 'a ticket cannot be merged into itself');
  return inTransaction(ctx, async (tx) => {
    const target = await loadGuardedTicket(tx, actor, { ticketId: input.targetTicketId, permissions: ['rw'] });
    let movedArticles = 0;
    const source = await mutateTicket(tx, actor, { ticketId: input.sourceTicketId, expectedVersion: input.expectedVersion, permissions: ['rw'] }, async (inner, ticket) => {
      const moved = await inner.db.updateTable('article').set({ ticket_id: target.id }).where('ticket_id', '=', ticket.id).executeTakeFirst();
      movedArticles = Number(moved.numUpdatedRows);
      await inner.db
        .insertInto('ticket_link')
        .values({ source_ticket_id: target.id, target_ticket_id: ticket.id, link_type: 'normal', created_by_agent_id: actor.kind === 'agent' ? actor.agentId : null, created_at: nowIso(inner) })
        .onConflict((oc) => oc.columns(['source_ticket_id', 'target_ticket_id']).doNothing())
        .execute();
      return {
        changes: { state_id: MERGED_STATE_ID, lock: 'unlock', merged_into_id: target.id, pending_until: null },
        history: [{ type: 'Merged', field: 'mergedInto', oldValue: ticket.tn, newValue: target.tn }],
        event: 'ticket.merged',
        eventPayload: { targetTicketId: target.id },
      };
    });
    return mutateTicket(tx, actor, { ticketId: target.id, permissions: ['rw'] }, async () => ({
      changes: {},
      history: [{ type: 'Merged', field: 'mergedFrom', oldValue: source.number, newValue: `${target.tn} (${movedArticles} articles)` }],
    }));
  });
}
