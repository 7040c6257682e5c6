import type { ArticleChannel, SenderType } from '../../../shared/domain.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import type { HistoryEntry, HistoryType } from '../history/history.repository.ts';
import { enqueueArticleMail } from '../outbox/article-mail.service.ts';
import { parseAddressList } from '../outbox/mail-address.ts';
import type { Actor } from '../permissions/actor.ts';
import { htmlToPlainText, sanitizeMailHtml } from './sanitize-mail-html.ts';

/** A file to attach to a new article. */
export interface AttachmentInput {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Shown in place in the HTML body (referenced by cid:) rather than listed as a file. */
  isInline?: boolean;
  contentId?: string | null;
}

/** A new article. Text or HTML body is required; HTML is sanitised before it is stored. */
export interface ArticleInput {
  channel: ArticleChannel;
  /** Defaults to `agent` for agents; the system actor must say. */
  senderType?: SenderType;
  /** Defaults to false for notes, true for every other channel. */
  isVisibleForCustomer?: boolean;
  from?: string | null;
  to?: string | null;
  cc?: string | null;
  /** Blind copies of an email; they get the mail, the other recipients do not see them. */
  bcc?: string | null;
  subject?: string;
  bodyText?: string;
  bodyHtml?: string | null;
  /** `bodyHtml` went through sanitizeMailHtml already (mail intake does it in its parse threads). */
  bodyHtmlIsSanitized?: boolean;
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string | null;
  rawMailId?: number | null;
  /** Working time spent, in the desk's time units. */
  timeUnits?: number;
  attachments?: AttachmentInput[];
  /** Set when a customer user wrote it (portal, verified mail). */
  customerUserId?: number | null;
}

export const MAX_SUBJECT_LENGTH = 998;
export const MAX_BODY_LENGTH = 5_000_000;

/**
 * Stores an article and its attachments for a ticket, without permission checks: callers
 * (createTicket, or a change inside mutateTicket) have done them, and they also refresh the
 * escalation times the article may move. Returns the id and the history it caused.
 */
export async function writeArticle(
  ctx: ServiceContext,
  actor: Actor,
  ticketId: number,
  input: ArticleInput,
  defaultSubject: string,
): Promise<{ articleId: number; bodyText: string; history: HistoryEntry[] }> {
  const senderType = input.senderType ?? (actor.kind === 'agent' ? 'agent' : undefined);
  if (!senderType) throw invalid('article.senderType', 'is required for articles the system writes');
  const bodyHtml = input.bodyHtml ? (input.bodyHtmlIsSanitized ? input.bodyHtml : sanitizeMailHtml(input.bodyHtml)) : null;
  const bodyText = input.bodyText ?? (bodyHtml ? htmlToPlainText(bodyHtml) : undefined);
  if (bodyText === undefined) throw invalid('article.bodyText', 'a text or HTML body is required');
  if (bodyText.length > MAX_BODY_LENGTH) throw invalid('article.bodyText', `is longer than ${MAX_BODY_LENGTH} characters`);
  const subject = (input.subject ?? defaultSubject).trim();
  if (subject.length > MAX_SUBJECT_LENGTH) throw invalid('article.subject', `is longer than ${MAX_SUBJECT_LENGTH} characters`);
  if (input.timeUnits !== undefined && (!Number.isFinite(input.timeUnits) || input.timeUnits < 0)) {
    throw invalid('article.timeUnits', 'must be a number of zero or more');
  }
  if (!parseAddressList(input.bcc)) throw invalid('article.bcc', 'contains something that is not a mail address');

  const article = await ctx.db
    .insertInto('article')
    .values({
      ticket_id: ticketId,
      sender_type: senderType,
      channel: input.channel,
      is_visible_for_customer: input.isVisibleForCustomer ?? input.channel !== 'note',
      from_address: input.from ?? null,
      to_address: input.to ?? null,
      cc_address: input.cc ?? null,
      bcc: input.bcc?.trim() ? input.bcc.trim() : null,
      subject,
      message_id: input.messageId ?? null,
      in_reply_to: input.inReplyTo ?? null,
      references: input.references ?? null,
      body_text: bodyText,
      body_html: bodyHtml,
      raw_mail_id: input.rawMailId ?? null,
      time_units: input.timeUnits ?? 0,
      created_by_agent_id: actor.kind === 'agent' ? actor.agentId : null,
      created_by_customer_user_id: input.customerUserId ?? null,
      created_at: nowIso(ctx),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  for (const file of input.attachments ?? []) {
    // Content goes to the blob store first; a rolled-back article leaves only an unreferenced blob.
    const { sha256, size } = await ctx.blobs.put(file.content);
    await ctx.db
      .insertInto('attachment')
      .values({
        article_id: article.id,
        filename: file.filename,
        content_type: file.contentType,
        size,
        sha256,
        is_inline: file.isInline ?? false,
        content_id: file.contentId ?? null,
      })
      .execute();
  }

  // An agent's outgoing mail is queued in this transaction: no article without its mail, no mail without its article.
  if (input.channel === 'email' && senderType === 'agent' && !input.rawMailId) await enqueueArticleMail(ctx, actor, { ticketId, articleId: article.id, bcc: input.bcc?.trim() || null });

  const history: HistoryEntry[] = [{ type: historyTypeFor(input.channel, senderType), articleId: article.id, newValue: subject }];
  if (input.timeUnits) history.push({ type: 'TimeAccounting', articleId: article.id, field: 'timeUnits', newValue: String(input.timeUnits) });
  return { articleId: article.id, bodyText, history };
}

function historyTypeFor(channel: ArticleChannel, sender: SenderType): HistoryType {
  if (channel === 'note') return 'AddNote';
  if (channel === 'email') return sender === 'agent' ? 'EmailAgent' : sender === 'system' ? 'SystemRequest' : 'EmailCustomer';
  if (channel === 'phone') return sender === 'agent' ? 'PhoneCallAgent' : 'PhoneCallCustomer';
  if (channel === 'web' || channel === 'portal') return 'WebRequestCustomer';
  return 'ArticleCreate';
}
