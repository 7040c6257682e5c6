import type { Selectable } from 'kysely';
import type { OutboxMailTable } from '../../db/schema-outbox.ts';
import type { ServiceContext } from '../context.ts';
import type { OutboxAttachment, OutboxMailContent, OutboxMailView, OutboxStatus } from './outbox.types.ts';

export type OutboxMailRow = Selectable<OutboxMailTable>;

/** Filters of the admin's outbox list. */
export interface OutboxFilter {
  status?: OutboxStatus[];
  ticketId?: number;
  articleId?: number;
  limit: number;
  offset: number;
}

/** Outbox rows matching a filter, newest first. */
export async function findOutboxRows(ctx: ServiceContext, filter: OutboxFilter): Promise<OutboxMailRow[]> {
  let query = ctx.db.selectFrom('outbox_mail').selectAll();
  if (filter.status && filter.status.length > 0) query = query.where('status', 'in', filter.status);
  if (filter.ticketId !== undefined) query = query.where('ticket_id', '=', filter.ticketId);
  if (filter.articleId !== undefined) query = query.where('article_id', '=', filter.articleId);
  return query.orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute();
}

/** One outbox row by id. */
export async function findOutboxRow(ctx: ServiceContext, id: number): Promise<OutboxMailRow | undefined> {
  return ctx.db.selectFrom('outbox_mail').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row a Message-ID belongs to (bounce reports name it). */
export async function findOutboxRowByMessageId(ctx: ServiceContext, messageId: string): Promise<OutboxMailRow | undefined> {
  return ctx.db.selectFrom('outbox_mail').selectAll().where('message_id', '=', messageId).orderBy('id', 'desc').executeTakeFirst();
}

/** Maps a row to what the API shows (without the message content). */
export function toOutboxView(r: OutboxMailRow): OutboxMailView {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    articleId: r.article_id,
    kind: r.kind,
    status: r.status as OutboxStatus,
    from: r.from_address,
    to: r.to_address,
    cc: r.cc_address,
    bcc: r.bcc_address,
    subject: r.subject,
    messageId: r.message_id,
    inReplyTo: r.in_reply_to,
    references: r.references,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'queued' ? r.next_attempt_at : null,
    lastError: r.last_error,
    relayResponse: r.relay_response,
    sentAt: r.sent_at,
    createdAt: r.created_at,
    changedAt: r.changed_at,
  };
}

/** Maps a row to the full message. */
export function toOutboxContent(r: OutboxMailRow): OutboxMailContent {
  return {
    ...toOutboxView(r),
    text: r.body_text,
    html: r.body_html,
    headers: JSON.parse(r.headers) as Record<string, string>,
    attachments: JSON.parse(r.attachments) as OutboxAttachment[],
  };
}
