import { VIEWABLE_STATE_TYPES, type StateType } from '../../../shared/domain.ts';
import { nowIso, type ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith } from '../permissions/permission.service.ts';
import { listTickets, type TicketListQuery } from './ticket-query.service.ts';
import type { TicketView } from './ticket.types.ts';

/** Open work in one queue. */
export interface QueueCounts {
  new: number;
  open: number;
  /** Pending reminder and pending auto. */
  pending: number;
  /** Escalation time passed. */
  escalated: number;
  /** Locked by an agent. */
  locked: number;
  total: number;
}

/** A queue the agent may see, with its open work; parentId lets clients draw the tree. */
export interface OverviewQueue {
  id: number;
  name: string;
  fullName: string;
  /** May name a queue the agent cannot see; such a queue is drawn as a root. */
  parentId: number | null;
  counts: QueueCounts;
}

/** The first tickets of a list and how many there are. */
export interface OverviewList {
  total: number;
  items: TicketView[];
}

export const OVERVIEW_LISTS = ['myLocked', 'myOwnedOrResponsible', 'pendingReminderReached', 'escalated', 'escalatingSoon'] as const;
export type OverviewListName = (typeof OVERVIEW_LISTS)[number];

/** An agent's start page: queues with counts and the lists that need attention. */
export interface Overview {
  queues: OverviewQueue[];
  lists: Record<OverviewListName, OverviewList>;
}

export const DEFAULT_SOON_MINUTES = 120;
export const MAX_SOON_MINUTES = 10_080;
const LIST_SIZE = 10;

/**
 * The overview over every queue the actor may read (`ro`): per-queue counts of open work
 * (grouped in one query, not one per queue) and five short ticket lists. Tickets in queues the
 * actor cannot read appear nowhere.
 */
export async function getOverview(ctx: ServiceContext, actor: Actor, input: { soonMinutes?: number } = {}): Promise<Overview> {
  const soonMinutes = input.soonMinutes ?? DEFAULT_SOON_MINUTES;
  if (!Number.isInteger(soonMinutes) || soonMinutes < 1 || soonMinutes > MAX_SOON_MINUTES) {
    throw invalid('soonMinutes', `must be a whole number of minutes from 1 to ${MAX_SOON_MINUTES}`);
  }
  const visibleGroups = groupsWith(actor, 'ro');
  const [queues, lists] = await Promise.all([queuesWithCounts(ctx, visibleGroups), overviewLists(ctx, actor, soonMinutes)]);
  return { queues, lists };
}

async function queuesWithCounts(ctx: ServiceContext, visibleGroups: number[] | null): Promise<OverviewQueue[]> {
  if (visibleGroups !== null && visibleGroups.length === 0) return [];
  let queueQuery = ctx.db.selectFrom('queue').select(['id', 'name', 'full_name', 'parent_id', 'is_valid']).orderBy('full_name');
  if (visibleGroups !== null) queueQuery = queueQuery.where('group_id', 'in', visibleGroups);
  const queues = await queueQuery.execute();
  if (queues.length === 0) return [];
  const counts = await countOpenWork(ctx, queues.map((q) => q.id));
  return (
    queues
      .map((q) => ({ id: q.id, name: q.name, fullName: q.full_name, parentId: q.parent_id, counts: counts.get(q.id) ?? emptyCounts(), isValid: q.is_valid }))
      // An invalid queue still shows while open tickets are left in it.
      .filter((q) => q.isValid || q.counts.total > 0)
      .map(({ isValid: _isValid, ...q }) => q)
  );
}

/** Open-work counts per queue from one GROUP BY over the (queue_id, state_id) index. */
async function countOpenWork(ctx: ServiceContext, queueIds: number[]): Promise<Map<number, QueueCounts>> {
  const states = await ctx.db
    .selectFrom('ticket_state as s')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .select(['s.id', 'st.name as type'])
    .where('st.name', 'in', [...VIEWABLE_STATE_TYPES])
    .execute();
  const typeOf = new Map(states.map((s) => [s.id, s.type as StateType]));
  if (typeOf.size === 0) return new Map();
  const now = nowIso(ctx);
  const rows = await ctx.db
    .selectFrom('ticket as t')
    .select((eb) => [
      't.queue_id',
      't.state_id',
      't.lock',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('t.escalation_at', '<=', now).then(1).else(0).end()).as('escalated'),
    ])
    .where('t.queue_id', 'in', queueIds)
    .where('t.state_id', 'in', [...typeOf.keys()])
    .groupBy(['t.queue_id', 't.state_id', 't.lock'])
    .execute();
  const result = new Map<number, QueueCounts>();
  for (const row of rows) {
    const counts = result.get(row.queue_id) ?? emptyCounts();
    const n = Number(row.n);
    const type = typeOf.get(row.state_id);
    if (type === 'new') counts.new += n;
    else if (type === 'open') counts.open += n;
    else counts.pending += n;
    if (row.lock === 'lock') counts.locked += n;
    counts.escalated += Number(row.escalated ?? 0);
    counts.total += n;
    result.set(row.queue_id, counts);
  }
  return result;
}

function emptyCounts(): QueueCounts {
  return { new: 0, open: 0, pending: 0, escalated: 0, locked: 0, total: 0 };
}

/** The five lists, each through the ticket list query so visibility rules are the same. */
async function overviewLists(ctx: ServiceContext, actor: Actor, soonMinutes: number): Promise<Record<OverviewListName, OverviewList>> {
  const page = { limit: LIST_SIZE, offset: 0 };
  const open = { stateTypes: [...VIEWABLE_STATE_TYPES], ...page };
  const recent = { sort: 'changedAt', order: 'desc' } as const;
  const soonest = { sort: 'escalationAt', order: 'asc' } as const;
  const agentId = actor.kind === 'agent' ? actor.agentId : null;
  const none = async (): Promise<OverviewList> => ({ total: 0, items: [] });
  const list = (query: TicketListQuery) => listTickets(ctx, actor, query);
  const [myLocked, myOwnedOrResponsible, pendingReminderReached, escalated, escalatingSoon] = await Promise.all([
    // The system actor owns no tickets of its own.
    agentId === null ? none() : list({ ...open, ...recent, ownerIds: [agentId], locks: ['lock'] }),
    agentId === null ? none() : list({ ...open, ...recent, ownerOrResponsibleId: agentId }),
    list({ ...page, ...recent, pendingReminderReached: true }),
    list({ ...open, ...soonest, escalated: true }),
    list({ ...open, ...soonest, escalatesWithinMinutes: soonMinutes }),
  ]);
  return { myLocked, myOwnedOrResponsible, pendingReminderReached, escalated, escalatingSoon };
}
