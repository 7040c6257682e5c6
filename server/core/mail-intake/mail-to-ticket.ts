import { addArticle } from '../articles/article.service.ts';
import type { ArticleInput } from '../articles/article-writer.ts';
import type { AnsweredTicket, AutoResponseEvent } from '../auto-responses/auto-response.service.ts';
import { memoized, type ServiceContext } from '../context.ts';
import { writeHistory } from '../history/history.repository.ts';
import { markMailBounced } from '../outbox/delivery.service.ts';
import type { SystemActor } from '../permissions/actor.ts';
import { grantsAllow, loadGrants } from '../permissions/permission.service.ts';
import type { TicketPresets } from '../postmaster/postmaster.service.ts';
import { createTicketRecord } from '../tickets/create-ticket.service.ts';
import { linkTickets } from '../tickets/link-tickets.service.ts';
import { updateTicket } from '../tickets/update-ticket.service.ts';
import type { IntakeLookups } from './batch-lookups.ts';
import type { Bounce } from './bounce.ts';
import { FOLLOW_UP_OPEN_STATE_ID, isKnownSender, planFollowUp } from './follow-up.ts';
import type { MailAddress, ParsedMail } from './parsed-mail.ts';
import { stripReplyPrefixes, stripTicketTag } from './ticket-tag.ts';

const POSTMASTER_QUEUE_ID = 1;
const RAW_QUEUE_ID = 2;
const JUNK_QUEUE_ID = 3;

/** The ticket and article a mail became, and which automatic answer it calls for. */
export interface MailOutcome {
  ticketId: number;
  articleId: number;
  isFollowUp: boolean;
  autoResponse: AutoResponseEvent | null;
  /** A new ticket as it was written in this transaction, so that its automatic answer need not read it again. */
  createdTicket?: AnsweredTicket;
}

/** "Name <address>", with the name quoted when it holds characters that would split it (RFC 5322). */
const formatAddress = (a: MailAddress) => {
  if (!a.name) return a.address;
  const name = /[",;:<>@()[\]\\]/.test(a.name) ? `"${a.name.replace(/(["\\])/g, '\\$1')}"` : a.name;
  return `${name} <${a.address}>`;
};
const formatList = (list: MailAddress[]) => (list.length ? list.map(formatAddress).join(', ') : null);

/** The article a mail becomes. */
function articleFromMail(mail: ParsedMail, rawMailId: number, presets: TicketPresets, customerUserId: number | null): ArticleInput {
  return {
    channel: presets.channel ?? 'email',
    senderType: presets.senderType ?? 'customer',
    isVisibleForCustomer: presets.isVisibleForCustomer ?? true,
    from: mail.from ? formatAddress(mail.from) : null,
    to: formatList(mail.to),
    cc: formatList(mail.cc),
    subject: mail.subject.slice(0, 998),
    // An HTML-only mail gets its text derived from the HTML (for search and plain views).
    bodyText: mail.text.trim() || !mail.html ? mail.text : undefined,
    bodyHtml: mail.safeHtml !== undefined ? mail.safeHtml : mail.html,
    bodyHtmlIsSanitized: mail.safeHtml !== undefined,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo,
    references: mail.references.join(' ') || null,
    rawMailId,
    customerUserId,
    attachments: mail.attachments.map((a) => ({ filename: a.filename.slice(0, 255), contentType: a.contentType, content: a.content, isInline: a.isInline, contentId: a.contentId })),
  };
}

/**
 * Queue of a new mail ticket: a filter's choice, the mail account's queue, the queue set on the
 * addressed system address, else the first regular queue sending from it, else Raw.
 */
async function queueForNewMail(ctx: ServiceContext, mail: ParsedMail, presets: TicketPresets, accountQueueId: number | null): Promise<number> {
  if (presets.queueId) return presets.queueId;
  if (accountQueueId) return accountQueueId;
  const recipients = new Set([...mail.to, ...mail.cc].map((a) => a.address.toLowerCase()));
  if (recipients.size) {
    const routes = await memoized(ctx, 'mail-intake:address-routes', () => readAddressRoutes(ctx));
    const addressed = routes.addressQueues.find((r) => recipients.has(r.email));
    if (addressed) return addressed.queueId;
    const queue = routes.sendingQueues.find((r) => recipients.has(r.email));
    if (queue) return queue.queueId;
  }
  return RAW_QUEUE_ID;
}

/**
 * Which valid queue each system address leads to: the queue set on the address (by address
 * id), and the regular queues sending from it (by queue id). Addresses come lower-cased by
 * the database, as the lookup per mail compared them before.
 */
async function readAddressRoutes(ctx: ServiceContext) {
  const addressQueues = await ctx.db
    .selectFrom('system_address as sa')
    .innerJoin('queue as q', 'q.id', 'sa.queue_id')
    .select([(eb) => eb.fn<string>('lower', ['sa.email']).as('email'), 'q.id as queueId'])
    .where('q.is_valid', '=', true)
    .orderBy('sa.id')
    .execute();
  const sendingQueues = await ctx.db
    .selectFrom('queue as q')
    .innerJoin('system_address as sa', 'sa.id', 'q.system_address_id')
    .select([(eb) => eb.fn<string>('lower', ['sa.email']).as('email'), 'q.id as queueId'])
    .where('q.is_valid', '=', true)
    // Junk is where an admin or a filter puts mail, never where new mail lands by its address.
    .where('q.id', 'not in', [POSTMASTER_QUEUE_ID, RAW_QUEUE_ID, JUNK_QUEUE_ID])
    .orderBy('q.id')
    .execute();
  return { addressQueues, sendingQueues };
}

async function mayOwn(ctx: ServiceContext, agentId: number, queueId: number): Promise<boolean> {
  const queue = await ctx.db.selectFrom('queue').select('group_id').where('id', '=', queueId).executeTakeFirst();
  const grants = (await loadGrants(ctx, [agentId])).get(agentId);
  return !!queue && !!grants && grantsAllow(grants, queue.group_id, 'owner');
}

/** A new ticket from a mail that follows up on nothing. */
export async function createTicketFromMail(
  ctx: ServiceContext,
  actor: SystemActor,
  input: { mail: ParsedMail; rawMailId: number; presets: TicketPresets; accountQueueId: number | null; linkTo?: number; lookups: IntakeLookups },
): Promise<MailOutcome> {
  const { mail, presets } = input;
  const customer = presets.customerUserId ? { id: presets.customerUserId, customer_company_id: null } : await input.lookups.customerOf(ctx, mail.from?.address);
  const subject = input.linkTo ? stripTicketTag(mail.subject, ctx.settings) : stripReplyPrefixes(mail.subject);
  const queueId = await queueForNewMail(ctx, mail, presets, input.accountQueueId);
  // A filter's owner who may not own tickets in the queue the mail ends up in is dropped, not fatal.
  const ownerId = presets.ownerId && (await mayOwn(ctx, presets.ownerId, queueId)) ? presets.ownerId : undefined;
  const ticket = await createTicketRecord(ctx, actor, {
    title: (presets.title ?? subject).trim().slice(0, 255) || '(no subject)',
    queueId,
    channel: presets.channel ?? 'email',
    stateId: presets.stateId,
    priorityId: presets.priorityId,
    typeId: presets.typeId,
    serviceId: presets.serviceId,
    slaId: presets.slaId,
    ownerId,
    responsibleId: presets.responsibleId,
    customerUserId: customer?.id ?? null,
    customFields: presets.customFields,
    article: articleFromMail(mail, input.rawMailId, presets, customer?.id ?? null),
  });
  if (input.linkTo) await linkTickets(ctx, actor, { sourceTicketId: input.linkTo, targetTicketId: ticket.id, linkType: 'normal' });
  const answered: AnsweredTicket = {
    ...ticket.row,
    queue_name: ticket.queue.full_name,
    system_address_id: ticket.queue.system_address_id,
    body_text: ticket.articleText ?? '',
    // A new ticket's first article is the customer's own; only follow-ups from strangers are unverified.
    is_sender_unverified: false,
    customer_language: ticket.customer?.language ?? null,
    customer_first: ticket.customer?.first_name ?? null,
    customer_last: ticket.customer?.last_name ?? null,
  };
  return { ticketId: ticket.id, articleId: ticket.articleId as number, isFollowUp: false, autoResponse: input.linkTo ? 'new_ticket_after_close' : 'new_ticket', createdTicket: answered };
}

/**
 * A follow-up, handled per the queue's follow-up option as in OTRS: appended (reopening a
 * closed ticket), appended but rejected (closed stays closed, auto reject), or a new linked
 * ticket. A sender outside the thread is still attached, hidden from the customer and not
 * answered automatically.
 */
export async function appendFollowUp(
  ctx: ServiceContext,
  actor: SystemActor,
  input: { mail: ParsedMail; rawMailId: number; ticketId: number; presets: TicketPresets; newTicketPresets: TicketPresets; lookups: IntakeLookups },
): Promise<MailOutcome> {
  const { mail, presets } = input;
  const ticket = await ctx.db
    .selectFrom('ticket as t')
    .innerJoin('ticket_state as s', 's.id', 't.state_id')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .innerJoin('queue as q', 'q.id', 't.queue_id')
    .select(['t.id', 't.owner_id', 't.queue_id', 'st.name as state_type', 'q.follow_up_option', 'q.is_follow_up_lock'])
    .where('t.id', '=', input.ticketId)
    .executeTakeFirstOrThrow();
  const isClosed = ticket.state_type === 'closed' || ticket.state_type === 'removed';
  const plan = planFollowUp(ticket.state_type, ticket.follow_up_option);
  if (plan.action === 'new_ticket') {
    return createTicketFromMail(ctx, actor, { mail, rawMailId: input.rawMailId, presets: { queueId: ticket.queue_id, ...input.newTicketPresets }, accountQueueId: null, linkTo: ticket.id, lookups: input.lookups });
  }

  const known = mail.from ? await isKnownSender(ctx, ticket.id, mail.from.address) : false;
  const customer = await input.lookups.customerOf(ctx, mail.from?.address);
  const article = articleFromMail(mail, input.rawMailId, presets, known ? (customer?.id ?? null) : null);
  if (!known) article.isVisibleForCustomer = false;
  const { article: written } = await addArticle(ctx, actor, { ticketId: ticket.id, article });
  if (!known) await ctx.db.updateTable('article').set({ is_sender_unverified: true }).where('id', '=', written.id).execute();
  await writeHistory(ctx, actor, ticket.id, [{ type: 'FollowUp', articleId: written.id, field: known ? 'sender' : 'unverifiedSender', newValue: mail.from?.address ?? null }]);

  const rejected = plan.action === 'reject';
  const reopen = plan.reopen;
  const changes = {
    ...(presets.queueId ? { queueId: presets.queueId } : {}),
    ...(presets.priorityId ? { priorityId: presets.priorityId } : {}),
    ...(presets.stateId ? { stateId: presets.stateId } : reopen ? { stateId: FOLLOW_UP_OPEN_STATE_ID } : {}),
    ...(presets.title ? { title: presets.title } : {}),
    ...(presets.customFields ? { customFields: presets.customFields } : {}),
  };
  if (Object.keys(changes).length) await updateTicket(ctx, actor, { ticketId: ticket.id, ...changes });
  if (reopen && isClosed && ticket.is_follow_up_lock) {
    // The queue asks that a reopened ticket goes back to its previous owner, locked.
    await ctx.db.updateTable('ticket').set({ lock: 'lock' }).where('id', '=', ticket.id).execute();
    await writeHistory(ctx, actor, ticket.id, [{ type: 'Lock', field: 'lock', oldValue: 'unlock', newValue: 'lock' }]);
  }
  return { ticketId: ticket.id, articleId: written.id, isFollowUp: true, autoResponse: !known ? null : rejected ? 'reject' : 'follow_up' };
}

/** A delivery report: attached as an internal article to the ticket of the bounced mail. */
export async function attachBounce(
  ctx: ServiceContext,
  actor: SystemActor,
  input: { mail: ParsedMail; rawMailId: number; bounce: Bounce },
): Promise<{ ticketId: number; articleId: number } | null> {
  if (!input.bounce.originalMessageId) return null;
  const original = await ctx.db.selectFrom('article').select(['id', 'ticket_id']).where('message_id', '=', input.bounce.originalMessageId).orderBy('id', 'desc').executeTakeFirst();
  if (!original) return null;
  const article = articleFromMail(input.mail, input.rawMailId, { senderType: 'system', isVisibleForCustomer: false }, null);
  const { article: written } = await addArticle(ctx, actor, { ticketId: original.ticket_id, article });
  await writeHistory(ctx, actor, original.ticket_id, [{ type: 'Bounce', articleId: original.id, field: 'delivery', newValue: input.bounce.reason.slice(0, 1000) }]);
  await markMailBounced(ctx, { messageId: input.bounce.originalMessageId, reason: input.bounce.reason });
  return { ticketId: original.ticket_id, articleId: written.id };
}

/** A mail that could not be parsed: a ticket in the Postmaster queue with the raw mail attached and a note why. */
export async function createUnreadableMailTicket(
  ctx: ServiceContext,
  actor: SystemActor,
  input: { rawMailId: number; raw: Buffer; error: string; existingTicketId: number | null },
): Promise<{ ticketId: number; articleId: number }> {
  const note: ArticleInput = {
    channel: 'note',
    senderType: 'system',
    isVisibleForCustomer: false,
    subject: 'Unreadable mail',
    bodyText: `This mail could not be read (${input.error}). The original is attached and stored as raw mail ${input.rawMailId}; an administrator can reprocess it.`,
    rawMailId: input.rawMailId,
    attachments: [{ filename: `raw-mail-${input.rawMailId}.eml`, contentType: 'message/rfc822', content: input.raw }],
  };
  if (input.existingTicketId) {
    const { article } = await addArticle(ctx, actor, { ticketId: input.existingTicketId, article: { ...note, attachments: [] } });
    return { ticketId: input.existingTicketId, articleId: article.id };
  }
  const ticket = await createTicketRecord(ctx, actor, { title: `Unreadable mail (raw mail ${input.rawMailId})`, queueId: POSTMASTER_QUEUE_ID, channel: 'email', article: note });
  return { ticketId: ticket.id, articleId: ticket.articleId as number };
}
