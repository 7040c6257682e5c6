import type { ServiceContext } from '../context.ts';
import { nowIso } from '../context.ts';
import { actorAgentId, type Actor } from '../permissions/actor.ts';

/** History types, named as in OTRS so reports and trained eyes carry over. */
export type HistoryType =
  | 'NewTicket'
  | 'AddNote'
  | 'EmailAgent'
  | 'EmailCustomer'
  | 'PhoneCallAgent'
  | 'PhoneCallCustomer'
  | 'WebRequestCustomer'
  | 'ArticleCreate'
  | 'Move'
  | 'StateUpdate'
  | 'PriorityUpdate'
  | 'TypeUpdate'
  | 'ServiceUpdate'
  | 'SLAUpdate'
  | 'TitleUpdate'
  | 'OwnerUpdate'
  | 'ResponsibleUpdate'
  | 'CustomerUpdate'
  | 'SetPendingTime'
  | 'Lock'
  | 'Unlock'
  | 'LockTakeover'
  | 'CustomFieldUpdate'
  | 'Merged'
  | 'TicketLinkAdd'
  | 'TicketLinkDelete'
  | 'TimeAccounting'
  | 'FollowUp'
  | 'Bounce'
  | 'SenderAccepted'
  | 'SendAutoReply'
  | 'SendAutoReject'
  | 'SendAutoFollowUp'
  | 'LoopProtection'
  | 'EmailResend'
  | 'SystemRequest'
  | 'Misc';

/** One history entry: what changed, from what, to what. */
export interface HistoryEntry {
  type: HistoryType;
  field?: string;
  oldValue?: string | null;
  newValue?: string | null;
  articleId?: number | null;
  /** The customer user who caused it (portal actions). */
  customerUserId?: number | null;
}

/**
 * Writes history rows for a ticket in the caller's transaction, stamped with actor and time
 * (held for the transaction's end when it defers rows: mail intake).
 */
export async function writeHistory(ctx: ServiceContext, actor: Actor, ticketId: number, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const createdAt = nowIso(ctx);
  const rows = entries.map((e) => ({
    ticket_id: ticketId,
    article_id: e.articleId ?? null,
    history_type: e.type,
    field: e.field ?? null,
    old_value: e.oldValue ?? null,
    new_value: e.newValue ?? null,
    agent_id: actorAgentId(actor),
    customer_user_id: e.customerUserId ?? null,
    created_at: createdAt,
  }));
  if (ctx.deferred) ctx.deferred.addHistory(rows);
  else await ctx.db.insertInto('ticket_history').values(rows).execute();
}

/** One row of a ticket's history as the API shows it. */
export interface HistoryView {
  id: number;
  type: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  articleId: number | null;
  agent: { id: number; login: string } | null;
  createdAt: string;
}

/** A ticket's history, oldest first. */
export async function listHistoryRows(ctx: ServiceContext, ticketId: number): Promise<HistoryView[]> {
  const rows = await ctx.db
    .selectFrom('ticket_history as h')
    .leftJoin('agent as a', 'a.id', 'h.agent_id')
    .select(['h.id', 'h.history_type', 'h.field', 'h.old_value', 'h.new_value', 'h.article_id', 'h.agent_id', 'a.login', 'h.created_at'])
    .where('h.ticket_id', '=', ticketId)
    .orderBy('h.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.history_type,
    field: r.field,
    oldValue: r.old_value,
    newValue: r.new_value,
    articleId: r.article_id,
    agent: r.agent_id !== null && r.login !== null ? { id: r.agent_id, login: r.login } : null,
    createdAt: r.created_at,
  }));
}
