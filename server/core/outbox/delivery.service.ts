import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { enqueueTicketEvent } from '../events/ticket-event.repository.ts';
import { writeHistory } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { requireVisibleTicket } from '../tickets/ticket-mutation.ts';
import { findOutboxRow, findOutboxRowByMessageId, findOutboxRows, toOutboxContent, toOutboxView, type OutboxFilter } from './outbox.repository.ts';
import type { OutboxMailContent, OutboxMailView, OutboxStatus } from './outbox.types.ts';

/** How an article's mail is doing: `none` when the article was never mailed. */
export interface ArticleDelivery {
  articleId: number;
  state: OutboxStatus | 'none';
  /** Every outgoing message of the article (usually one; more after a resend), newest first. */
  messages: OutboxMailView[];
}

/** The delivery state of an article's mail, for agents who may see the ticket. */
export async function getArticleDelivery(ctx: ServiceContext, actor: Actor, ticketId: number, articleId: number): Promise<ArticleDelivery> {
  await requireVisibleTicket(ctx, actor, ticketId);
  const article = await ctx.db.selectFrom('article').select('id').where('id', '=', articleId).where('ticket_id', '=', ticketId).executeTakeFirst();
  if (!article) throw notFound(`Article ${articleId}`);
  const rows = await findOutboxRows(ctx, { ticketId, articleId, limit: 50, offset: 0 });
  return { articleId, state: (rows[0]?.status as OutboxStatus | undefined) ?? 'none', messages: rows.map(toOutboxView) };
}

/** The outbox for admins, newest first. */
export async function listOutboxMail(ctx: ServiceContext, actor: Actor, filter: OutboxFilter): Promise<OutboxMailView[]> {
  requireAdmin(actor);
  return (await findOutboxRows(ctx, filter)).map(toOutboxView);
}

/** One message with its content, so admins can read mail that waits (e.g. when no relay is configured). */
export async function getOutboxMail(ctx: ServiceContext, actor: Actor, id: number): Promise<OutboxMailContent> {
  requireAdmin(actor);
  const row = await findOutboxRow(ctx, id);
  if (!row) throw notFound(`Outgoing mail ${id}`);
  return toOutboxContent(row);
}

/**
 * Puts a failed or bounced message back in the queue for an immediate attempt, with a fresh
 * set of retries; a queued one is made due now. Sent mail is not sent twice.
 */
export async function retryOutboxMail(ctx: ServiceContext, actor: Actor, id: number): Promise<OutboxMailView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const row = await findOutboxRow(tx, id);
    if (!row) throw notFound(`Outgoing mail ${id}`);
    const now = nowIso(tx);
    if (row.status === 'sent') throw new DomainError('CONFLICT', `Mail ${id} was already accepted by the relay at ${row.sent_at}.`);
    if (row.status === 'sending' && row.lease_expires_at !== null && row.lease_expires_at > now) {
      throw new DomainError('CONFLICT', `Mail ${id} is being sent right now.`);
    }
    await tx.db
      .updateTable('outbox_mail')
      .set({ status: 'queued', attempts: 0, next_attempt_at: now, lease_owner: null, lease_expires_at: null, changed_at: now })
      .where('id', '=', id)
      .execute();
    if (row.ticket_id !== null) {
      await writeHistory(tx, actor, row.ticket_id, [{ type: 'EmailResend', articleId: row.article_id, field: 'delivery', oldValue: row.status, newValue: 'queued' }]);
    }
    const updated = await findOutboxRow(tx, id);
    if (!updated) throw notFound(`Outgoing mail ${id}`);
    return toOutboxView(updated);
  });
}

/**
 * Marks the message a bounce report names as bounced, with the report's reason. For the mail
 * intake, which attaches the report to the ticket. Null when the Message-ID is not ours.
 */
export async function markMailBounced(ctx: ServiceContext, input: { messageId: string; reason: string }): Promise<{ outboxId: number; ticketId: number | null; articleId: number | null } | null> {
  return inTransaction(ctx, async (tx) => {
    const row = await findOutboxRowByMessageId(tx, input.messageId);
    if (!row) return null;
    await tx.db
      .updateTable('outbox_mail')
      .set({ status: 'bounced', last_error: input.reason.slice(0, 2000), lease_owner: null, lease_expires_at: null, changed_at: nowIso(tx) })
      .where('id', '=', row.id)
      .execute();
    if (row.ticket_id !== null) await enqueueTicketEvent(tx, 'ticket.updated', row.ticket_id, { articleId: row.article_id, delivery: 'bounced' });
    return { outboxId: row.id, ticketId: row.ticket_id, articleId: row.article_id };
  });
}

