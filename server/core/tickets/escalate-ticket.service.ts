import { writeArticle } from '../articles/article-writer.ts';
import * as catalog from '../catalog/catalog.lookup.ts';
import type { ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { enqueueTicketEvent } from '../events/ticket-event.repository.ts';
import type { HistoryEntry } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { requirePermission } from '../permissions/permission.service.ts';
import { SYSTEM_OWNER_ID } from './create-ticket.service.ts';
import { mutateTicket, type TicketChanges } from './ticket-mutation.ts';
import type { TicketView } from './ticket.types.ts';

/** A hand-over to the next level. */
export interface EscalateInput {
  ticketId: number;
  expectedVersion?: number;
  /** Default: the escalation queue configured on the ticket's queue. */
  queueId?: number;
  /** The hand-over note for the colleagues; internal, never shown to the customer. */
  note: string;
  /** Give the ticket back to nobody (the system owner) instead of keeping its owner. */
  resetOwner?: boolean;
}

export const MAX_NOTE_LENGTH = 100_000;

/**
 * "Escalate to 2nd level": moves the ticket, releases the lock and adds an internal hand-over
 * note, in one change (one version, history rows for each step). Needs move_into on both
 * queues and note on the current one; a lock held by someone else or a stale version refuses
 * it before anything is written.
 */
export async function escalateTicket(ctx: ServiceContext, actor: Actor, input: EscalateInput): Promise<TicketView> {
  const note = input.note.trim();
  if (!note) throw invalid('note', 'a hand-over note is required');
  if (note.length > MAX_NOTE_LENGTH) throw invalid('note', `is longer than ${MAX_NOTE_LENGTH} characters`);
  return mutateTicket(ctx, actor, { ticketId: input.ticketId, expectedVersion: input.expectedVersion, permissions: ['move_into', 'note'] }, async (tx, ticket) => {
    const current = await tx.db.selectFrom('queue').select(['full_name', 'escalation_queue_id']).where('id', '=', ticket.queue_id).executeTakeFirstOrThrow();
    const targetId = input.queueId ?? current.escalation_queue_id;
    if (targetId === null) throw invalid('queueId', `is required: queue "${current.full_name}" has no escalation queue configured`);
    if (targetId === ticket.queue_id) throw invalid('queueId', `the ticket is in "${current.full_name}" already`);
    const target = await catalog.requireQueue(tx, targetId);
    requirePermission(actor, target, 'move_into');

    const changes: TicketChanges = { queue_id: target.id };
    const history: HistoryEntry[] = [{ type: 'Move', field: 'queue', oldValue: current.full_name, newValue: target.full_name }];
    if (ticket.lock !== 'unlock') {
      changes.lock = 'unlock';
      history.push({ type: 'Unlock', field: 'lock', oldValue: ticket.lock, newValue: 'unlock' });
    }
    if (input.resetOwner && ticket.owner_id !== SYSTEM_OWNER_ID) {
      changes.owner_id = SYSTEM_OWNER_ID;
      history.push({ type: 'OwnerUpdate', field: 'owner', oldValue: String(ticket.owner_id), newValue: String(SYSTEM_OWNER_ID) });
    }
    const subject = await handoverSubject(tx, actor, target.full_name);
    const written = await writeArticle(tx, actor, ticket.id, { channel: 'note', isVisibleForCustomer: false, subject, bodyText: note }, ticket.title);
    history.push(...written.history);
    // Notes notify like any other article; the move itself is the change's own event below.
    await enqueueTicketEvent(tx, 'ticket.article_created', ticket.id, { articleId: written.articleId });
    return { changes, history, eventPayload: { queueId: target.id, fromQueueId: ticket.queue_id, escalated: true, articleId: written.articleId } };
  });
}

/** The note's subject in the escalating agent's language. */
async function handoverSubject(ctx: ServiceContext, actor: Actor, queueName: string): Promise<string> {
  const agent = actor.kind === 'agent' ? await ctx.db.selectFrom('agent').select('language').where('id', '=', actor.agentId).executeTakeFirst() : undefined;
  return agent?.language === 'de' ? `Übergabe an ${queueName}` : `Handed over to ${queueName}`;
}
