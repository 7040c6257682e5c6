import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERVIEW_MAX_AGE_MS } from '../../server/core/tickets/overview-cache.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildQueue, buildTicket } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

type Headers = Record<string, string>;
type Page = { total: number; items: { id: number; title: string; state: { type: string } }[] };

/**
 * The queue view's pages are shared through the overview's cache (ticket-list-cache.ts). Each
 * test reads a page twice (the second read is the cached one), changes something and reads
 * again at once: the agent must see the change, and never another agent's tickets.
 */
describe.each(dialects)('GET /tickets with its cache on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let desk: { id: number; group_id: number };
  let other: { id: number; group_id: number };
  let agentA: Headers;
  let agentB: Headers;

  const queueView = async (as: Headers, queueId: number): Promise<Page> => {
    const res = await call(app, as, 'GET', `/api/v1/tickets?queueId=${queueId}&stateType=new,open&sort=createdAt&order=asc&limit=25`);
    expect(res.status).toBe(200);
    return res.body as Page;
  };
  const settled = async (as: Headers, queueId: number) => {
    await queueView(as, queueId);
    return queueView(as, queueId);
  };
  const titles = (page: Page) => page.items.map((i) => i.title);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    desk = await buildQueue(t.ctx, { name: 'Service Desk' });
    other = await buildQueue(t.ctx, { name: 'Personalabteilung' });
    agentA = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: desk.group_id, kinds: ['rw'] }] }));
    agentB = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: other.group_id, kinds: ['rw'] }] }));
    await buildTicket(t.ctx, { queueId: desk.id, title: 'WLAN im Wohnheim' });
    await buildTicket(t.ctx, { queueId: other.id, title: 'Gehaltsabrechnung' });
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('a ticket created, closed or moved right after a cached read shows at once', async () => {
    expect(titles(await settled(agentA, desk.id))).toEqual(['WLAN im Wohnheim']);

    const created = await call(app, agentA, 'POST', '/api/v1/tickets', { title: 'Beamer in H 1058', queueId: desk.id, channel: 'phone' });
    expect(created.status).toBe(201);
    expect(titles(await queueView(agentA, desk.id))).toEqual(['WLAN im Wohnheim', 'Beamer in H 1058']);

    const ticket = created.body as { id: number; version: number };
    const closed = await call(app, agentA, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: ticket.version, stateId: 2 });
    expect(closed.status).toBe(200);
    expect((await queueView(agentA, desk.id)).total).toBe(1);

    const first = (await queueView(agentA, desk.id)).items[0] as { id: number };
    const current = (await call(app, agentA, 'GET', `/api/v1/tickets/${first.id}`)).body as { version: number };
    expect((await call(app, agentA, 'PATCH', `/api/v1/tickets/${first.id}`, { version: current.version, queueId: desk.id, title: 'WLAN im Wohnheim (Haus B)' })).status).toBe(200);
    expect(titles(await queueView(agentA, desk.id))).toEqual(['WLAN im Wohnheim (Haus B)']);
  });

  it('two agents asking for the same page see only their own queues', async () => {
    await settled(agentA, desk.id);
    const foreign = await queueView(agentB, desk.id);
    expect(foreign.total).toBe(0);
    expect(titles(await settled(agentB, other.id))).toEqual(['Gehaltsabrechnung']);
    expect((await queueView(agentA, other.id)).total).toBe(0);
  });

  it('a change that writes no ticket event shows once the cache age has passed', async () => {
    await settled(agentA, desk.id);
    await t.ctx.db.updateTable('ticket').set({ title: 'Renamed directly' }).where('queue_id', '=', desk.id).execute();
    expect(titles(await queueView(agentA, desk.id))).not.toContain('Renamed directly');
    t.clock.set(new Date(t.clock.now().getTime() + OVERVIEW_MAX_AGE_MS + 1));
    expect(titles(await queueView(agentA, desk.id))).toEqual(['Renamed directly']);
  });
});
