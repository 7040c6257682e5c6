import type { Language } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { parseMail } from '../mail-intake/parse-mail.ts';
import type { MailAddress } from '../mail-intake/parsed-mail.ts';
import { readRawMailContent } from '../mail-intake/raw-mail.service.ts';

/** The article a reply or forward starts from. */
export type AnsweredArticle = Awaited<ReturnType<ReturnType<typeof selectArticle>['executeTakeFirstOrThrow']>>;

/** The article named, or the ticket's last customer article (its last article when there is none). */
export async function findAnsweredArticle(ctx: ServiceContext, ticketId: number, articleId: number | undefined): Promise<AnsweredArticle | null> {
  if (articleId !== undefined) {
    const named = await selectArticle(ctx, ticketId).where('id', '=', articleId).executeTakeFirst();
    if (!named) throw notFound(`Article ${articleId} of this ticket`, 'articleId');
    return named;
  }
  const customer = await selectArticle(ctx, ticketId).where('sender_type', '=', 'customer').orderBy('id', 'desc').executeTakeFirst();
  return customer ?? (await selectArticle(ctx, ticketId).orderBy('id', 'desc').executeTakeFirst()) ?? null;
}

function selectArticle(ctx: ServiceContext, ticketId: number) {
  return ctx.db
    .selectFrom('article')
    .select(['id', 'sender_type', 'channel', 'from_address', 'to_address', 'cc_address', 'subject', 'message_id', 'references', 'body_text', 'body_html', 'raw_mail_id', 'created_at'])
    .where('ticket_id', '=', ticketId);
}

/** Reply-To of the received mail behind an article; articles do not store it, the raw mail has it. */
export async function findReplyTo(ctx: ServiceContext, rawMailId: number | null): Promise<MailAddress[]> {
  if (rawMailId === null) return [];
  const stored = await ctx.db.selectFrom('raw_mail').select('id').where('id', '=', rawMailId).executeTakeFirst();
  if (!stored) return [];
  try {
    return (await parseMail(await readRawMailContent(ctx, rawMailId))).replyTo;
  } catch {
    // A raw mail that no longer parses still leaves From to answer to.
    return [];
  }
}

/** The queue's sending address (the first valid one when the queue has none), salutation and signature. */
export async function loadQueueTexts(ctx: ServiceContext, queueId: number) {
  const queue = await ctx.db.selectFrom('queue').select(['full_name', 'system_address_id', 'salutation_id', 'signature_id']).where('id', '=', queueId).executeTakeFirstOrThrow();
  const text = async (table: 'salutation' | 'signature', id: number | null) =>
    id === null ? '' : ((await ctx.db.selectFrom(table).select('text').where('id', '=', id).where('is_valid', '=', true).executeTakeFirst())?.text ?? '');
  let sender = queue.system_address_id === null ? undefined : await ctx.db.selectFrom('system_address').select(['email', 'display_name']).where('id', '=', queue.system_address_id).where('is_valid', '=', true).executeTakeFirst();
  sender ??= await ctx.db.selectFrom('system_address').select(['email', 'display_name']).where('is_valid', '=', true).orderBy('id').executeTakeFirst();
  if (!sender) throw new DomainError('CONFLICT', 'No valid system address is configured to send mail from.');
  return { queueName: queue.full_name, sender, salutation: await text('salutation', queue.salutation_id), signature: await text('signature', queue.signature_id) };
}

/** Every address the desk sends from, lower-case: reply-all never writes to the desk itself. */
export async function loadSystemAddresses(ctx: ServiceContext): Promise<string[]> {
  return (await ctx.db.selectFrom('system_address').select('email').execute()).map((r) => r.email.toLowerCase());
}

/** The composing agent: name and mail for the tags, language for the quote line, own signature. */
export async function loadComposingAgent(ctx: ServiceContext, agentId: number | null): Promise<{ firstName: string; lastName: string; email: string; language: Language; signature: string }> {
  const agent = agentId === null ? undefined : await ctx.db.selectFrom('agent').select(['first_name', 'last_name', 'email', 'language', 'signature']).where('id', '=', agentId).executeTakeFirst();
  if (!agent) return { firstName: '', lastName: '', email: '', language: 'en', signature: '' };
  return { firstName: agent.first_name, lastName: agent.last_name, email: agent.email, language: agent.language === 'de' ? 'de' : 'en', signature: agent.signature ?? '' };
}

/** Who holds the ticket's lock, for the compose screen's warning. */
export async function findLockHolder(ctx: ServiceContext, agentId: number): Promise<{ id: number; login: string; name: string }> {
  const a = await ctx.db.selectFrom('agent').select(['id', 'login', 'first_name', 'last_name']).where('id', '=', agentId).executeTakeFirstOrThrow();
  return { id: a.id, login: a.login, name: `${a.first_name} ${a.last_name}`.trim() };
}
