import type { FastifyBaseLogger } from 'fastify';
import type { ServiceContext } from '../../core/context.ts';
import { latestTicketEventId, listTicketEventsAfter, listTicketEventsByIds, type TicketEventView } from '../../core/events/ticket-event.service.ts';
import { systemActor } from '../../core/permissions/actor.ts';
import { EventCursor } from './event-cursor.ts';

/** One connected client as the feed sees it. */
export interface FeedSubscriber {
  /** New events of all queues, oldest first; the subscriber filters by its own permissions. */
  receive(events: TicketEventView[]): void;
  /** Called after every poll: the moment to re-check the session and permissions when due. */
  tick(): void;
  /** Keeps proxies from closing a quiet connection. */
  heartbeat(): void;
  /** Ends the connection (server shutting down). */
  end(): void;
}

/** Timing of the feed; tests may shorten it. */
export interface TicketEventFeedOptions {
  pollMs: number;
  heartbeatMs: number;
  /** Rows read per poll; more wait for the next poll. */
  batchSize: number;
}

export const DEFAULT_FEED_OPTIONS: TicketEventFeedOptions = { pollMs: 500, heartbeatMs: 25_000, batchSize: 500 };

// The feed reads every queue's events once and leaves the per-agent filtering to subscribers.
const feedActor = systemActor('live-events');

/**
 * One poller per process over ticket_event, shared by all live connections. It runs only
 * while someone is connected, and polls the database rather than an in-process signal so
 * that changes made by other processes (mail intake, a second web server) arrive too.
 */
export class TicketEventFeed {
  private readonly subscribers = new Set<FeedSubscriber>();
  private cursor: EventCursor | null = null;
  private starting: Promise<void> | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly log: FastifyBaseLogger,
    private readonly options: TicketEventFeedOptions = DEFAULT_FEED_OPTIONS,
  ) {}

  /** Adds a subscriber; resolves once the feed is running. Returns the unsubscribe function. */
  async subscribe(subscriber: FeedSubscriber): Promise<() => void> {
    this.subscribers.add(subscriber);
    if (!this.cursor) {
      this.starting ??= this.start();
      await this.starting;
    }
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0) this.stop();
    };
  }

  /** Number of connected clients (for tests and logs). */
  get size(): number {
    return this.subscribers.size;
  }

  /** Ends every connection and stops the timers (app close). */
  close(): void {
    for (const subscriber of [...this.subscribers]) subscriber.end();
    this.subscribers.clear();
    this.stop();
  }

  private async start(): Promise<void> {
    try {
      const latest = await latestTicketEventId(this.ctx);
      this.cursor = new EventCursor(latest, { gapTtlMs: 10_000, maxGaps: 1_000 });
      // A subscriber may have left while the latest id was read.
      if (this.subscribers.size === 0) return this.stop();
      this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs);
      this.heartbeatTimer = setInterval(() => this.each((s) => s.heartbeat()), this.options.heartbeatMs);
    } finally {
      this.starting = null;
    }
  }

  private stop(): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.pollTimer = null;
    this.heartbeatTimer = null;
    this.cursor = null;
  }

  private async poll(): Promise<void> {
    const cursor = this.cursor;
    // A slow database must not pile up overlapping polls.
    if (this.polling || !cursor) return;
    this.polling = true;
    try {
      const now = Date.now();
      const gaps = cursor.pendingGaps(now);
      const [fresh, late] = await Promise.all([
        listTicketEventsAfter(this.ctx, feedActor, cursor.after, this.options.batchSize),
        gaps.length ? listTicketEventsByIds(this.ctx, feedActor, gaps) : Promise.resolve([]),
      ]);
      const events = [...late, ...fresh];
      if (this.cursor !== cursor) return;
      const unseen = cursor.advance(events.map((e) => e.id), now);
      const deliver = events.filter((e) => unseen.has(e.id)).sort((a, b) => a.id - b.id);
      if (deliver.length) this.each((s) => s.receive(deliver));
      this.each((s) => s.tick());
    } catch (error) {
      this.log.warn({ err: error }, 'live events: polling ticket_event failed; trying again');
    } finally {
      this.polling = false;
    }
  }

  private each(action: (subscriber: FeedSubscriber) => void): void {
    for (const subscriber of [...this.subscribers]) {
      try {
        action(subscriber);
      } catch (error) {
        this.log.warn({ err: error }, 'live events: a subscriber failed; closing it');
        subscriber.end();
        this.subscribers.delete(subscriber);
      }
    }
  }
}
