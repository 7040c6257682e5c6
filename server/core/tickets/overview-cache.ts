import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ServiceContext } from '../context.ts';

/**
 * Overview parts kept in process memory, as OTRS caches its queue counts: on a desk with a
 * million tickets one overview is a GROUP BY over every open ticket of the agent's queues
 * plus five lists, and every agent's start page asks for it again and again. A part is
 * reused only while all of these hold:
 *  - the change marker is the same: every ticket change (create, update, move, lock, state,
 *    article, merge; from agents, mail intake and the portal) writes a ticket_event row in its
 *    own transaction. The marker is in the database, so it holds across server processes.
 *  - the clock has not reached the part's own end: the next escalation or reminder time its
 *    queries saw (the computing code knows it, see `Computed.validUntil`).
 *  - it is younger than OVERVIEW_MAX_AGE_MS. That bounds what changes without an event:
 *    agent and customer names, an escalation index rebuild, queue targets.
 */
export const OVERVIEW_MAX_AGE_MS = 5_000;

/** Keys are per group set and per agent; a few hundred cover a large desk and stay small. */
const MAX_ENTRIES = 300;

/** How many ids back the marker counts events (see changeMarker). */
const MARKER_WINDOW = 1_000;

/** A computed part and until when (ms since the epoch) the clock leaves it correct. */
export interface Computed<T> {
  value: T;
  validUntil: number;
}

interface Entry {
  marker: string;
  createdAt: number;
  expiresAt: number;
  value: Promise<unknown>;
}

/** Least recently used parts by key, each tied to the marker it was computed under. */
export class OverviewCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxAgeMs = OVERVIEW_MAX_AGE_MS,
    private readonly maxEntries = MAX_ENTRIES,
  ) {}

  /**
   * The part under `key` if still valid at `now` (ms) for `marker`, else computes it. The
   * promise is stored at once, so concurrent requests after a change run the queries once.
   */
  get<T>(key: string, marker: string, now: number, compute: () => Promise<Computed<T>>): Promise<T> {
    const hit = this.entries.get(key);
    this.entries.delete(key);
    // A clock set back (tests do) makes a part as stale as one past its end.
    if (hit && hit.marker === marker && hit.createdAt <= now && now < hit.expiresAt) {
      this.entries.set(key, hit);
      return hit.value as Promise<T>;
    }
    const entry: Entry = { marker, createdAt: now, expiresAt: now + this.maxAgeMs, value: Promise.resolve() };
    entry.value = compute().then(
      (computed) => {
        entry.expiresAt = Math.min(entry.expiresAt, computed.validUntil);
        return computed.value;
      },
      (error: unknown) => {
        // A failed query is not remembered; the next request tries again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return entry.value as Promise<T>;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One cache per database: tests (and tools) open several databases in one process. */
const caches = new WeakMap<Kysely<Database>, OverviewCache>();

/**
 * The cache for the context's database; null inside a transaction, whose reads may include
 * its own uncommitted writes and must neither be stored nor served from what others see.
 */
export function overviewCacheOf(ctx: ServiceContext): OverviewCache | null {
  if (ctx.db.isTransaction) return null;
  let cache = caches.get(ctx.db);
  if (!cache) {
    cache = new OverviewCache();
    caches.set(ctx.db, cache);
  }
  return cache;
}

/**
 * What changed tickets since a part was computed: the newest ticket_event id and how many
 * events there are among the last MARKER_WINDOW ids. The newest id alone is not enough on
 * PostgreSQL: a transaction takes its id when it inserts and may commit after one with a
 * higher id, filling a gap below the newest id; the count then changes. One index range
 * read (about 0.05 ms on SQLite at a million tickets). Read before computing, so a change
 * committed meanwhile only makes the stored part look older than it is.
 */
export async function changeMarker(ctx: ServiceContext): Promise<string> {
  const row = await ctx.db
    .selectFrom('ticket_event')
    .select((eb) => [eb.fn.max('id').as('last'), eb.fn.count<number>('id').as('recent')])
    .where('id', '>', (eb) => eb.selectFrom('ticket_event').select(sql<number>`coalesce(max(id), 0) - ${sql.lit(MARKER_WINDOW)}`.as('since')))
    .executeTakeFirst();
  return `${Number(row?.last ?? 0)}:${Number(row?.recent ?? 0)}`;
}
