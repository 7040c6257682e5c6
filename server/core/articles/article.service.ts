import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { mutateTicket, requireVisibleTicket } from '../tickets/ticket-mutation.ts';
import type { TicketView } from '../tickets/ticket.types.ts';
import { writeArticle, type ArticleInput } from './article-writer.ts';

/** An article as the API shows it (attachments without content). */
export interface ArticleView {
  id: number;
  ticketId: number;
  senderType: string;
  channel: string;
  isVisibleForCustomer: boolean;
  /** A follow-up from outside the thread, hidden from the customer until an agent accepts it. */
  isSenderUnverified: boolean;
  from: string | null;
  to: string | null;
  cc: string | null;
  /** Blind copies of an agent's mail (agents only). */
  bcc: string | null;
  subject: string;
  messageId: string | null;
  inReplyTo: string | null;
  references: string | null;
  bodyText: string;
  bodyHtml: string | null;
  rawMailId: number | null;
  timeUnits: number;
  createdBy: { id: number; login: string } | null;
  createdAt: string;
  attachments: AttachmentView[];
}

export interface AttachmentView {
  id: number;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  isInline: boolean;
  contentId: string | null;
}

/**
 * Adds an article to a ticket. Notes need the "note" permission and may be added while a
 * colleague holds the lock (as in OTRS); mails, calls and other articles need "rw".
 */
export async function addArticle(
  ctx: ServiceContext,
  actor: Actor,
  input: { ticketId: number; expectedVersion?: number; article: ArticleInput },
): Promise<{ ticket: TicketView; article: ArticleView }> {
  const isNote = input.article.channel === 'note';
  let articleId = 0;
  const ticket = await mutateTicket(
    ctx,
    actor,
    { ticketId: input.ticketId, expectedVersion: input.expectedVersion, permissions: [isNote ? 'note' : 'rw'], allowWhenLockedByOther: isNote && input.article.isVisibleForCustomer !== true },
    async (tx, row) => {
      const written = await writeArticle(tx, actor, row.id, input.article, `Re: ${row.title}`);
      articleId = written.articleId;
      return { changes: {}, history: written.history, event: 'ticket.article_created', eventPayload: { articleId } };
    },
  );
  const [article] = await findArticles(ctx, ticket.id, [articleId]);
  if (!article) throw notFound('Article');
  return { ticket, article };
}

/** The articles of a ticket the actor may see, oldest first. */
export async function listArticles(ctx: ServiceContext, actor: Actor, ticketId: number): Promise<ArticleView[]> {
  // The permission check and the reads run side by side (one round trip on PostgreSQL instead
  // of three in a row); the articles are returned only when the check passes.
  const [, articles] = await Promise.all([requireVisibleTicket(ctx, actor, ticketId), findArticles(ctx, ticketId)]);
  return articles;
}

/** One article of a ticket. */
export async function getArticle(ctx: ServiceContext, actor: Actor, ticketId: number, articleId: number): Promise<ArticleView> {
  await requireVisibleTicket(ctx, actor, ticketId);
  const [article] = await findArticles(ctx, ticketId, [articleId]);
  if (!article) throw notFound(`Article ${articleId}`);
  return article;
}

/** An attachment's metadata and content, if the actor may see its ticket. */
export async function getAttachmentContent(
  ctx: ServiceContext,
  actor: Actor,
  ids: { ticketId: number; articleId: number; attachmentId: number },
): Promise<{ attachment: AttachmentView; content: Buffer }> {
  await requireVisibleTicket(ctx, actor, ids.ticketId);
  const row = await ctx.db
    .selectFrom('attachment as f')
    .innerJoin('article as a', 'a.id', 'f.article_id')
    .select(['f.id', 'f.filename', 'f.content_type', 'f.size', 'f.sha256', 'f.is_inline', 'f.content_id'])
    .where('f.id', '=', ids.attachmentId)
    .where('a.id', '=', ids.articleId)
    .where('a.ticket_id', '=', ids.ticketId)
    .executeTakeFirst();
  if (!row) throw notFound(`Attachment ${ids.attachmentId}`);
  return { attachment: toAttachmentView(row), content: await ctx.blobs.get(row.sha256) };
}

async function findArticles(ctx: ServiceContext, ticketId: number, articleIds?: number[]): Promise<ArticleView[]> {
  let query = ctx.db
    .selectFrom('article as a')
    .leftJoin('agent as ag', 'ag.id', 'a.created_by_agent_id')
    .selectAll('a')
    .select('ag.login as agent_login')
    .where('a.ticket_id', '=', ticketId);
  let fileQuery = ctx.db
    .selectFrom('attachment as f')
    .innerJoin('article as a', 'a.id', 'f.article_id')
    .select(['f.id', 'f.article_id', 'f.filename', 'f.content_type', 'f.size', 'f.sha256', 'f.is_inline', 'f.content_id'])
    .where('a.ticket_id', '=', ticketId);
  if (articleIds) {
    query = query.where('a.id', 'in', articleIds);
    fileQuery = fileQuery.where('a.id', 'in', articleIds);
  }
  // Articles and their attachments are both found by the ticket, so they are read side by side.
  const [rows, files] = await Promise.all([query.orderBy('a.created_at').orderBy('a.id').execute(), fileQuery.orderBy('f.id').execute()]);
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticket_id,
    senderType: r.sender_type,
    channel: r.channel,
    isVisibleForCustomer: r.is_visible_for_customer,
    isSenderUnverified: r.is_sender_unverified,
    from: r.from_address,
    to: r.to_address,
    cc: r.cc_address,
    bcc: r.bcc,
    subject: r.subject,
    messageId: r.message_id,
    inReplyTo: r.in_reply_to,
    references: r.references,
    bodyText: r.body_text,
    bodyHtml: r.body_html,
    rawMailId: r.raw_mail_id,
    timeUnits: Number(r.time_units),
    createdBy: r.created_by_agent_id !== null && r.agent_login !== null ? { id: r.created_by_agent_id, login: r.agent_login } : null,
    createdAt: r.created_at,
    attachments: files.filter((f) => f.article_id === r.id).map(toAttachmentView),
  }));
}

function toAttachmentView(f: { id: number; filename: string; content_type: string; size: number; sha256: string; is_inline: boolean; content_id: string | null }): AttachmentView {
  return { id: f.id, filename: f.filename, contentType: f.content_type, size: f.size, sha256: f.sha256, isInline: f.is_inline, contentId: f.content_id };
}
