import type { ServerResponse } from 'node:http';
import { resolveApiToken } from '../../core/auth/api-token.service.ts';
import { findOpenSessionAgentId } from '../../core/auth/session-lookup.ts';
import type { ServiceContext } from '../../core/context.ts';
import { visibleTicketQueueIds, type TicketEventView } from '../../core/events/ticket-event.service.ts';
import type { AgentActor } from '../../core/permissions/actor.ts';
import { loadAgentActor } from '../../core/permissions/permission.service.ts';
import type { FeedSubscriber } from './ticket-event-feed.ts';

/** How the stream's request authenticated; re-checked while the stream is open. */
export type LiveAuth = { kind: 'session'; token: string; idleHours: number } | { kind: 'token'; token: string };

/** What a live connection needs. */
export interface LiveSubscriberOptions {
  ctx: ServiceContext;
  actor: AgentActor;
  auth: LiveAuth;
  response: ServerResponse;
  /** How long the visible queues (and the session check) are trusted before asking again. */
  revalidateMs: number;
  /** A client this far behind is disconnected; it reconnects and replays with Last-Event-ID. */
  maxBufferedBytes: number;
}

/**
 * One agent's event stream. Events are filtered by the queues the agent may see, cached for
 * `revalidateMs` (read from ctx.clock) so a ticket moved into a queue they cannot see is not
 * announced; the same check ends the stream once the session or token is gone.
 */
export class LiveSubscriber implements FeedSubscriber {
  private visibleQueues: Set<number> | null = new Set();
  private checkedAt = 0;
  private checking = false;
  /** Replayed ids, which the live feed may bring once more (the two overlap by design). */
  private replayedIds = new Set<number>();
  /** Live events held back while the replay of missed ones is written. */
  private pending: TicketEventView[] | null = [];
  private ended = false;
  onEnd: () => void = () => {};

  constructor(private readonly options: LiveSubscriberOptions) {}

  /** Loads the visible queues before the first event is filtered. */
  async init(): Promise<void> {
    this.visibleQueues = await visibleTicketQueueIds(this.options.ctx, this.options.actor);
    this.checkedAt = this.options.ctx.clock.now().getTime();
  }

  /** Writes replayed events, then whatever arrived meanwhile, and goes live. */
  finishReplay(replayed: TicketEventView[], truncated: boolean): void {
    this.sendEvents(replayed);
    this.replayedIds = new Set(replayed.map((e) => e.id));
    // The client missed more than we replay: it should reload its lists instead.
    if (truncated) this.write('event: resync\ndata: {}\n\n');
    const held = this.pending ?? [];
    this.pending = null;
    this.sendEvents(held);
  }

  receive(events: TicketEventView[]): void {
    if (this.pending) this.pending.push(...events);
    else this.sendEvents(events);
  }

  tick(): void {
    if (this.checking || this.ended) return;
    if (this.options.ctx.clock.now().getTime() - this.checkedAt < this.options.revalidateMs) return;
    this.checking = true;
    this.revalidate()
      .catch(() => {
        // Keep the cached permissions; the next tick tries again.
      })
      .finally(() => {
        this.checking = false;
      });
  }

  heartbeat(): void {
    this.write(': ping\n\n');
  }

  /** True once the stream is closed, by either side. */
  get isEnded(): boolean {
    return this.ended;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.options.response.end();
    this.onEnd();
  }

  private async revalidate(): Promise<void> {
    const { ctx, auth, actor } = this.options;
    const agentId = auth.kind === 'session' ? await findOpenSessionAgentId(ctx, auth.token, auth.idleHours) : await resolveApiToken(ctx, auth.token);
    const fresh = agentId === actor.agentId ? await loadAgentActor(ctx, agentId) : null;
    if (!fresh) return this.end();
    this.visibleQueues = await visibleTicketQueueIds(ctx, fresh);
    this.checkedAt = ctx.clock.now().getTime();
  }

  private sendEvents(events: TicketEventView[]): void {
    for (const event of events) {
      if (this.replayedIds.has(event.id)) continue;
      if (this.visibleQueues && !this.visibleQueues.has(event.queueId)) continue;
      const data = JSON.stringify({ id: event.id, name: event.name, ticketId: event.ticketId, queueId: event.queueId });
      this.write(`id: ${event.id}\nevent: ticket\ndata: ${data}\n\n`);
    }
  }

  private write(chunk: string): void {
    if (this.ended) return;
    const { response, maxBufferedBytes } = this.options;
    if (response.writableLength > maxBufferedBytes) return this.end();
    response.write(chunk);
  }
}
