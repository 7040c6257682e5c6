import type { TemplateType } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { MailAddress } from '../mail-intake/parsed-mail.ts';
import { formatAddress, formatAddressList, parseAddressList } from '../outbox/mail-address.ts';
import { replyReferences, subjectWithTicketTag } from '../outbox/mail-compose.ts';
import { actorAgentId, type Actor } from '../permissions/actor.ts';
import { findUsableTemplate } from '../templates/template.service.ts';
import { lockTicket } from '../tickets/lock-ticket.service.ts';
import { loadGuardedTicket, type TicketRow } from '../tickets/ticket-mutation.ts';
import { findTicketRow, findTicketView } from '../tickets/ticket.repository.ts';
import type { TicketView } from '../tickets/ticket.types.ts';
import { assembleHtml, assembleText, tidySnippet } from './compose-body.ts';
import { findAnsweredArticle, findLockHolder, findReplyTo, loadComposingAgent, loadQueueTexts, loadSystemAddresses, type AnsweredArticle } from './compose-context.ts';
import { renderOtrsTags, type TagFacts } from './otrs-tags.ts';
import { quoteAsHtml, quoteAsText } from './quote-article.ts';
import { replyRecipients } from './reply-recipients.ts';

export const COMPOSE_KINDS = ['reply', 'reply_all', 'forward', 'note', 'phone'] as const;
export type ComposeKind = (typeof COMPOSE_KINDS)[number];

/** What the agent starts to write. */
export interface ComposeInput {
  ticketId: number;
  kind: ComposeKind;
  /** The article answered or forwarded; default: the last customer article. */
  articleId?: number;
  templateId?: number;
  /** Lock the ticket for the agent; default true for reply, reply_all, forward and phone (as OTRS). */
  lock?: boolean;
}

/** A prefilled article for the compose screen, and the ticket as it is now. */
export interface ComposeDraft {
  from: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  inReplyTo: string | null;
  references: string | null;
  /** Files of the forwarded mail, which the client may keep. */
  attachments: { id: number; filename: string; contentType: string; size: number; isInline: boolean }[];
  ticket: TicketView;
  /** Set when another agent holds the lock: composing is allowed, sending will be refused. */
  lockedBy: { id: number; login: string; name: string } | null;
}

const TEMPLATE_TYPE_OF: Record<ComposeKind, TemplateType> = { reply: 'answer', reply_all: 'answer', forward: 'forward', note: 'note', phone: 'phone_call' };
const LOCKING_KINDS: readonly ComposeKind[] = ['reply', 'reply_all', 'forward', 'phone'];

/**
 * Prepares a reply, forward, note or phone article: recipients, tagged subject, and a body of
 * salutation, template, signatures and quoted original with OTRS tags filled. Starting a mail
 * or call locks the ticket for the agent, unless a colleague holds it (then `lockedBy` says who).
 */
export async function composeArticle(ctx: ServiceContext, actor: Actor, input: ComposeInput): Promise<ComposeDraft> {
  const row = await loadGuardedTicket(ctx, actor, { ticketId: input.ticketId, permissions: [input.kind === 'note' ? 'note' : 'rw'], allowWhenLockedByOther: true });
  const template = input.templateId === undefined ? null : await findUsableTemplate(ctx, input.templateId, row.queue_id);
  if (template && template.type !== TEMPLATE_TYPE_OF[input.kind]) throw invalid('templateId', `is a "${template.type}" template; a ${input.kind} needs an "${TEMPLATE_TYPE_OF[input.kind]}" one`);
  const lockedBy = await lockForCompose(ctx, actor, row, input.lock ?? LOCKING_KINDS.includes(input.kind));
  const ticket = await findTicketView(ctx, row.id);
  if (!ticket) throw notFound(`Ticket ${row.id}`);
  const article = await findAnsweredArticle(ctx, row.id, input.articleId);
  const queue = await loadQueueTexts(ctx, row.queue_id);
  const agent = await loadComposingAgent(ctx, actorAgentId(actor));
  const { to, cc } = await recipientsFor(ctx, input.kind, article, ticket);
  const facts: TagFacts = {
    customerRealname: ticket.customerUser?.name.trim() || to[0]?.name || to[0]?.address || '',
    customerEmail: ticket.customerUser?.email || parseAddressList(article?.from_address)?.[0]?.address || '',
    customerMailBody: article?.body_text ?? '',
    customerSubject: article?.subject ?? ticket.title,
    ticketNumber: ticket.number,
    ticketId: ticket.id,
    ticketTitle: ticket.title,
    queue: queue.queueName,
    ticketHook: ctx.settings.ticketHook,
    agentFirstname: agent.firstName,
    agentLastname: agent.lastName,
    agentEmail: agent.email,
  };
  const isMail = input.kind !== 'note' && input.kind !== 'phone';
  const isReply = input.kind === 'reply' || input.kind === 'reply_all';
  const quoted = isMail && article ? { from: article.from_address ?? '', to: article.to_address, subject: article.subject, createdAt: article.created_at, bodyText: article.body_text, bodyHtml: article.body_html } : null;
  const quoteMode = isReply ? 'reply' : 'forward';
  const blocks = {
    salutation: isReply ? renderOtrsTags(queue.salutation, facts) : '',
    template: template ? renderOtrsTags(template.text, facts, { html: template.contentType === 'text/html' }) : '',
    templateIsHtml: template?.contentType === 'text/html',
    agentSignature: isMail ? tidySnippet(renderOtrsTags(agent.signature, facts)) : '',
    queueSignature: isMail ? tidySnippet(renderOtrsTags(queue.signature, facts)) : '',
    quote: quoted ? { text: quoteAsText(quoted, quoteMode, agent.language, ctx.settings.timeZone), html: quoteAsHtml(quoted, quoteMode, agent.language, ctx.settings.timeZone) } : null,
  };
  const wantsHtml = blocks.templateIsHtml || (quoted !== null && article?.body_html != null);
  return {
    from: formatAddress({ address: queue.sender.email, name: queue.sender.display_name }),
    to: formatAddressList(to),
    cc: formatAddressList(cc),
    bcc: '',
    subject: subjectFor(ctx, input.kind, ticket, article),
    bodyText: assembleText(blocks),
    bodyHtml: wantsHtml ? assembleHtml(blocks) : null,
    inReplyTo: isReply ? (article?.message_id ?? null) : null,
    references: isReply && article ? replyReferences({ messageId: article.message_id, references: article.references }) : null,
    attachments: input.kind === 'forward' && article ? await attachmentsOf(ctx, article.id) : [],
    ticket,
    lockedBy,
  };
}

/** Locks for the agent when asked and free; returns the colleague holding it otherwise. */
async function lockForCompose(ctx: ServiceContext, actor: Actor, row: TicketRow, wantsLock: boolean): Promise<ComposeDraft['lockedBy']> {
  const me = actorAgentId(actor);
  if (row.lock !== 'unlock') return row.owner_id === me ? null : findLockHolder(ctx, row.owner_id);
  if (!wantsLock || me === null) return null;
  try {
    await lockTicket(ctx, actor, { ticketId: row.id });
    return null;
  } catch (error) {
    // A colleague locked it between our read and our lock: composing may go on, read-only.
    if (!(error instanceof DomainError) || (error.code !== 'TICKET_LOCKED' && error.code !== 'STALE_VERSION')) throw error;
    const now = await findTicketRow(ctx, row.id);
    return now && now.lock !== 'unlock' && now.owner_id !== me ? findLockHolder(ctx, now.owner_id) : null;
  }
}

async function recipientsFor(ctx: ServiceContext, kind: ComposeKind, article: AnsweredArticle | null, ticket: TicketView): Promise<{ to: MailAddress[]; cc: MailAddress[] }> {
  if (kind !== 'reply' && kind !== 'reply_all') return { to: [], cc: [] };
  const parse = (text: string | null) => parseAddressList(text) ?? [];
  const found = article
    ? replyRecipients(
        { from: parse(article.from_address), replyTo: await findReplyTo(ctx, article.raw_mail_id), to: parse(article.to_address), cc: parse(article.cc_address), isFromDesk: article.sender_type !== 'customer' },
        kind === 'reply_all',
        await loadSystemAddresses(ctx),
      )
    : { to: [], cc: [] };
  if (found.to.length === 0 && ticket.customerUser?.email) found.to = [{ address: ticket.customerUser.email, name: ticket.customerUser.name.trim() }];
  return found;
}

function subjectFor(ctx: ServiceContext, kind: ComposeKind, ticket: TicketView, article: AnsweredArticle | null): string {
  const base = article?.subject || ticket.title;
  const hook = ctx.settings.ticketHook;
  if (kind === 'reply' || kind === 'reply_all') return subjectWithTicketTag(base, { hook, tn: ticket.number, isReply: true });
  if (kind === 'forward') return `Fwd: ${subjectWithTicketTag(base, { hook, tn: ticket.number, isReply: false })}`;
  return ticket.title;
}

async function attachmentsOf(ctx: ServiceContext, articleId: number): Promise<ComposeDraft['attachments']> {
  const rows = await ctx.db.selectFrom('attachment').select(['id', 'filename', 'content_type', 'size', 'is_inline']).where('article_id', '=', articleId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size), isInline: r.is_inline }));
}
