import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateTicketInput } from '../../server/core/tickets/create-ticket.service.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildQueue, buildTicket } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const STATE = { closed: 2, open: 4, pendingReminder: 6 } as const;
type Queue = { id: number; full_name: string; group_id: number };

describe.each(dialects)('GET /overview on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let agent: Record<string, string>;
  let agentId: number;
  let desk: Queue;
  let sub: Queue;
  let secret: Queue;
  let readOnly: Queue;
  const ids: Record<string, number> = {};

  /** A ticket one minute after the previous one, so escalation order is defined. */
  const ticket = async (name: string, input: Partial<CreateTicketInput> & { queueId: number }) => {
    t.clock.advanceMinutes(1);
    ids[name] = (await buildTicket(t.ctx, { title: name, ...input })).id;
  };
  const overview = async (query = '', as = agent) => call(app, as, 'GET', `/api/v1/overview${query}`);
  const listIds = (list: { items: { id: number }[] }) => list.items.map((i) => i.id);

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    desk = await buildQueue(t.ctx, { name: 'Service Desk' });
    sub = await buildQueue(t.ctx, { name: 'Drucker', parent: desk, groupId: desk.group_id });
    secret = await buildQueue(t.ctx, { name: 'Personalabteilung' });
    readOnly = await buildQueue(t.ctx, { name: 'Rechenzentrum' });
    for (const q of [desk, secret]) await t.ctx.db.updateTable('queue').set({ first_response_time: 60 }).where('id', '=', q.id).execute();
    const a = await buildAgent(t.ctx, { permissions: [{ groupId: desk.group_id, kinds: ['rw'] }, { groupId: readOnly.group_id, kinds: ['ro'] }] });
    agentId = a.agentId;
    agent = await bearerFor(t.ctx, a);

    const start = t.clock.now().getTime();
    await ticket('new1', { queueId: desk.id });
    await ticket('new2', { queueId: desk.id });
    await ticket('lockedOpen', { queueId: desk.id, stateId: STATE.open, ownerId: agentId, lock: true });
    await ticket('pending', { queueId: desk.id, stateId: STATE.pendingReminder, pendingUntil: new Date(start + 30 * 60_000).toISOString() });
    await ticket('closed', { queueId: desk.id, stateId: STATE.closed });
    await ticket('printer', { queueId: sub.id });
    await ticket('readOnlyMine', { queueId: readOnly.id, responsibleId: agentId });
    // Tickets the agent must never see, although owned by them, escalated, locked and reminded.
    await ticket('secretEscalated', { queueId: secret.id });
    await ticket('secretPending', { queueId: secret.id, stateId: STATE.pendingReminder, pendingUntil: new Date(start).toISOString() });
    await t.ctx.db.updateTable('ticket').set({ owner_id: agentId, lock: 'lock' }).where('queue_id', '=', secret.id).execute();

    t.clock.set(new Date(start + 90 * 60_000));
    // Escalates 60 minutes from now: "soon" by the default of 120 minutes.
    await ticket('soon', { queueId: desk.id });
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('counts open work per visible queue: new, open, pending, escalated, locked and total', async () => {
    const res = await overview();
    expect(res.status).toBe(200);
    expect(res.body.queues).toEqual([
      { id: readOnly.id, name: 'Rechenzentrum', fullName: 'Rechenzentrum', parentId: null, counts: { new: 1, open: 0, pending: 0, escalated: 0, locked: 0, total: 1 } },
      { id: desk.id, name: 'Service Desk', fullName: 'Service Desk', parentId: null, counts: { new: 3, open: 1, pending: 1, escalated: 3, locked: 1, total: 5 } },
      { id: sub.id, name: 'Drucker', fullName: 'Service Desk::Drucker', parentId: desk.id, counts: { new: 1, open: 0, pending: 0, escalated: 0, locked: 0, total: 1 } },
    ]);
  });

  it('lists what needs the agent: own locked, owned or responsible, reminders due, escalated, escalating soon', async () => {
    const { lists } = (await overview()).body;
    expect(lists.myLocked).toMatchObject({ total: 1 });
    expect(listIds(lists.myLocked)).toEqual([ids.lockedOpen]);
    expect(lists.myOwnedOrResponsible.total).toBe(2);
    expect(listIds(lists.myOwnedOrResponsible).sort()).toEqual([ids.lockedOpen, ids.readOnlyMine].sort());
    expect(listIds(lists.pendingReminderReached)).toEqual([ids.pending]);
    expect(lists.escalated.total).toBe(3);
    expect(listIds(lists.escalated)).toEqual([ids.new1, ids.new2, ids.lockedOpen]);
    expect(listIds(lists.escalatingSoon)).toEqual([ids.soon]);
    // Items are full tickets with escalation and abilities, as GET /tickets shows them.
    expect(lists.escalated.items[0]).toMatchObject({ title: 'new1', abilities: { update: true }, escalation: { firstResponseDoneAt: null } });
    expect(lists.escalated.items[0].escalation.at < t.clock.now().toISOString()).toBe(true);
  });

  it('an agent without ro on a queue sees neither the queue nor its tickets anywhere', async () => {
    const body = (await overview()).body;
    expect(body.queues.map((q: { id: number }) => q.id)).not.toContain(secret.id);
    const all = Object.values(body.lists).flatMap((l) => listIds(l as { items: { id: number }[] }));
    expect(all).not.toContain(ids.secretEscalated);
    expect(all).not.toContain(ids.secretPending);

    const stranger = await bearerFor(t.ctx, await buildAgent(t.ctx));
    const empty = (await overview('', stranger)).body;
    expect(empty.queues).toEqual([]);
    expect(Object.values(empty.lists).every((l) => (l as { total: number }).total === 0)).toBe(true);
  });

  it('soonMinutes narrows or widens "escalating soon"', async () => {
    expect((await overview('?soonMinutes=30')).body.lists.escalatingSoon.total).toBe(0);
    expect(listIds((await overview('?soonMinutes=61')).body.lists.escalatingSoon)).toEqual([ids.soon]);
  });

  it.each(['0', '10081', 'soon'])('soonMinutes=%s → 400 naming the field', async (value) => {
    const res = await overview(`?soonMinutes=${value}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'soonMinutes' });
  });

  it('counts follow changes: closing an escalated ticket takes it out of every count', async () => {
    const res = await call(app, agent, 'PATCH', `/api/v1/tickets/${ids.new1}`, { stateId: STATE.closed });
    expect(res.status).toBe(200);
    const deskRow = (await overview()).body.queues.find((q: { id: number }) => q.id === desk.id);
    expect(deskRow.counts).toEqual({ new: 2, open: 1, pending: 1, escalated: 2, locked: 1, total: 4 });
  });

  it('without a token → 401', async () => {
    expect((await call(app, {}, 'GET', '/api/v1/overview')).status).toBe(401);
  });
});
