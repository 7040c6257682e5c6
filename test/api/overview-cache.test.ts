import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERVIEW_MAX_AGE_MS } from '../../server/core/tickets/overview-cache.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, buildQueue, buildTicket, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const STATE = { closed: 2, pendingReminder: 6 } as const;
type Headers = Record<string, string>;
type Queue = { id: number; group_id: number };
type ListItems = { total: number; items: { id: number }[] };
type ListName = 'myLocked' | 'myOwnedOrResponsible' | 'pendingReminderReached' | 'escalated' | 'escalatingSoon';

/**
 * The overview is cached in process memory (overview-cache.ts). These tests ask for it, change
 * tickets or move the fake clock, and ask again at once: what an agent sees must still be right.
 */
describe.each(dialects)('GET /overview with its cache on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let desk: Queue;
  let desk2: Queue;
  let sla: Queue;
  let other: Queue;
  let agentA: Headers;
  let agentAId: number;
  let agentB: Headers;
  let agentC: Headers;
  let portal: Headers;
  let topicId: number;
  let portalTicketId: number;

  const overview = async (as: Headers, query = '') => {
    const res = await call(app, as, 'GET', `/api/v1/overview${query}`);
    expect(res.status).toBe(200);
    return res.body as { queues: { id: number; counts: Record<string, number> }[]; lists: Record<ListName, ListItems> };
  };
  /** Asks twice, so the second answer is the cached one whenever the cache keeps it. */
  const settled = async (as: Headers, query = '') => {
    await overview(as, query);
    return overview(as, query);
  };
  const countsOf = async (as: Headers, queue: Queue) => (await overview(as)).queues.find((q) => q.id === queue.id)?.counts;
  const ids = (list: ListItems | undefined) => (list?.items ?? []).map((i) => i.id);
  const at = (instant: number) => t.clock.set(new Date(instant));

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    desk = await buildQueue(t.ctx, { name: 'Service Desk' });
    desk2 = await buildQueue(t.ctx, { name: 'Drucker', groupId: desk.group_id });
    sla = await buildQueue(t.ctx, { name: 'Prüfungsamt', groupId: desk.group_id });
    other = await buildQueue(t.ctx, { name: 'Personalabteilung' });
    await t.ctx.db.updateTable('queue').set({ first_response_time: 60 }).where('id', 'in', [desk.id, sla.id, other.id]).execute();
    const a = await buildAgent(t.ctx, { permissions: [{ groupId: desk.group_id, kinds: ['rw'] }] });
    agentAId = a.agentId;
    agentA = await bearerFor(t.ctx, a);
    agentB = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: other.group_id, kinds: ['rw'] }] }));
    // The same queues as A: shares A's cached counts, never A's own lists.
    agentC = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: desk.group_id, kinds: ['rw'] }] }));
    const admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    topicId = (await call(app, admin, 'POST', '/api/v1/portal-topics', { nameEn: 'Password', nameDe: 'Passwort', queueId: desk.id })).body.id;
    const customer = await buildCustomer(t.ctx, { password: TEST_PASSWORD, language: 'en' });
    const session = await app.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { login: customer.login, password: TEST_PASSWORD } });
    portal = { cookie: String(session.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': session.json().csrfToken };
    await buildTicket(t.ctx, { queueId: desk.id });
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('a ticket created right after shows at once: by an agent, by the system (as mail intake) and in the portal', async () => {
    await settled(agentA);
    expect(await countsOf(agentA, desk)).toMatchObject({ new: 1, total: 1 });

    const created = await call(app, agentA, 'POST', '/api/v1/tickets', { title: 'Beamer in H 1058', queueId: desk.id, channel: 'phone' });
    expect(created.status).toBe(201);
    expect(await countsOf(agentA, desk)).toMatchObject({ new: 2, total: 2 });

    await buildTicket(t.ctx, { queueId: desk.id, title: 'Mail from a student' });
    expect(await countsOf(agentA, desk)).toMatchObject({ new: 3, total: 3 });

    const fromPortal = await call(app, portal, 'POST', '/api/v1/portal/tickets', { topicId, title: 'Password expired', body: 'The reset link says it expired.' });
    expect(fromPortal.status).toBe(201);
    portalTicketId = fromPortal.body.id;
    expect(await countsOf(agentA, desk)).toMatchObject({ new: 4, total: 4 });
  });

  it('a move, a lock and a close show at once, in counts and in the personal lists', async () => {
    const ticket = await buildTicket(t.ctx, { queueId: desk.id, title: 'Printer jam' });
    await settled(agentA);
    expect(await countsOf(agentA, desk)).toMatchObject({ total: 5 });

    expect((await call(app, agentA, 'PATCH', `/api/v1/tickets/${ticket.id}`, { queueId: desk2.id })).status).toBe(200);
    expect(await countsOf(agentA, desk)).toMatchObject({ total: 4 });
    expect(await countsOf(agentA, desk2)).toMatchObject({ new: 1, locked: 0, total: 1 });

    expect((await call(app, agentA, 'POST', `/api/v1/tickets/${ticket.id}/lock`, {})).status).toBe(200);
    expect(await countsOf(agentA, desk2)).toMatchObject({ locked: 1, total: 1 });
    expect(ids((await overview(agentA)).lists.myLocked)).toEqual([ticket.id]);

    expect((await call(app, agentA, 'PATCH', `/api/v1/tickets/${ticket.id}`, { stateId: STATE.closed })).status).toBe(200);
    expect(await countsOf(agentA, desk2)).toMatchObject({ total: 0 });
    expect((await overview(agentA)).lists.myLocked.total).toBe(0);

    expect((await call(app, portal, 'POST', `/api/v1/portal/tickets/${portalTicketId}/close`, {})).status).toBe(200);
    expect(await countsOf(agentA, desk)).toMatchObject({ total: 3 });
  });

  it('reminders, "escalating soon" and "escalated" turn exactly when the clock passes their time, well within the age limit', async () => {
    const start = t.clock.now().getTime() + 3_600_000;
    at(start);
    const x = await buildTicket(t.ctx, { queueId: sla.id, title: 'Exam registration closed' });
    const p = await buildTicket(t.ctx, { queueId: desk2.id, stateId: STATE.pendingReminder, pendingUntil: new Date(start + 10 * 60_000).toISOString() });
    const minute = 60_000;

    at(start + 10 * minute - 1000);
    expect(ids((await settled(agentA)).lists.pendingReminderReached)).not.toContain(p.id);
    at(start + 10 * minute);
    const reminded = (await overview(agentA)).lists.pendingReminderReached;
    expect(ids(reminded)).toContain(p.id);
    expect(reminded.total).toBe(1);

    at(start + 30 * minute - 1000);
    expect(ids((await settled(agentA, '?soonMinutes=30')).lists.escalatingSoon)).not.toContain(x.id);
    at(start + 30 * minute);
    expect(ids((await overview(agentA, '?soonMinutes=30')).lists.escalatingSoon)).toContain(x.id);

    at(start + 60 * minute - 1000);
    const before = await settled(agentA);
    expect(before.queues.find((q) => q.id === sla.id)?.counts).toMatchObject({ escalated: 0, total: 1 });
    expect(ids(before.lists.escalatingSoon)).toContain(x.id);
    at(start + 60 * minute);
    const after = await overview(agentA);
    expect(after.queues.find((q) => q.id === sla.id)?.counts).toMatchObject({ escalated: 1, total: 1 });
    expect(ids(after.lists.escalated)).toContain(x.id);
    expect(ids(after.lists.escalatingSoon)).not.toContain(x.id);
    expect(after.lists.escalated.total).toBe(before.lists.escalated.total + 1);
  });

  it('a change that writes no ticket event (a direct update) shows at the latest after the age limit', async () => {
    const before = await settled(agentA);
    const deskCounts = before.queues.find((q) => q.id === desk.id)?.counts;
    await t.ctx.db.updateTable('ticket').set({ lock: 'lock', owner_id: agentAId }).where('queue_id', '=', desk.id).execute();
    // Served from the cache: this is what the age limit is for.
    expect(await countsOf(agentA, desk)).toEqual(deskCounts);
    at(t.clock.now().getTime() + OVERVIEW_MAX_AGE_MS - 1);
    expect(await countsOf(agentA, desk)).toEqual(deskCounts);
    at(t.clock.now().getTime() + 1);
    expect(await countsOf(agentA, desk)).toEqual({ ...deskCounts, locked: deskCounts?.total });
  });

  it('agents with different queues never see each other\'s cached counts or lists; agents with the same queues keep their own lists', async () => {
    const hidden = await buildTicket(t.ctx, { queueId: other.id, title: 'Salary question' });
    const a = await settled(agentA);
    const b = await settled(agentB);
    const c = await settled(agentC);
    expect(b.queues.map((q) => q.id)).toEqual([other.id]);
    expect(b.queues[0]?.counts).toMatchObject({ new: 1, total: 1 });
    expect(a.queues.map((q) => q.id)).not.toContain(other.id);
    const listed = (o: typeof a) => Object.values(o.lists).flatMap((l) => ids(l));
    expect(listed(a)).not.toContain(hidden.id);
    expect(listed(b).every((id) => id === hidden.id)).toBe(true);
    expect(b.lists.escalated.total + b.lists.pendingReminderReached.total).toBe(0);

    // A holds the desk's locks (previous test); C sees the same queues and counts, but no lock of his own.
    expect(c.queues).toEqual(a.queues);
    expect(a.lists.myLocked.total).toBeGreaterThan(0);
    expect(c.lists.myLocked.total).toBe(0);
    expect(c.lists.myOwnedOrResponsible.total).toBe(0);
    expect((await overview(agentA)).lists.myLocked.total).toBe(a.lists.myLocked.total);
  });
});
