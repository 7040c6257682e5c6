import type { FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { listTicketEventsAfter } from '../../../../core/events/ticket-event.service.ts';
import { LiveSubscriber, type LiveAuth } from '../../../live/live-subscriber.ts';
import { TicketEventFeed } from '../../../live/ticket-event-feed.ts';
import { actorOf, SESSION_COOKIE } from '../../../plugins/auth.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { AppDeps } from '../../../app.ts';
import type { RouteModule } from '../route-module.ts';
import { STREAM_DESCRIPTION, streamEventsQuery } from './stream-events.schema.ts';

const REPLAY_LIMIT = 500;
const REVALIDATE_MS = 30_000;
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** GET /events: live ticket events for the logged-in agent (server-sent events). */
export const streamEventsRoute: RouteModule = (api, deps) => {
  const feed = new TicketEventFeed(deps.ctx, api.log);
  // Open streams would keep server.close() waiting forever; end them first.
  api.addHook('preClose', async () => feed.close());
  api.addHook('onClose', async () => feed.close());
  api.get(
    '/events',
    { schema: { tags: ['events'], summary: 'Live ticket events (text/event-stream)', description: STREAM_DESCRIPTION, querystring: streamEventsQuery, response: errorResponses } },
    async (request, reply) => {
      const actor = actorOf(request);
      const afterId = lastEventIdHeader(request) ?? request.query.lastEventId;
      const subscriber = new LiveSubscriber({ ctx: deps.ctx, actor, auth: liveAuthOf(request, deps), response: reply.raw, revalidateMs: REVALIDATE_MS, maxBufferedBytes: MAX_BUFFERED_BYTES });
      await subscriber.init();
      reply.hijack();
      openStream(reply.raw);
      reply.raw.on('close', () => subscriber.end());
      try {
        const unsubscribe = await feed.subscribe(subscriber);
        subscriber.onEnd = unsubscribe;
        // The client may have left while the feed started.
        if (subscriber.isEnded) return unsubscribe();
        const missed = afterId === undefined ? [] : await listTicketEventsAfter(deps.ctx, actor, afterId, REPLAY_LIMIT + 1);
        subscriber.finishReplay(missed.slice(0, REPLAY_LIMIT), missed.length > REPLAY_LIMIT);
      } catch (error) {
        request.log.error({ err: error }, 'live events: could not start the stream');
        subscriber.end();
      }
    },
  );
};

function openStream(response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    // nginx would otherwise buffer the stream and deliver events in lumps.
    'x-accel-buffering': 'no',
  });
  // Sending something at once lets the client know the stream is open; retry sets the reconnect delay.
  response.write('retry: 3000\n: connected\n\n');
}

/** The Last-Event-ID header EventSource sends on reconnect; ignored unless a plain id. */
function lastEventIdHeader(request: FastifyRequest): number | undefined {
  const value = request.headers['last-event-id'];
  return typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function liveAuthOf(request: FastifyRequest, deps: AppDeps): LiveAuth {
  if (request.authKind === 'token') return { kind: 'token', token: (request.headers.authorization ?? '').slice(7).trim() };
  return { kind: 'session', token: request.cookies[SESSION_COOKIE] ?? '', idleHours: deps.config.SESSION_IDLE_HOURS };
}
