/** Options of an event cursor. */
export interface EventCursorOptions {
  /** How long a skipped id is asked for again before it counts as a rolled-back transaction. */
  gapTtlMs: number;
  /** Most skipped ids remembered; beyond this the oldest are given up. */
  maxGaps: number;
}

/**
 * Where a poller stands in an id-ordered event table. Ids are handed out when a row is
 * inserted but become visible when its transaction commits, so on PostgreSQL id 11 can be
 * seen before id 10. The cursor remembers such skipped ids for a while and asks for them
 * again, so a slow transaction's event still arrives (once) instead of being lost.
 */
export class EventCursor {
  private position: number;
  private readonly gaps = new Map<number, number>();

  constructor(
    start: number,
    private readonly options: EventCursorOptions,
  ) {
    this.position = start;
  }

  /** The highest id seen so far. */
  get after(): number {
    return this.position;
  }

  /** Skipped ids still worth asking for; forgets those older than the TTL. */
  pendingGaps(nowMs: number): number[] {
    for (const [id, since] of this.gaps) if (nowMs - since > this.options.gapTtlMs) this.gaps.delete(id);
    return [...this.gaps.keys()];
  }

  /**
   * Records the ids a poll returned (new ones and filled gaps) and returns those never seen
   * before, so each event is delivered once.
   */
  advance(ids: number[], nowMs: number): Set<number> {
    const fresh = new Set<number>();
    const sorted = [...new Set(ids)].sort((a, b) => a - b);
    for (const id of sorted) {
      if (this.gaps.delete(id)) fresh.add(id);
      else if (id > this.position) {
        for (let missing = Math.max(this.position + 1, id - this.options.maxGaps); missing < id; missing++) this.gaps.set(missing, nowMs);
        this.position = id;
        fresh.add(id);
      }
    }
    while (this.gaps.size > this.options.maxGaps) this.gaps.delete(this.gaps.keys().next().value as number);
    return fresh;
  }
}
