import { memoized, type ServiceContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';

/** Everything composing the mail of an article needs, loaded in the caller's transaction. */
export type ArticleMailContext = NonNullable<Awaited<ReturnType<typeof loadArticleRow>>> & {
  sender: { email: string; display_name: string };
  salutation: string | null;
  signature: string | null;
  agent: { first_name: string; last_name: string } | null;
  parent: { message_id: string | null; references: string | null; from_address: string | null } | undefined;
  attachments: { sha256: string; filename: string; content_type: string; content_id: string | null; is_inline: boolean }[];
};

/** Loads article, ticket, queue, sender address, texts, agent, thread parent and files. */
export async function loadArticleMailContext(ctx: ServiceContext, ticketId: number, articleId: number): Promise<ArticleMailContext> {
  const row = await loadArticleRow(ctx, ticketId, articleId);
  if (!row) throw notFound(`Article ${articleId}`);
  // Sender and texts are queue configuration: mail intake reads them once per batch (memoized).
  const sender = await queueSenderAddress(ctx, row.system_address_id);
  const text = async (table: 'salutation' | 'signature', id: number | null) =>
    id === null
      ? null
      : memoized(ctx, `outbox:${table}:${id}`, async () => (await ctx.db.selectFrom(table).select('text').where('id', '=', id).where('is_valid', '=', true).executeTakeFirst())?.text ?? null);
  const agent = row.created_by_agent_id === null ? null : ((await ctx.db.selectFrom('agent').select(['first_name', 'last_name']).where('id', '=', row.created_by_agent_id).executeTakeFirst()) ?? null);
  const attachments = await ctx.db
    .selectFrom('attachment')
    .select(['sha256', 'filename', 'content_type', 'content_id', 'is_inline'])
    .where('article_id', '=', articleId)
    .orderBy('id')
    .execute();
  return { ...row, sender, salutation: await text('salutation', row.salutation_id), signature: await text('signature', row.signature_id), agent, parent: await findParent(ctx, row), attachments };
}

function loadArticleRow(ctx: ServiceContext, ticketId: number, articleId: number) {
  return ctx.db
    .selectFrom('article as a')
    .innerJoin('ticket as t', 't.id', 'a.ticket_id')
    .innerJoin('queue as q', 'q.id', 't.queue_id')
    .leftJoin('customer_user as cu', 'cu.id', 't.customer_user_id')
    .select([
      'a.id', 'a.ticket_id', 'a.subject', 'a.body_text', 'a.body_html', 'a.to_address', 'a.cc_address', 'a.message_id', 'a.in_reply_to',
      'a.references', 'a.created_by_agent_id', 't.tn', 't.title', 'q.full_name as queue_name', 'q.system_address_id', 'q.salutation_id',
      'q.signature_id', 'cu.first_name as customer_first', 'cu.last_name as customer_last', 'cu.email as customer_email',
    ])
    .where('a.id', '=', articleId)
    .where('a.ticket_id', '=', ticketId)
    .executeTakeFirst();
}

/** The queue's sending address (read once per intake batch). */
export function queueSenderAddress(ctx: ServiceContext, systemAddressId: number | null): Promise<{ email: string; display_name: string }> {
  return memoized(ctx, `outbox:sender:${systemAddressId ?? 'first'}`, () => findSenderAddress(ctx, systemAddressId));
}

/** The queue's sending address; a queue without one sends from the first valid system address. */
async function findSenderAddress(ctx: ServiceContext, systemAddressId: number | null): Promise<{ email: string; display_name: string }> {
  let query = ctx.db.selectFrom('system_address').select(['email', 'display_name']).where('is_valid', '=', true);
  if (systemAddressId !== null) {
    const own = await query.where('id', '=', systemAddressId).executeTakeFirst();
    if (own) return own;
  }
  query = query.orderBy('id');
  const fallback = await query.executeTakeFirst();
  if (!fallback) throw new DomainError('CONFLICT', 'No valid system address is configured to send mail from.');
  return fallback;
}

/**
 * The mail this article answers: the one its In-Reply-To names, else the latest customer
 * mail before it in the ticket.
 */
async function findParent(ctx: ServiceContext, article: { id: number; ticket_id: number; in_reply_to: string | null }) {
  const base = ctx.db.selectFrom('article').select(['message_id', 'references', 'from_address']).where('ticket_id', '=', article.ticket_id).where('id', '<', article.id);
  if (article.in_reply_to) {
    const named = await base.where('message_id', '=', article.in_reply_to).executeTakeFirst();
    if (named) return named;
  }
  return latestCustomerMail(ctx, article.ticket_id, article.id);
}

/** The ticket's latest mail from the customer (before an article, when given): what an answer threads to. */
export function latestCustomerMail(ctx: ServiceContext, ticketId: number, beforeArticleId?: number) {
  let query = ctx.db
    .selectFrom('article')
    .select(['message_id', 'references', 'from_address'])
    .where('ticket_id', '=', ticketId)
    .where('sender_type', '=', 'customer')
    .where('channel', '=', 'email')
    .where('message_id', 'is not', null);
  if (beforeArticleId !== undefined) query = query.where('id', '<', beforeArticleId);
  return query.orderBy('id', 'desc').executeTakeFirst();
}
