import type { ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { loadArticleMailContext, type ArticleMailContext } from './article-mail-context.ts';
import { enqueueMail } from './enqueue-mail.service.ts';
import { domainOf, formatAddress, formatAddressList, parseAddressList } from './mail-address.ts';
import { hasReplyPrefix, htmlDocument, newMessageId, replyReferences, subjectWithTicketTag, textToHtml } from './mail-compose.ts';
import { renderPlaceholders, type PlaceholderValues } from './placeholders.ts';

/** Which article to send. */
export interface ArticleMailRequest {
  ticketId: number;
  articleId: number;
  /** Blind copies; articles do not store them, so they go only into the outgoing mail. */
  bcc?: string | null;
}

/**
 * Queues the mail of an agent's email article in the caller's transaction: From is the queue's
 * system address, the subject carries the ticket tag (and a "Re:" when it answers), In-Reply-To
 * and References thread it to the customer's last mail, and the body gets the queue's
 * salutation and signature. Auto-responses compose their mail themselves (auto-response.service).
 * The Message-ID and threading headers are stored back on the article, so replies to it
 * find the ticket. Permission checks are the caller's (as for writeArticle).
 */
export async function enqueueArticleMail(ctx: ServiceContext, _actor: Actor, request: ArticleMailRequest): Promise<{ outboxId: number; messageId: string }> {
  const a = await loadArticleMailContext(ctx, request.ticketId, request.articleId);
  const to = recipientsOf(a);
  const cc = parseAddressList(a.cc_address);
  if (!cc) throw invalid('article.cc', 'contains something that is not a mail address');
  if (!parseAddressList(request.bcc)) throw invalid('bcc', 'contains something that is not a mail address');
  const inReplyTo = a.in_reply_to ?? a.parent?.message_id ?? null;
  const references = a.references ?? replyReferences(a.parent ? { messageId: a.parent.message_id, references: a.parent.references } : undefined);
  const messageId = a.message_id ?? newMessageId(a.tn, domainOf(a.sender.email));
  const from = formatAddress({ address: a.sender.email, name: a.sender.display_name });
  const body = withSalutationAndSignature(a, to[0]);
  const queued = await enqueueMail(ctx, {
    kind: 'agent_reply',
    ticketId: a.ticket_id,
    articleId: a.id,
    from,
    to: formatAddressList(to),
    cc: formatAddressList(cc) || null,
    bcc: request.bcc ?? null,
    subject: subjectWithTicketTag(a.subject, { hook: ctx.settings.ticketHook, tn: a.tn, isReply: inReplyTo !== null || hasReplyPrefix(a.subject) }),
    messageId,
    inReplyTo,
    references,
    text: body.text,
    html: htmlDocument(body.html),
    attachments: a.attachments.map((f) => ({ sha256: f.sha256, filename: f.filename, contentType: f.content_type, contentId: f.content_id, isInline: f.is_inline })),
  });
  await ctx.db
    .updateTable('article')
    .set({ message_id: messageId, in_reply_to: inReplyTo, references, to_address: formatAddressList(to) })
    .set((eb) => ({ from_address: eb.fn.coalesce('from_address', eb.val(from)) }))
    .where('id', '=', a.id)
    .execute();
  return { outboxId: queued.id, messageId: queued.messageId };
}

/** The article's To; when an agent left it empty, the customer's last mail or the ticket's customer. */
function recipientsOf(a: ArticleMailContext) {
  const own = parseAddressList(a.to_address);
  if (!own) throw invalid('article.to', 'contains something that is not a mail address');
  if (own.length > 0) return own;
  const fallback = parseAddressList(a.parent?.from_address) ?? [];
  if (fallback.length > 0) return fallback;
  if (a.customer_email) return [{ address: a.customer_email, name: `${a.customer_first ?? ''} ${a.customer_last ?? ''}`.trim() }];
  throw invalid('article.to', 'an email needs at least one recipient');
}

/**
 * The body between the queue's salutation and signature, placeholders filled. A body that
 * already starts with the salutation or holds the signature (the agent's editor put them
 * there) does not get them twice.
 */
function withSalutationAndSignature(a: ArticleMailContext, firstRecipient: { address: string; name: string } | undefined): { text: string; html: string } {
  const customerName = a.customer_first !== null ? `${a.customer_first} ${a.customer_last ?? ''}`.trim() : firstRecipient?.name || firstRecipient?.address || '';
  const values: PlaceholderValues = {
    CUSTOMER_REALNAME: customerName,
    AGENT_FIRSTNAME: a.agent?.first_name ?? '',
    AGENT_LASTNAME: a.agent?.last_name ?? '',
    TICKET_NUMBER: a.tn,
    TICKET_TITLE: a.title,
    QUEUE: a.queue_name,
  };
  const salutation = a.salutation ? renderPlaceholders(a.salutation, values).trim() : '';
  const signature = a.signature ? renderPlaceholders(a.signature, values).replace(/^\n+|\s+$/g, '') : '';
  const head = salutation && !a.body_text.trimStart().startsWith(salutation) ? salutation : '';
  const tail = signature && !a.body_text.includes(signature.trim()) ? signature : '';
  const text = [head, a.body_text.trim(), tail].filter(Boolean).join('\n\n') + '\n';
  const html = [head && `<p>${textToHtml(head)}</p>`, a.body_html ?? `<p>${textToHtml(a.body_text.trim())}</p>`, tail && `<p>${textToHtml(tail)}</p>`].filter(Boolean).join('\n');
  return { text, html };
}
