import type { ServiceContext } from '../context.ts';
import { writeHistory } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import type { ParsedMail } from './parsed-mail.ts';
import { findTicketNumbers } from './ticket-tag.ts';

/** The ticket a mail follows up on, and how that was recognised. */
export interface FollowUpMatch {
  ticketId: number;
  via: 'subject' | 'references' | 'body';
}

/**
 * Finds the ticket a mail belongs to, in OTRS's order: ticket tag in the subject, then
 * In-Reply-To/References naming a message of a ticket, then (when enabled) a number quoted
 * in the body. A merged ticket's mail goes on to the ticket it was merged into.
 */
export async function detectFollowUp(ctx: ServiceContext, mail: ParsedMail): Promise<FollowUpMatch | null> {
  const bySubject = await firstExistingTicket(ctx, findTicketNumbers(mail.subject, ctx.settings));
  if (bySubject) return { ticketId: await followMerges(ctx, bySubject), via: 'subject' };

  const ids = [...new Set([mail.inReplyTo, ...mail.references].filter((id): id is string => !!id))];
  if (ids.length) {
    const article = await ctx.db.selectFrom('article').select('ticket_id').where('message_id', 'in', ids).orderBy('id', 'desc').executeTakeFirst();
    if (article) return { ticketId: await followMerges(ctx, article.ticket_id), via: 'references' };
  }

  if (ctx.settings.followUpSearchBody) {
    const byBody = await firstExistingTicket(ctx, findTicketNumbers(mail.text.slice(0, 200_000), ctx.settings));
    if (byBody) return { ticketId: await followMerges(ctx, byBody), via: 'body' };
  }
  return null;
}

async function firstExistingTicket(ctx: ServiceContext, numbers: string[]): Promise<number | null> {
  if (numbers.length === 0) return null;
  const rows = await ctx.db.selectFrom('ticket').select(['id', 'tn']).where('tn', 'in', numbers).execute();
  for (const tn of numbers) {
    const row = rows.find((r) => r.tn === tn);
    if (row) return row.id;
  }
  return null;
}

async function followMerges(ctx: ServiceContext, ticketId: number): Promise<number> {
  let current = ticketId;
  for (let hop = 0; hop < 10; hop++) {
    const row = await ctx.db.selectFrom('ticket').select('merged_into_id').where('id', '=', current).executeTakeFirst();
    if (!row?.merged_into_id) return current;
    current = row.merged_into_id;
  }
  return current;
}

/** What a follow-up does to its ticket, per the queue's follow-up option as OTRS decides it. */
export interface FollowUpPlan {
  /** append: added to the ticket; reject: added, but a closed ticket stays closed; new_ticket: a new linked ticket instead. */
  action: 'append' | 'reject' | 'new_ticket';
  /** Whether the ticket goes back to "open". */
  reopen: boolean;
}

/** The state a follow-up reopens a ticket into ("open"). */
export const FOLLOW_UP_OPEN_STATE_ID = 4;

/** Decides a follow-up from the ticket's state type and its queue's follow-up option (possible, reject, new_ticket). */
export function planFollowUp(stateType: string, followUpOption: string): FollowUpPlan {
  const isClosed = stateType === 'closed' || stateType === 'removed';
  if (isClosed && followUpOption === 'new_ticket') return { action: 'new_ticket', reopen: false };
  if (isClosed && followUpOption === 'reject') return { action: 'reject', reopen: false };
  // New tickets stay new; every other state reopens.
  return { action: 'append', reopen: stateType !== 'new' && stateType !== 'open' };
}

/**
 * After a follow-up reopened a closed ticket: when the queue asks for it (OTRS FollowUpLock),
 * the ticket goes back to its previous owner, locked.
 */
export async function lockReopenedTicket(ctx: ServiceContext, actor: Actor, ticketId: number): Promise<void> {
  await ctx.db.updateTable('ticket').set({ lock: 'lock' }).where('id', '=', ticketId).execute();
  await writeHistory(ctx, actor, ticketId, [{ type: 'Lock', field: 'lock', oldValue: 'unlock', newValue: 'lock' }]);
}

const EMAIL = /[^\s<>,;:"'()[\]]+@[^\s<>,;:"'()[\]]+/g;

/** Mail addresses in a stored header string ("Sam <sam@x>, b@y"), lower-cased. */
export function addressesIn(text: string | null): string[] {
  return (text?.match(EMAIL) ?? []).map((a) => a.toLowerCase());
}

/**
 * Whether a follow-up's sender belongs to the thread: the ticket's customer, anyone who
 * wrote or was addressed in it, or an agent. Anyone else only guessed or copied a number.
 */
export async function isKnownSender(ctx: ServiceContext, ticketId: number, sender: string): Promise<boolean> {
  const address = sender.toLowerCase();
  const customer = await ctx.db
    .selectFrom('ticket as t')
    .innerJoin('customer_user as cu', 'cu.id', 't.customer_user_id')
    .select('cu.email')
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
  if (customer?.email.toLowerCase() === address) return true;
  const articles = await ctx.db.selectFrom('article').select(['from_address', 'to_address', 'cc_address']).where('ticket_id', '=', ticketId).execute();
  if (articles.some((a) => [a.from_address, a.to_address, a.cc_address].some((field) => addressesIn(field).includes(address)))) return true;
  const agent = await ctx.db
    .selectFrom('agent')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', address))
    .where('is_valid', '=', true)
    .executeTakeFirst();
  return !!agent;
}
