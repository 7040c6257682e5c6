import type { ServiceContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { mutateTicket } from '../tickets/ticket-mutation.ts';
import type { TicketView } from '../tickets/ticket.types.ts';

/**
 * An agent vouches for a follow-up from an unknown sender: the article loses its
 * "unverified sender" mark and becomes visible to the customer. Needs rw on the queue.
 */
export async function acceptArticleSender(ctx: ServiceContext, actor: Actor, input: { ticketId: number; articleId: number }): Promise<TicketView> {
  return mutateTicket(ctx, actor, { ticketId: input.ticketId, permissions: ['rw'] }, async (tx) => {
    const article = await tx.db.selectFrom('article').select(['id', 'from_address', 'is_sender_unverified']).where('id', '=', input.articleId).where('ticket_id', '=', input.ticketId).executeTakeFirst();
    if (!article) throw notFound(`Article ${input.articleId}`);
    if (!article.is_sender_unverified) throw new DomainError('CONFLICT', 'The sender of this article is not marked unverified.');
    await tx.db.updateTable('article').set({ is_sender_unverified: false, is_visible_for_customer: true }).where('id', '=', article.id).execute();
    return { changes: {}, history: [{ type: 'SenderAccepted', articleId: article.id, newValue: article.from_address }] };
  });
}
