import type { LinkType } from '../../../shared/domain.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import { writeHistory } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { may } from '../permissions/permission.service.ts';
import { loadGuardedTicket, requireVisibleTicket } from './ticket-mutation.ts';

/** A link between two tickets; for parent_child the source is the parent. */
export interface LinkInput {
  sourceTicketId: number;
  targetTicketId: number;
  linkType: LinkType;
}

/** A link as seen from one ticket. */
export interface LinkView {
  id: number;
  linkType: LinkType;
  /** How the other ticket relates to this one. */
  role: 'normal' | 'parent' | 'child';
  ticket: { id: number; number: string; title: string; stateName: string };
}

/** Links two tickets (rw on the source, ro on the target); both get a history row. */
export async function linkTickets(ctx: ServiceContext, actor: Actor, input: LinkInput): Promise<LinkView[]> {
  if (input.sourceTicketId === input.targetTicketId) throw invalid('targetTicketId', 'a ticket cannot be linked to itself');
  return inTransaction(ctx, async (tx) => {
    const source = await loadGuardedTicket(tx, actor, { ticketId: input.sourceTicketId, permissions: ['rw'] });
    const target = await loadGuardedTicket(tx, actor, { ticketId: input.targetTicketId, permissions: ['ro'], allowWhenLockedByOther: true });
    const existing = await tx.db
      .selectFrom('ticket_link')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('source_ticket_id', '=', source.id), eb('target_ticket_id', '=', target.id)]),
          eb.and([eb('source_ticket_id', '=', target.id), eb('target_ticket_id', '=', source.id)]),
        ]),
      )
      .executeTakeFirst();
    if (existing) throw new DomainError('CONFLICT', `Tickets ${source.tn} and ${target.tn} are already linked.`);
    await writeLink(tx, actor, source, target, input.linkType);
    return listLinks(tx, actor, source.id);
  });
}

/**
 * Stores a link and its history row on both tickets, without checks: for callers that have
 * checked permissions their own way (linkTickets; split, where the new child may be in a
 * queue the agent can create in but not read).
 */
export async function writeLink(ctx: ServiceContext, actor: Actor, source: { id: number; tn: string }, target: { id: number; tn: string }, linkType: LinkType): Promise<void> {
  await ctx.db
    .insertInto('ticket_link')
    .values({ source_ticket_id: source.id, target_ticket_id: target.id, link_type: linkType, created_by_agent_id: actor.kind === 'agent' ? actor.agentId : null, created_at: nowIso(ctx) })
    .execute();
  await writeHistory(ctx, actor, source.id, [{ type: 'TicketLinkAdd', field: linkType, newValue: target.tn }]);
  await writeHistory(ctx, actor, target.id, [{ type: 'TicketLinkAdd', field: linkType, newValue: source.tn }]);
}

/** Removes the link between two tickets (rw on the first). */
export async function unlinkTickets(ctx: ServiceContext, actor: Actor, input: { ticketId: number; otherTicketId: number }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const ticket = await loadGuardedTicket(tx, actor, { ticketId: input.ticketId, permissions: ['rw'] });
    const other = await tx.db.selectFrom('ticket').select(['id', 'tn']).where('id', '=', input.otherTicketId).executeTakeFirst();
    if (!other) throw notFound(`Ticket ${input.otherTicketId}`, 'otherTicketId');
    const removed = await tx.db
      .deleteFrom('ticket_link')
      .where((eb) =>
        eb.or([
          eb.and([eb('source_ticket_id', '=', ticket.id), eb('target_ticket_id', '=', other.id)]),
          eb.and([eb('source_ticket_id', '=', other.id), eb('target_ticket_id', '=', ticket.id)]),
        ]),
      )
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) throw notFound('Link');
    await writeHistory(tx, actor, ticket.id, [{ type: 'TicketLinkDelete', oldValue: other.tn }]);
    await writeHistory(tx, actor, other.id, [{ type: 'TicketLinkDelete', oldValue: ticket.tn }]);
  });
}

/** The links of a ticket, showing only linked tickets the actor may see. */
export async function listLinks(ctx: ServiceContext, actor: Actor, ticketId: number): Promise<LinkView[]> {
  await requireVisibleTicket(ctx, actor, ticketId);
  const rows = await ctx.db
    .selectFrom('ticket_link as l')
    .innerJoin('ticket as t', (join) =>
      join.on((eb) =>
        eb.or([
          eb.and([eb('l.source_ticket_id', '=', ticketId), eb('t.id', '=', eb.ref('l.target_ticket_id'))]),
          eb.and([eb('l.target_ticket_id', '=', ticketId), eb('t.id', '=', eb.ref('l.source_ticket_id'))]),
        ]),
      ),
    )
    .innerJoin('queue as q', 'q.id', 't.queue_id')
    .innerJoin('ticket_state as s', 's.id', 't.state_id')
    .select(['l.id', 'l.link_type', 'l.source_ticket_id', 't.id as other_id', 't.tn', 't.title', 's.name as state_name', 'q.group_id'])
    .where((eb) => eb.or([eb('l.source_ticket_id', '=', ticketId), eb('l.target_ticket_id', '=', ticketId)]))
    .orderBy('l.id')
    .execute();
  return rows
    .filter((r) => may(actor, r.group_id, 'ro'))
    .map((r) => ({
      id: r.id,
      linkType: r.link_type as LinkType,
      role: r.link_type === 'normal' ? 'normal' : r.source_ticket_id === ticketId ? 'child' : 'parent',
      ticket: { id: r.other_id, number: r.tn, title: r.title, stateName: r.state_name },
    }));
}
