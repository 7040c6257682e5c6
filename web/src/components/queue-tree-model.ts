/**
 * The queue tree as the overview and the queue view draw it, and the queue view's address for a
 * queue and count filter (shared so the overview's count links and the queue view agree).
 */
import type { OverviewQueue } from '../lib/api-types';

/** A queue's open work, as the server's overview describes it (one definition, from the API types). */
export type QueueCounts = OverviewQueue['counts'];

export interface TreeQueue {
  id: number;
  name: string;
  fullName: string;
  parentId: number | null;
  counts: QueueCounts;
}

export interface QueueTreeRow<Q extends TreeQueue = TreeQueue> {
  queue: Q;
  /** 0 for a root; a queue whose parent the agent cannot see is a root. */
  depth: number;
}

/** Queues in tree order (parents before their children, siblings by name), each with its depth. */
export function flattenQueueTree<Q extends TreeQueue>(queues: readonly Q[]): QueueTreeRow<Q>[] {
  const known = new Set(queues.map((q) => q.id));
  const children = new Map<number | null, Q[]>();
  for (const queue of queues) {
    const parent = queue.parentId !== null && known.has(queue.parentId) && queue.parentId !== queue.id ? queue.parentId : null;
    const siblings = children.get(parent) ?? [];
    siblings.push(queue);
    children.set(parent, siblings);
  }
  for (const siblings of children.values()) siblings.sort((a, b) => a.name.localeCompare(b.name));
  const rows: QueueTreeRow<Q>[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const queue of children.get(parent) ?? []) {
      if (seen.has(queue.id)) continue; // a broken parent cycle must not loop forever
      seen.add(queue.id);
      rows.push({ queue, depth });
      walk(queue.id, depth + 1);
    }
  };
  walk(null, 0);
  // Queues caught in a parent cycle are unreachable from a root: show them as roots.
  for (const queue of queues) if (!seen.has(queue.id)) rows.push({ queue, depth: 0 });
  return rows;
}

/** Sum of the counts of all queues ("all my queues"). */
export function sumCounts(queues: readonly TreeQueue[]): QueueCounts {
  const sum: QueueCounts = { new: 0, open: 0, pending: 0, escalated: 0, locked: 0, total: 0 };
  for (const { counts } of queues) for (const key of Object.keys(sum) as (keyof QueueCounts)[]) sum[key] += counts[key];
  return sum;
}

/** A count of the overview, as a queue view filter. */
export type CountFilter = keyof QueueCounts;

/** State types of the open work (new, open, pending): the queue view's default. */
export const OPEN_WORK_STATE_TYPES = ['new', 'open', 'pending reminder', 'pending auto'] as const;

/**
 * Named state type sets the queue view understands in its stateType parameter, besides a
 * comma-separated list of state types: short, readable addresses such as /queues/5?stateType=pending.
 */
export const STATE_TYPE_PRESETS = {
  'open-work': [...OPEN_WORK_STATE_TYPES],
  new: ['new'],
  open: ['open'],
  pending: ['pending reminder', 'pending auto'],
  closed: ['closed'],
  all: ['new', 'open', 'pending reminder', 'pending auto', 'closed'],
} as const;

/** Search parameters of the queue view that list the tickets behind one count of the overview. */
export function countFilterParams(filter: CountFilter): Record<string, string> {
  switch (filter) {
    case 'new':
    case 'open':
    case 'pending':
      return { stateType: filter };
    case 'escalated':
      return { stateType: 'open-work', escalated: 'true' };
    case 'locked':
      return { stateType: 'open-work', lock: 'locked' };
    case 'total':
      return { stateType: 'open-work' };
  }
}

/** The queue view's address for a queue (null: all my queues) and further search parameters. */
export function queueViewHref(queueId: number | null, params: Record<string, string> = {}): string {
  const search = new URLSearchParams(params).toString();
  return (queueId === null ? '/queues' : `/queues/${queueId}`) + (search ? `?${search}` : '');
}
