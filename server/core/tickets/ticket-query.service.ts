import type { LockState } from '../../../shared/domain.ts';
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { listHistoryRows, type HistoryView } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith, may } from '../permissions/permission.service.ts';
import { requireVisibleTicket } from './ticket-mutation.ts';
import { findCustomValues, findTicketView, selectTicketViews, toTicketView } from './ticket.repository.ts';
import type { TicketView } from './ticket.types.ts';

/** One ticket with its custom fields, if the actor may see it. */
export async function getTicket(ctx: ServiceContext, actor: Actor, ticketId: number): Promise<TicketView> {
  // The view carries the queue's group, so it answers the permission question itself; the
  // custom values are read beside it and dropped unless the actor may see the ticket.
  const [view, customFields] = await Promise.all([findTicketView(ctx, ticketId), findCustomValues(ctx, ticketId)]);
  if (!view || !may(actor, view.queue.groupId, 'ro')) throw notFound(`Ticket ${ticketId}`);
  return { ...view, customFields };
}

/** One ticket by its number (e.g. from a mail subject), if the actor may see it. */
export async function getTicketByNumber(ctx: ServiceContext, actor: Actor, tn: string): Promise<TicketView> {
  const row = await ctx.db.selectFrom('ticket').select('id').where('tn', '=', tn).executeTakeFirst();
  if (!row) throw notFound(`Ticket ${tn}`);
  return getTicket(ctx, actor, row.id);
}

export const TICKET_SORT_FIELDS = ['createdAt', 'changedAt', 'number', 'title', 'priority', 'state', 'queue', 'pendingUntil', 'escalationAt'] as const;
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
  /** Tickets this agent owns or is responsible for. */
  ownerOrResponsibleId?: number;
  customerUserIds?: number[];
  customerCompanyIds?: number[];
  locks?: LockState[];
  /** How the tickets reached the desk (email, web, phone, fax …). */
  channels?: string[];
  /** Words in the title or the ticket number. */
  search?: string;
  /** Only tickets whose escalation time has passed. */
  escalated?: boolean;
  /** Only tickets not yet escalated that escalate within this many minutes. */
  escalatesWithinMinutes?: number;
  /** Only tickets in a "pending reminder" state whose reminder time has come. */
  pendingReminderReached?: boolean;
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
  escalationAt: 't.escalation_at',
} as const;

const NULLABLE_SORT_FIELDS = new Set<TicketSortField>(['pendingUntil', 'escalationAt']);

/** Up to this many matching tickets, a page is sorted from the matches rather than read along an index. */
const SORT_MATCHES_LIMIT = 20_000;

/** A page of tickets the actor may see, with the total for paging. */
export async function listTickets(ctx: ServiceContext, actor: Actor, query: TicketListQuery): Promise<{ items: TicketView[]; total: number }> {
  const { items, total } = await findTickets(ctx, actor, query, true);
  return { items, total: total ?? 0 };
}

/** A page of tickets without counting them all: for callers that know the total (the overview, from its counts). */
export async function listTicketItems(ctx: ServiceContext, actor: Actor, query: TicketListQuery): Promise<TicketView[]> {
  return (await findTickets(ctx, actor, query, false)).items;
}

async function findTickets(ctx: ServiceContext, actor: Actor, query: TicketListQuery, withTotal: boolean): Promise<{ items: TicketView[]; total: number | null }> {
  const visibleGroups = groupsWith(actor, 'ro');
  if (visibleGroups !== null && visibleGroups.length === 0) return { items: [], total: 0 };
  const queueIds = query.queueIds && query.includeSubQueues ? await withSubQueues(ctx, query.queueIds) : query.queueIds;
  // State types become state ids first, so the filters sit on the (queue, state, created) index.
  const stateIds = await resolveStateIds(ctx, query);
  if (stateIds !== undefined && stateIds.length === 0) return { items: [], total: 0 };
  const filter = { ...query, stateTypes: undefined, stateIds, queueIds, visibleGroups, now: ctx.clock.now() };

  const sort = query.sort ?? 'createdAt';
  const order = query.order ?? 'desc';
  // Filters and sorting run on ticket, queue and state only; the names a view shows are joined
  // for the page's ids afterwards. With all joins at once, SQLite's planner walked the
  // created_at index of a million tickets instead of the (queue, state, created) index.
  const filtered = () =>
    ctx.db
      .selectFrom('ticket as t')
      .innerJoin('queue as q', 'q.id', 't.queue_id')
      .innerJoin('ticket_state as s', 's.id', 't.state_id')
      .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
      .where((eb) => eb.and(ticketConditions(eb, filter)));
  // The total joins only what the filters need: a count over a big queue stays an index count.
  const total = withTotal ? Number((await filtered().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()).total) : null;
  if (total === 0) return { items: [], total };
  // PostgreSQL pages by walking the date index from one end when it expects matches all along
  // it; a queue view's open tickets are all recent, so sorting oldest first read nearly every
  // ticket of the desk (1 s at a million). When the count says few match, sorting those is
  // cheap, and sorting by an expression keeps the planner on the (queue, state) index instead.
  const sortMatchesOnly = total !== null && total <= SORT_MATCHES_LIMIT;
  const sortColumn = SORT_COLUMNS[sort];
  const ids = await filtered()
    .select('t.id')
    .orderBy(sortMatchesOnly ? (eb) => eb.fn.coalesce(sortColumn, sortColumn) : sortColumn, (ob) => {
      const ordered = order === 'asc' ? ob.asc() : ob.desc();
      // Tickets without the value (no escalation, no pending time) come last on both dialects.
      // Only for nullable columns: NULLS LAST would stop PostgreSQL using an index on the others.
      return NULLABLE_SORT_FIELDS.has(sort) ? ordered.nullsLast() : ordered;
    })
    .orderBy('t.id', order)
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const pageIds = ids.map((r) => r.id);
  const views = pageIds.length ? await selectTicketViews(ctx).where('t.id', 'in', pageIds).execute() : [];
  const byId = new Map(views.map((v) => [v.id, v]));
  const rows = pageIds.map((id) => byId.get(id)).filter((v): v is (typeof views)[number] => v !== undefined);
  return { items: rows.map(toTicketView), total };
}

type FilterTables = { t: Database['ticket']; q: Database['queue']; s: Database['ticket_state']; st: Database['ticket_state_type'] };

/** The list's WHERE conditions, over ticket (t), queue (q) and state type (st) only. */
function ticketConditions(
  eb: ExpressionBuilder<FilterTables, keyof FilterTables>,
  f: TicketListQuery & { visibleGroups: number[] | null; now: Date },
): Expression<SqlBool>[] {
  const all: Expression<SqlBool>[] = [];
  const now = f.now.toISOString();
  if (f.visibleGroups !== null) all.push(eb('q.group_id', 'in', f.visibleGroups));
  if (f.queueIds?.length) all.push(eb('t.queue_id', 'in', f.queueIds));
  if (f.stateIds?.length) all.push(eb('t.state_id', 'in', f.stateIds));
  if (f.stateTypes?.length) all.push(eb('st.name', 'in', f.stateTypes));
  if (f.priorityIds?.length) all.push(eb('t.priority_id', 'in', f.priorityIds));
  if (f.ownerIds?.length) all.push(eb('t.owner_id', 'in', f.ownerIds));
  if (f.responsibleIds?.length) all.push(eb('t.responsible_id', 'in', f.responsibleIds));
  if (f.ownerOrResponsibleId !== undefined) all.push(eb.or([eb('t.owner_id', '=', f.ownerOrResponsibleId), eb('t.responsible_id', '=', f.ownerOrResponsibleId)]));
  if (f.customerUserIds?.length) all.push(eb('t.customer_user_id', 'in', f.customerUserIds));
  if (f.customerCompanyIds?.length) all.push(eb('t.customer_company_id', 'in', f.customerCompanyIds));
  if (f.locks?.length) all.push(eb('t.lock', 'in', f.locks));
  if (f.channels?.length) all.push(eb('t.channel', 'in', f.channels));
  if (f.search?.trim()) {
    // LIKE wildcards in the words are dropped: the dialects escape them differently.
    const pattern = `%${f.search.trim().toLowerCase().replace(/[\\%_]/g, '')}%`;
    all.push(eb.or([eb(eb.fn('lower', ['t.title']), 'like', pattern), eb('t.tn', 'like', pattern)]));
  }
  if (f.escalated) all.push(eb('t.escalation_at', '<=', now));
  if (f.escalatesWithinMinutes !== undefined) {
    const until = new Date(f.now.getTime() + f.escalatesWithinMinutes * 60_000).toISOString();
    all.push(eb('t.escalation_at', '>', now), eb('t.escalation_at', '<=', until));
  }
  // The state part of "reminder reached" is among the resolved state ids.
  if (f.pendingReminderReached) all.push(eb('t.pending_until', '<=', now));
  return all;
}

/** The state ids the query's state ids, state types and "reminder reached" allow; undefined = any. */
async function resolveStateIds(ctx: ServiceContext, query: TicketListQuery): Promise<number[] | undefined> {
  const types = [...(query.stateTypes ?? [])];
  if (!types.length && !query.pendingReminderReached) return query.stateIds;
  const states = await ctx.db
    .selectFrom('ticket_state as s')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .select(['s.id', 'st.name as type'])
    .execute();
  return states
    .filter((state) => !types.length || types.includes(state.type))
    .filter((state) => !query.pendingReminderReached || state.type === 'pending reminder')
    .filter((state) => !query.stateIds?.length || query.stateIds.includes(state.id))
    .map((state) => state.id);
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
