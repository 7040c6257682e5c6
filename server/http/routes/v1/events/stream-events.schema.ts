import { z } from 'zod';

export const streamEventsQuery = z.strictObject({
  lastEventId: z.coerce.number().int().min(0).optional().describe('Replay events after this id (as the Last-Event-ID header; the header wins)'),
});

export const STREAM_DESCRIPTION = [
  'Server-sent events (text/event-stream) for the web app. Each ticket change the agent may see',
  '(ro on the ticket\'s queue) arrives as `event: ticket` with `id: <event id>` and',
  '`data: {"id","name","ticketId","queueId"}`. Comments (`: ping`) every 25 s keep proxies open.',
  'On reconnect, Last-Event-ID replays what was missed (at most 500 events; beyond that an',
  '`event: resync` asks the client to reload its lists). The stream ends when the session ends.',
].join(' ');
