import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { refreshTicketEscalation } from '../escalation/escalation.service.ts';
import { enqueueTicketEvent } from '../events/ticket-event.repository.ts';
import { writeHistory } from '../history/history.repository.ts';
import { stripTicketTag } from '../mail-intake/ticket-tag.ts';
import type { Actor } from '../permissions/actor.ts';
import { createTicket } from './create-ticket.service.ts';
import { writeLink } from './link-tickets.service.ts';
import { loadGuardedTicket } from './ticket-mutation.ts';
import { findTicketView } from './ticket.repository.ts';
import type { TicketView } from './ticket.types.ts';

/** Which article becomes a ticket of its own, and where. */
export interface SplitInput {
  ticketId: number;
  articleId: number;
  /** Default: the article's subject without ticket tag and Re:. */
  title?: string;
  /** Default: the source ticket's queue. */
  queueId?: number;
}

/**
 * Splits an article off into a new ticket of the same customer (OTRS "Split"): the article
 * and its files are copied (file contents are shared in the blob store), the new ticket
 * becomes the child of the original, and both get history. Needs rw on the source queue and
 * create on the target; the source itself does not change, so a colleague's lock does not block.
 */
export async function splitArticle(ctx: ServiceContext, actor: Actor, input: SplitInput): Promise<TicketView> {
  return inTransaction(ctx, async (tx) => {
    const source = await loadGuardedTicket(tx, actor, { ticketId: input.ticketId, permissions: ['rw'], allowWhenLockedByOther: true });
    const article = await tx.db.selectFrom('article').selectAll().where('id', '=', input.articleId).where('ticket_id', '=', source.id).executeTakeFirst();
    if (!article) throw notFound(`Article ${input.articleId} of ticket ${source.tn}`, 'articleId');
    const title = input.title?.trim() || stripTicketTag(article.subject, ctx.settings) || source.title;
    const child = await createTicket(tx, actor, {
      title,
      queueId: input.queueId ?? source.queue_id,
      channel: source.channel as Parameters<typeof createTicket>[2]['channel'],
      priorityId: source.priority_id,
      customerUserId: source.customer_user_id,
      customerCompanyId: source.customer_company_id,
    });
    const { id: _id, ticket_id: _ticket, message_id: _messageId, created_at: _created, ...copied } = article;
    // The copy gets no Message-ID: replies to the original mail keep finding the original ticket.
    const copy = await tx.db.insertInto('article').values({ ...copied, ticket_id: child.id, message_id: null, created_at: nowIso(tx) }).returning('id').executeTakeFirstOrThrow();
    const files = await tx.db.selectFrom('attachment').selectAll().where('article_id', '=', article.id).orderBy('id').execute();
    for (const { id: _fileId, article_id: _articleId, ...file } of files) await tx.db.insertInto('attachment').values({ ...file, article_id: copy.id }).execute();
    // The copied customer article starts the child's clocks as a new mail would.
    await refreshTicketEscalation(tx, child.id);

    await writeHistory(tx, actor, child.id, [{ type: 'ArticleCreate', articleId: copy.id, field: 'split', oldValue: source.tn, newValue: article.subject }]);
    await writeHistory(tx, actor, source.id, [{ type: 'Misc', articleId: article.id, field: 'split', newValue: child.number }]);
    await writeLink(tx, actor, { id: source.id, tn: source.tn }, { id: child.id, tn: child.number }, 'parent_child');
    await enqueueTicketEvent(tx, 'ticket.updated', source.id, { splitInto: child.id, articleId: article.id });
    return (await findTicketView(tx, child.id)) ?? child;
  });
}
