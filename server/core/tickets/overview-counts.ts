import { VIEWABLE_STATE_TYPES, type StateType } from '../../../shared/domain.ts';
import type { Expression, SqlBool } from 'kysely';
import type { ServiceContext } from '../context.ts';

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

/** Counts per queue, the totals of the overview's clock-driven lists, and when the clock changes them. */
export interface OpenWork {
  byQueue: Map<number, QueueCounts>;
  /** Open tickets whose escalation time has passed (the "escalated" list's total). */
  escalated: number;
  /** Open tickets escalating within the soon window (the "escalating soon" list's total). */
  escalatingSoon: number;
  /** Tickets in a "pending reminder" state whose time has come. */
  pendingReminderReached: number;
  /** The first instant (ms) at which passing time alone changes any figure; Infinity if none. */
  validUntil: number;
}

export function emptyCounts(): QueueCounts {
  return { new: 0, open: 0, pending: 0, escalated: 0, locked: 0, total: 0 };
}

/**
 * Open work in the given queues from one GROUP BY over the (queue_id, state_id) index. The
 * same pass yields the totals of three overview lists, so those lists need no count query of
 * their own (the escalated count alone read every open ticket a second time), and the next
 * escalation and reminder times, so a cached result ends exactly when the clock passes one.
 */
export async function countOpenWork(ctx: ServiceContext, queueIds: number[], soonMinutes: number): Promise<OpenWork> {
  const nowMs = ctx.clock.now().getTime();
  const work: OpenWork = { byQueue: new Map(), escalated: 0, escalatingSoon: 0, pendingReminderReached: 0, validUntil: Infinity };
  const typeOf = await viewableStateTypes(ctx);
  if (typeOf.size === 0 || queueIds.length === 0) return work;
  const now = new Date(nowMs).toISOString();
  const soonUntil = new Date(nowMs + soonMinutes * 60_000).toISOString();
  const rows = await ctx.db
    .selectFrom('ticket as t')
    .select((eb) => {
      const countWhere = (condition: Expression<SqlBool>) => eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());
      const firstAfter = (column: 't.escalation_at' | 't.pending_until', after: string) =>
        eb.fn.min<string | null>(eb.case().when(column, '>', after).then(eb.ref(column)).end());
      return [
        't.queue_id',
        't.state_id',
        't.lock',
        eb.fn.countAll<number>().as('n'),
        countWhere(eb('t.escalation_at', '<=', now)).as('escalated'),
        countWhere(eb.and([eb('t.escalation_at', '>', now), eb('t.escalation_at', '<=', soonUntil)])).as('soon'),
        countWhere(eb('t.pending_until', '<=', now)).as('reminded'),
        // When the next ticket escalates, enters the soon window, or reaches its reminder.
        firstAfter('t.escalation_at', now).as('next_escalation'),
        firstAfter('t.escalation_at', soonUntil).as('next_soon'),
        firstAfter('t.pending_until', now).as('next_reminder'),
      ];
    })
    .where('t.queue_id', 'in', queueIds)
    .where('t.state_id', 'in', [...typeOf.keys()])
    .groupBy(['t.queue_id', 't.state_id', 't.lock'])
    .execute();
  const soonMs = soonMinutes * 60_000;
  for (const row of rows) {
    const type = typeOf.get(row.state_id);
    addToQueue(work.byQueue, row.queue_id, type, row.lock === 'lock', Number(row.n), Number(row.escalated ?? 0));
    work.escalated += Number(row.escalated ?? 0);
    work.escalatingSoon += Number(row.soon ?? 0);
    work.validUntil = Math.min(work.validUntil, instant(row.next_escalation), instant(row.next_soon) - soonMs);
    // The list's rule: only a "pending reminder" ticket is ever "reached", not pending auto.
    if (type !== 'pending reminder') continue;
    work.pendingReminderReached += Number(row.reminded ?? 0);
    work.validUntil = Math.min(work.validUntil, instant(row.next_reminder));
  }
  return work;
}

/** Ids of the states whose tickets count as open work, with their type. */
async function viewableStateTypes(ctx: ServiceContext): Promise<Map<number, StateType>> {
  const states = await ctx.db
    .selectFrom('ticket_state as s')
    .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
    .select(['s.id', 'st.name as type'])
    .where('st.name', 'in', [...VIEWABLE_STATE_TYPES])
    .execute();
  return new Map(states.map((s) => [s.id, s.type as StateType]));
}

function addToQueue(byQueue: Map<number, QueueCounts>, queueId: number, type: StateType | undefined, locked: boolean, n: number, escalated: number): void {
  const counts = byQueue.get(queueId) ?? emptyCounts();
  if (type === 'new') counts.new += n;
  else if (type === 'open') counts.open += n;
  else counts.pending += n;
  if (locked) counts.locked += n;
  counts.escalated += escalated;
  counts.total += n;
  byQueue.set(queueId, counts);
}

function instant(iso: string | null | undefined): number {
  return iso ? Date.parse(iso) : Infinity;
}
