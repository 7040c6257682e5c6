import type { LockState } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { listHistoryRows, type HistoryView } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith } from '../permissions/permission.service.ts';
import { requireVisibleTicket } from './ticket-mutation.ts';
import { findCustomValues, findTicketView, selectTicketViews, toTicketView } from './ticket.repository.ts';
import type { TicketView } from './ticket.types.ts';

/** One ticket with its custom fields, if the actor may see it. */
export async function getTicket(ctx: ServiceContext, actor: Actor, ticketId: number): Promise<TicketView> {
  await requireVisibleTicket(ctx, actor, ticketId);
  const view = await findTicketView(ctx, ticketId);
  if (!view) throw notFound(`Ticket ${ticketId}`);
  return { ...view, customFields: await findCustomValues(ctx, ticketId) };
}

/** One ticket by its number (e.g. from a mail subject), if the actor may see it. */
export async function getTicketByNumber(ctx: ServiceContext, actor: Actor, tn: string): Promise<TicketView> {
  const row = await ctx.db.selectFrom('ticket').select('id').where('tn', '=', tn).executeTakeFirst();
  if (!row) throw notFound(`Ticket ${tn}`);
  return getTicket(ctx, actor, row.id);
}

export const TICKET_SORT_FIELDS = ['createdAt', 'changedAt', 'number', 'title', 'priority', 'state', 'queue', 'pendingUntil'] as const;
export type TicketSortField = (typeof TICKET_SORT_FIELDS)[number];

/** Filters, sorting and paging of the ticket list. Every filter narrows; lists mean "any of". */
export interface TicketListQuery {
  queueIds?: number[];
  /** Include tickets of sub-queues of queueIds. */
  includeSubQueues?: boolean;
  stateIds?: number[];
  stateTypes?: string[];
  priorityIds?: number[];
  ownerIds?: number[];
  responsibleIds?: number[];
  customerUserIds?: number[];
  customerCompanyIds?: number[];
  locks?: LockState[];
  /** Words in the title or the ticket number. */
  search?: string;
  sort?: TicketSortField;
  order?: 'asc' | 'desc';
  limit: number;
  offset: number;
}

const SORT_COLUMNS = {
  createdAt: 't.created_at',
  changedAt: 't.changed_at',
  number: 't.tn',
  title: 't.title',
  priority: 't.priority_id',
  state: 's.name',
  queue: 'q.full_name',
  pendingUntil: 't.pending_until',
} as const;

/** A page of tickets the actor may see, with the total for paging. */
export async function listTickets(ctx: ServiceContext, actor: Actor, query: TicketListQuery): Promise<{ items: TicketView[]; total: number }> {
  const visibleGroups = groupsWith(actor, 'ro');
  if (visibleGroups !== null && visibleGroups.length === 0) return { items: [], total: 0 };
  const queueIds = query.queueIds && query.includeSubQueues ? await withSubQueues(ctx, query.queueIds) : query.queueIds;

  let base = selectTicketViews(ctx);
  if (visibleGroups !== null) base = base.where('q.group_id', 'in', visibleGroups);
  if (queueIds?.length) base = base.where('t.queue_id', 'in', queueIds);
  if (query.stateIds?.length) base = base.where('t.state_id', 'in', query.stateIds);
  if (query.stateTypes?.length) base = base.where('st.name', 'in', query.stateTypes);
  if (query.priorityIds?.length) base = base.where('t.priority_id', 'in', query.priorityIds);
  if (query.ownerIds?.length) base = base.where('t.owner_id', 'in', query.ownerIds);
  if (query.responsibleIds?.length) base = base.where('t.responsible_id', 'in', query.responsibleIds);
  if (query.customerUserIds?.length) base = base.where('t.customer_user_id', 'in', query.customerUserIds);
  if (query.customerCompanyIds?.length) base = base.where('t.customer_company_id', 'in', query.customerCompanyIds);
  if (query.locks?.length) base = base.where('t.lock', 'in', query.locks);
  if (query.search?.trim()) {
    // LIKE wildcards in the words are dropped: the dialects escape them differently.
    const pattern = `%${query.search.trim().toLowerCase().replace(/[\\%_]/g, '')}%`;
    base = base.where((eb) => eb.or([eb(eb.fn('lower', ['t.title']), 'like', pattern), eb('t.tn', 'like', pattern)]));
  }

  const column = SORT_COLUMNS[query.sort ?? 'createdAt'];
  const order = query.order ?? 'desc';
  const [rows, count] = await Promise.all([
    base.orderBy(column, order).orderBy('t.id', order).limit(query.limit).offset(query.offset).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toTicketView), total: Number(count.total) };
}

async function withSubQueues(ctx: ServiceContext, queueIds: number[]): Promise<number[]> {
  const all = new Set(queueIds);
  let level = queueIds;
  while (level.length > 0) {
    const children = await ctx.db.selectFrom('queue').select('id').where('parent_id', 'in', level).execute();
    level = children.map((c) => c.id).filter((id) => !all.has(id));
    level.forEach((id) => all.add(id));
  }
  return [...all];
}

/** A ticket's complete history, if the actor may see the ticket. */
export async function getTicketHistory(ctx: ServiceContext, actor: Actor, ticketId: number): Promise<HistoryView[]> {
  await requireVisibleTicket(ctx, actor, ticketId);
  return listHistoryRows(ctx, ticketId);
}
