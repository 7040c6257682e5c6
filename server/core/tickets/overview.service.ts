import { VIEWABLE_STATE_TYPES } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { groupsWith } from '../permissions/permission.service.ts';
import { changeMarker, overviewCacheOf, type Computed } from './overview-cache.ts';
import { countOpenWork, emptyCounts, type QueueCounts } from './overview-counts.ts';
import { listTicketItems, listTickets, type TicketListQuery } from './ticket-query.service.ts';
import type { TicketView } from './ticket.types.ts';

export type { QueueCounts } from './overview-counts.ts';

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

type PersonalLists = Pick<Overview['lists'], 'myLocked' | 'myOwnedOrResponsible'>;
type QueueLists = Omit<Overview['lists'], keyof PersonalLists>;
/** What every actor with the same visible queues sees alike: counts and the clock-driven lists. */
type QueuePart = { counts: Map<number, QueueCounts>; lists: QueueLists };
type QueueRow = { id: number; name: string; full_name: string; parent_id: number | null; is_valid: boolean };

/**
 * The overview over every queue the actor may read (`ro`): per-queue counts of open work
 * (grouped in one query, not one per queue) and five short ticket lists. Tickets in queues the
 * actor cannot read appear nowhere. Counts and lists come from the overview cache while no
 * ticket changed (overview-cache.ts); the queues themselves are read each time (one small query).
 */
export async function getOverview(ctx: ServiceContext, actor: Actor, input: { soonMinutes?: number } = {}): Promise<Overview> {
  const soonMinutes = input.soonMinutes ?? DEFAULT_SOON_MINUTES;
  if (!Number.isInteger(soonMinutes) || soonMinutes < 1 || soonMinutes > MAX_SOON_MINUTES) {
    throw invalid('soonMinutes', `must be a whole number of minutes from 1 to ${MAX_SOON_MINUTES}`);
  }
  const visibleGroups = groupsWith(actor, 'ro');
  const queues = await visibleQueues(ctx, visibleGroups);
  const agentId = actor.kind === 'agent' ? actor.agentId : null;
  // The key names everything the parts depend on besides the tickets and the clock: the
  // groups decide what listTickets shows, the queue ids what is counted.
  const visibility = `${visibleGroups === null ? 'all' : [...visibleGroups].sort((a, b) => a - b).join(',')}|${queues.map((q) => q.id).join(',')}`;
  const cached = await cachedBy(ctx);
  const [queuePart, personal] = await Promise.all([
    cached(`queues|${visibility}|${soonMinutes}`, () => computeQueuePart(ctx, actor, queues, soonMinutes)),
    // The system actor owns no tickets of its own.
    agentId === null ? noPersonalLists() : cached(`agent ${agentId}|${visibility}`, () => computePersonalLists(ctx, actor, agentId)),
  ]);
  return { queues: withCounts(queues, queuePart.counts), lists: { ...personal, ...queuePart.lists } };
}

/** Reads a part through the cache, or computes it directly inside a transaction. */
async function cachedBy(ctx: ServiceContext) {
  const cache = overviewCacheOf(ctx);
  const marker = cache ? await changeMarker(ctx) : '';
  return async <T>(key: string, compute: () => Promise<Computed<T>>): Promise<T> =>
    cache ? cache.get(key, marker, ctx.clock.now().getTime(), compute) : (await compute()).value;
}

async function visibleQueues(ctx: ServiceContext, visibleGroups: number[] | null): Promise<QueueRow[]> {
  if (visibleGroups !== null && visibleGroups.length === 0) return [];
  let queueQuery = ctx.db.selectFrom('queue').select(['id', 'name', 'full_name', 'parent_id', 'is_valid']).orderBy('full_name');
  if (visibleGroups !== null) queueQuery = queueQuery.where('group_id', 'in', visibleGroups);
  return queueQuery.execute();
}

function withCounts(queues: QueueRow[], counts: Map<number, QueueCounts>): OverviewQueue[] {
  return (
    queues
      .map((q) => ({ id: q.id, name: q.name, fullName: q.full_name, parentId: q.parent_id, counts: counts.get(q.id) ?? emptyCounts(), isValid: q.is_valid }))
      // An invalid queue still shows while open tickets are left in it.
      .filter((q) => q.isValid || q.counts.total > 0)
      .map(({ isValid: _isValid, ...q }) => q)
  );
}

const page = { limit: LIST_SIZE, offset: 0 };
const open = { stateTypes: [...VIEWABLE_STATE_TYPES], ...page };
const recent = { sort: 'changedAt', order: 'desc' } as const;
const soonest = { sort: 'escalationAt', order: 'asc' } as const;

/**
 * Counts and the three lists the clock moves, each list through the ticket list query so
 * visibility rules are the same. Their totals come from the counts' single pass.
 */
async function computeQueuePart(ctx: ServiceContext, actor: Actor, queues: QueueRow[], soonMinutes: number): Promise<Computed<QueuePart>> {
  const items = (query: TicketListQuery) => listTicketItems(ctx, actor, query);
  const [work, pendingReminderReached, escalated, escalatingSoon] = await Promise.all([
    countOpenWork(ctx, queues.map((q) => q.id), soonMinutes),
    items({ ...page, ...recent, pendingReminderReached: true }),
    items({ ...open, ...soonest, escalated: true }),
    items({ ...open, ...soonest, escalatesWithinMinutes: soonMinutes }),
  ]);
  const lists: QueueLists = {
    pendingReminderReached: { total: work.pendingReminderReached, items: pendingReminderReached },
    escalated: { total: work.escalated, items: escalated },
    escalatingSoon: { total: work.escalatingSoon, items: escalatingSoon },
  };
  return { value: { counts: work.byQueue, lists }, validUntil: work.validUntil };
}

/** The agent's own lists; no time in them, so only a ticket change (or the age limit) ends them. */
async function computePersonalLists(ctx: ServiceContext, actor: Actor, agentId: number): Promise<Computed<PersonalLists>> {
  const [myLocked, myOwnedOrResponsible] = await Promise.all([
    listTickets(ctx, actor, { ...open, ...recent, ownerIds: [agentId], locks: ['lock'] }),
    listTickets(ctx, actor, { ...open, ...recent, ownerOrResponsibleId: agentId }),
  ]);
  return { value: { myLocked, myOwnedOrResponsible }, validUntil: Infinity };
}

async function noPersonalLists(): Promise<PersonalLists> {
  return { myLocked: { total: 0, items: [] }, myOwnedOrResponsible: { total: 0, items: [] } };
}
