import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateTicket } from '../../server/core/tickets/update-ticket.service.ts';
import { bearerFor, buildTestApp } from '../support/api-client.ts';
import { buildAgent, buildGroup, buildQueue, buildTicket, system, TEST_PASSWORD } from '../support/factories.ts';
import { freePort } from '../support/free-port.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

/** One server-sent event as the stream carried it. */
interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** An open event stream read with fetch, as a browser's EventSource would. */
interface Stream {
  events: SseEvent[];
  /** Resolves with the first event matching, or fails after the deadline. */
  waitFor(match: (e: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves once the server has ended the stream, or fails after the deadline. */
  ended(timeoutMs?: number): Promise<void>;
  close(): void;
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function openStream(url: string, headers: Record<string, string>): Promise<{ status: number; stream?: Stream; body?: any }> {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  if (res.status !== 200 || !res.body) return { status: res.status, body: await res.json() };
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  let done = false;
  let buffer = '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = {};
          for (const line of frame.split('\n')) {
            const [key, ...rest] = line.split(': ');
            if (key === 'id' || key === 'event' || key === 'data') event[key] = rest.join(': ');
          }
          if (event.event) events.push(event);
        }
      }
    } catch {
      // Aborted by the test.
    }
    done = true;
  })();
  return {
    status: 200,
    stream: {
      events,
      async waitFor(match, timeoutMs = 3000) {
        await until(() => events.some(match), timeoutMs, 'an event');
        return events.find(match) as SseEvent;
      },
      ended: (timeoutMs = 3000) => until(() => done, timeoutMs, 'the end of the stream'),
      close: () => controller.abort(),
    },
  };
}

const ticketEvent = (ticketId: number) => (e: SseEvent) => e.event === 'ticket' && JSON.parse(e.data ?? '{}').ticketId === ticketId;

describe.each(dialects)('GET /api/v1/events (live ticket events) on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let visible: { id: number; group_id: number };
  let hidden: { id: number; group_id: number };
  let agentLogin: string;
  let bearer: { authorization: string };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}/api/v1`;
    visible = await buildQueue(t.ctx);
    hidden = await buildQueue(t.ctx);
    const agent = await buildAgent(t.ctx, { permissions: [{ groupId: visible.group_id, kinds: ['ro'] }] });
    agentLogin = agent.login;
    bearer = await bearerFor(t.ctx, agent);
  });
  afterAll(async () => {
    // After an aborted fetch, Node's fetch (undici) opens a spare connection that never sends a
    // request; server.close() would wait for its 4 s keep-alive. Open streams are ended by the
    // app itself (see the last test), so dropping the sockets only saves time here.
    app.server.closeAllConnections();
    await app.close();
    await t.destroy();
  });

  /** Logs in as the web app does: the session cookie and the CSRF token. */
  async function logIn(login = agentLogin): Promise<{ cookie: string; csrf: string }> {
    const res = await fetch(`${base}/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login, password: TEST_PASSWORD }) });
    expect(res.status).toBe(200);
    return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] as string, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }

  it('without a session or token → 401 in the API error shape', async () => {
    const res = await openStream(`${base}/events`, {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a change in a queue the agent sees arrives; one in a queue they cannot see never does', async () => {
    const { cookie } = await logIn();
    const { stream } = await openStream(`${base}/events`, { cookie });
    const secret = await buildTicket(t.ctx, { queueId: hidden.id, title: 'Salary question' });
    const seen = await buildTicket(t.ctx, { queueId: visible.id });
    const event = await stream!.waitFor(ticketEvent(seen.id));
    expect(event.event).toBe('ticket');
    expect(JSON.parse(event.data!)).toEqual({ id: Number(event.id), name: 'ticket.created', ticketId: seen.id, queueId: visible.id });
    // Events arrive in order, so the hidden ticket's (written first) would have come already.
    expect(stream!.events.some(ticketEvent(secret.id))).toBe(false);

    // A ticket moved out of sight is not announced any more.
    await updateTicket(t.ctx, system, { ticketId: seen.id, queueId: hidden.id });
    const marker = await buildTicket(t.ctx, { queueId: visible.id });
    await stream!.waitFor(ticketEvent(marker.id));
    expect(stream!.events.filter(ticketEvent(seen.id)).map((e) => JSON.parse(e.data!).name)).toEqual(['ticket.created']);
    stream!.close();
  });

  it('Last-Event-ID replays the visible events missed while disconnected, each once', async () => {
    const first = await openStream(`${base}/events`, bearer);
    const before = await buildTicket(t.ctx, { queueId: visible.id });
    const last = await first.stream!.waitFor(ticketEvent(before.id));
    first.stream!.close();

    const missedA = await buildTicket(t.ctx, { queueId: visible.id });
    const missedHidden = await buildTicket(t.ctx, { queueId: hidden.id });
    const missedB = await buildTicket(t.ctx, { queueId: visible.id });
    const again = await openStream(`${base}/events`, { ...bearer, 'last-event-id': last.id! });
    await again.stream!.waitFor(ticketEvent(missedB.id));
    const after = await buildTicket(t.ctx, { queueId: visible.id });
    await again.stream!.waitFor(ticketEvent(after.id));
    const tickets = again.stream!.events.map((e) => JSON.parse(e.data!).ticketId);
    expect(tickets).toEqual([missedA.id, missedB.id, after.id]);
    expect(tickets).not.toContain(missedHidden.id);
    again.stream!.close();
  });

  it('the stream ends once the session is logged out', async () => {
    const { cookie, csrf } = await logIn();
    const { stream } = await openStream(`${base}/events`, { cookie });
    const out = await fetch(`${base}/session`, { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    // The session is re-checked every 30 s (of the app's clock).
    t.clock.advanceMinutes(1);
    await stream!.ended();
  });

  it('a queue granted later is included once the cached permissions are refreshed (30 s)', async () => {
    const group = await buildGroup(t.ctx);
    const later = await buildQueue(t.ctx, { groupId: group.id });
    const colleague = await buildAgent(t.ctx, { permissions: [{ groupId: visible.group_id, kinds: ['ro'] }] });
    const { stream } = await openStream(`${base}/events`, await bearerFor(t.ctx, colleague));
    const before = await buildTicket(t.ctx, { queueId: later.id });
    const marker = await buildTicket(t.ctx, { queueId: visible.id });
    await stream!.waitFor(ticketEvent(marker.id));
    expect(stream!.events.some(ticketEvent(before.id))).toBe(false);

    await t.ctx.db.insertInto('agent_group_permission').values({ agent_id: colleague.agentId, group_id: group.id, permission: 'ro' }).execute();
    t.clock.advanceMinutes(1);
    // Wait until the refresh happened: a ticket in the newly visible queue shows up.
    const deadline = Date.now() + 3000;
    let seen = false;
    while (!seen && Date.now() < deadline) {
      const probe = await buildTicket(t.ctx, { queueId: later.id });
      seen = await stream!.waitFor(ticketEvent(probe.id), 700).then(() => true, () => false);
    }
    expect(seen).toBe(true);
    stream!.close();
  });

  it('closing the app ends open streams instead of waiting for them', async () => {
    const other = await buildTestApp(t.ctx);
    const port = await freePort();
    await other.listen({ port, host: '127.0.0.1' });
    const { stream } = await openStream(`http://127.0.0.1:${port}/api/v1/events`, bearer);
    await other.close();
    await stream!.ended();
  });
});
