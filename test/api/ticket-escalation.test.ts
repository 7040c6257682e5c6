import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRawMail } from '../../server/core/mail-intake/mail-intake.service.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, buildQueue } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const STATE = { open: 4, closedSuccessful: 2, pendingReminder: 6 } as const;

describe.each(dialects)('ticket escalation on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let queue: { id: number; full_name: string; group_id: number };
  let fastQueue: { id: number; full_name: string; group_id: number };
  let agent: Record<string, string>;
  let customerId: number;

  /** Minutes after `iso`, as the API writes timestamps. */
  const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();
  const setTargets = (table: 'queue' | 'sla', id: number, response: number, update: number, solution: number) =>
    t.ctx.db.updateTable(table).set({ first_response_time: response, update_time: update, solution_time: solution }).where('id', '=', id).execute();
  const createPhoneTicket = async (queueId: number, extra: Record<string, unknown> = {}) => {
    const res = await call(app, agent, 'POST', '/api/v1/tickets', {
      title: 'WLAN im Hörsaal fällt aus',
      queueId,
      channel: 'phone',
      customerUserId: customerId,
      article: { channel: 'phone', senderType: 'customer', subject: 'WLAN', bodyText: 'Seit heute morgen kein WLAN im Audimax.' },
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const get = async (id: number) => (await call(app, agent, 'GET', `/api/v1/tickets/${id}`)).body;
  const answerByMail = (id: number) =>
    call(app, agent, 'POST', `/api/v1/tickets/${id}/articles`, {
      article: { channel: 'email', to: 'sam@student.uni-spree.de', subject: 'Re: WLAN', bodyText: 'Wir haben den Access Point neu gestartet.' },
    });
  const update = async (id: number, body: Record<string, unknown>) => {
    const res = await call(app, agent, 'PATCH', `/api/v1/tickets/${id}`, body);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    queue = await buildQueue(t.ctx, { name: 'Netzwerk' });
    fastQueue = await buildQueue(t.ctx, { name: 'VIP' });
    await setTargets('queue', queue.id, 60, 240, 480);
    await setTargets('queue', fastQueue.id, 10, 20, 30);
    const a = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }, { groupId: fastQueue.group_id, kinds: ['rw'] }] });
    agent = await bearerFor(t.ctx, a);
    customerId = (await buildCustomer(t.ctx)).id;
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('a new customer ticket shows all three due times from its creation; the earliest is `at`', async () => {
    const ticket = await createPhoneTicket(queue.id);
    expect(ticket.escalation).toEqual({
      at: plus(ticket.createdAt, 60),
      firstResponseAt: plus(ticket.createdAt, 60),
      updateAt: plus(ticket.createdAt, 240),
      solutionAt: plus(ticket.createdAt, 480),
      firstResponseDoneAt: null,
    });
  });

  it('a queue without targets gives no escalation', async () => {
    const plain = await buildQueue(t.ctx);
    const a = await buildAgent(t.ctx, { permissions: [{ groupId: plain.group_id, kinds: ['rw'] }] });
    const res = await call(app, await bearerFor(t.ctx, a), 'POST', '/api/v1/tickets', { title: 'Drucker', queueId: plain.id, channel: 'phone' });
    expect(res.status).toBe(201);
    expect(res.body.escalation).toEqual({ at: null, firstResponseAt: null, updateAt: null, solutionAt: null, firstResponseDoneAt: null });
  });

  it('the agent’s mail answer ends the response clock and stops the update clock; an internal note does neither', async () => {
    const ticket = await createPhoneTicket(queue.id);
    t.clock.advanceMinutes(5);
    const note = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'note', bodyText: 'AP im 2. OG prüfen' } });
    expect(note.body.ticket.escalation.firstResponseAt).toBe(plus(ticket.createdAt, 60));
    t.clock.advanceMinutes(10);
    const answered = await answerByMail(ticket.id);
    expect(answered.status).toBe(201);
    expect(answered.body.ticket.escalation).toEqual({
      at: plus(ticket.createdAt, 480),
      firstResponseAt: null,
      updateAt: null,
      solutionAt: plus(ticket.createdAt, 480),
      firstResponseDoneAt: plus(ticket.createdAt, 15),
    });
  });

  it('a ticket becomes escalated when its time passes, and leaves the escalated list once answered', async () => {
    const ticket = await createPhoneTicket(fastQueue.id);
    const escalatedIds = async () => (await call(app, agent, 'GET', `/api/v1/tickets?queueId=${fastQueue.id}&escalated=true`)).body.items.map((x: { id: number }) => x.id);
    const soonIds = async () => (await call(app, agent, 'GET', `/api/v1/tickets?queueId=${fastQueue.id}&escalatesWithinMinutes=15`)).body.items.map((x: { id: number }) => x.id);
    expect(await escalatedIds()).not.toContain(ticket.id);
    expect(await soonIds()).toContain(ticket.id);
    t.clock.advanceMinutes(11);
    expect(await escalatedIds()).toContain(ticket.id);
    expect(await soonIds()).not.toContain(ticket.id);
    await answerByMail(ticket.id);
    // The solution clock (30 minutes) still runs, so not escalated again before then.
    expect(await escalatedIds()).not.toContain(ticket.id);
    t.clock.advanceMinutes(20);
    expect(await escalatedIds()).toContain(ticket.id);
  });

  it('pending and closed states stop every clock; reopening starts them again', async () => {
    const ticket = await createPhoneTicket(queue.id);
    const pendingUntil = plus(t.clock.now().toISOString(), 24 * 60);
    const pending = await update(ticket.id, { stateId: STATE.pendingReminder, pendingUntil });
    expect(pending.escalation).toMatchObject({ at: null, firstResponseAt: null, updateAt: null, solutionAt: null });
    const reopened = await update(ticket.id, { stateId: STATE.open });
    expect(reopened.escalation).toMatchObject({ at: plus(ticket.createdAt, 60), solutionAt: plus(ticket.createdAt, 480) });
    const closed = await update(ticket.id, { stateId: STATE.closedSuccessful });
    expect(closed.escalation.at).toBeNull();
    expect((await get(ticket.id)).escalation.solutionAt).toBeNull();
  });

  it('an SLA target wins over the queue’s where it is set; moving the ticket takes the new queue’s targets', async () => {
    const sla = await t.ctx.db.insertInto('sla').values({ name: `Gold ${dialect}`, comment: null, calendar_name: null }).returning('id').executeTakeFirstOrThrow();
    await setTargets('sla', sla.id, 15, 0, 0);
    const ticket = await createPhoneTicket(queue.id, { slaId: sla.id });
    expect(ticket.escalation).toMatchObject({ firstResponseAt: plus(ticket.createdAt, 15), updateAt: plus(ticket.createdAt, 240), at: plus(ticket.createdAt, 15) });
    const moved = await update(ticket.id, { queueId: fastQueue.id, slaId: null });
    expect(moved.escalation).toMatchObject({ firstResponseAt: plus(ticket.createdAt, 10), updateAt: plus(ticket.createdAt, 20), solutionAt: plus(ticket.createdAt, 30) });
  });

  it('a customer follow-up by mail restarts the update clock from that mail', async () => {
    const first = await ingestRawMail(t.ctx, { raw: mail('Passwort vergessen', '<first@student.uni-spree.de>'), source: 'import', queueId: queue.id });
    const ticketId = first.ticketId!;
    const created = (await get(ticketId)).createdAt;
    expect((await get(ticketId)).escalation.updateAt).toBe(plus(created, 240));
    t.clock.advanceMinutes(30);
    await answerByMail(ticketId);
    expect((await get(ticketId)).escalation.updateAt).toBeNull();
    t.clock.advanceMinutes(60);
    const followUpAt = t.clock.now().toISOString();
    const tn = (await get(ticketId)).number;
    const second = await ingestRawMail(t.ctx, { raw: mail(`Re: [Ticket#${tn}] Passwort vergessen`, '<second@student.uni-spree.de>'), source: 'import' });
    expect(second).toMatchObject({ ticketId, isFollowUp: true });
    const after = (await get(ticketId)).escalation;
    expect(after).toMatchObject({ updateAt: plus(followUpAt, 240), firstResponseDoneAt: plus(created, 30), firstResponseAt: null });
  });
});

function mail(subject: string, messageId: string): Buffer {
  return Buffer.from(
    [
      'From: Sam Student <sam@student.uni-spree.de>',
      'To: RMZ Support <support@uni-spree.de>',
      `Subject: ${subject}`,
      'Date: Sat, 28 Nov 2026 10:00:00 +0100',
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hallo, ich komme nicht ins Portal.',
      '',
    ].join('\r\n'),
  );
}

describe.each(dialects)('GET /tickets escalation filters over 2,000 tickets on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let agent: Record<string, string>;
  let now: string;
  type Row = { id: number; title: string; escalation_at: string | null; state_id: number; pending_until: string | null };
  let rows: Row[];

  const minutes = (n: number) => new Date(Date.parse(now) + n * 60_000).toISOString();
  /** Every page of a list, fetched 500 at a time. */
  const allPages = async (query: string) => {
    const ids: number[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += 500) {
      const res = await call(app, agent, 'GET', `/api/v1/tickets?${query}&limit=500&offset=${offset}`);
      expect(res.status).toBe(200);
      total = res.body.total;
      ids.push(...res.body.items.map((x: { id: number }) => x.id));
    }
    return { ids, total };
  };
  /** Expected order: by escalation time, tickets without one last, ties by id in the same direction. */
  const byEscalation = (order: 'asc' | 'desc') => (a: Row, b: Row) => {
    if (a.escalation_at === b.escalation_at) return order === 'asc' ? a.id - b.id : b.id - a.id;
    if (a.escalation_at === null) return 1;
    if (b.escalation_at === null) return -1;
    return (a.escalation_at < b.escalation_at ? -1 : 1) * (order === 'asc' ? 1 : -1);
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    now = t.clock.now().toISOString();
    const visible = await buildQueue(t.ctx, { name: 'Massenqueue' });
    const hidden = await buildQueue(t.ctx, { name: 'Verborgen' });
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: visible.group_id, kinds: ['ro'] }] }));
    // Direct bulk insert for volume; the escalation values are set as the service would.
    const values = Array.from({ length: 2_200 }, (_, i) => {
      const isPending = i % 10 === 9;
      return {
        tn: `9${String(i).padStart(8, '0')}`,
        title: `Massenticket ${i}`,
        queue_id: i < 2_000 ? visible.id : hidden.id,
        state_id: isPending ? STATE.pendingReminder : i % 2 ? STATE.open : 1,
        priority_id: 3,
        owner_id: 1,
        channel: 'email',
        pending_until: isPending ? minutes(((i * 13) % 240) - 120) : null,
        escalation_at: isPending || i % 5 === 0 ? null : minutes(((i * 37) % 600) - 300),
        created_at: minutes(-1_000 + (i % 500)),
        changed_at: now,
      };
    });
    for (let i = 0; i < values.length; i += 200) await t.ctx.db.insertInto('ticket').values(values.slice(i, i + 200)).execute();
    rows = await t.ctx.db.selectFrom('ticket').select(['id', 'title', 'escalation_at', 'state_id', 'pending_until']).where('queue_id', '=', visible.id).execute();
    expect(rows).toHaveLength(2_000);
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('escalated=true pages through exactly the escalated tickets of visible queues, earliest first', async () => {
    const expected = rows.filter((r) => r.escalation_at !== null && r.escalation_at <= now).sort(byEscalation('asc'));
    expect(expected.length).toBeGreaterThan(500);
    const { ids, total } = await allPages('escalated=true&sort=escalationAt&order=asc');
    expect(total).toBe(expected.length);
    expect(ids).toEqual(expected.map((r) => r.id));
  });

  it('escalatesWithinMinutes=N lists the not yet escalated tickets due within N minutes', async () => {
    const expected = rows.filter((r) => r.escalation_at !== null && r.escalation_at > now && r.escalation_at <= minutes(90)).sort(byEscalation('asc'));
    expect(expected.length).toBeGreaterThan(0);
    const { ids, total } = await allPages('escalatesWithinMinutes=90&sort=escalationAt&order=asc');
    expect(total).toBe(expected.length);
    expect(ids).toEqual(expected.map((r) => r.id));
  });

  it.each(['asc', 'desc'] as const)('sort=escalationAt&order=%s puts tickets without escalation last, across pages', async (order) => {
    const { ids, total } = await allPages(`sort=escalationAt&order=${order}`);
    expect(total).toBe(2_000);
    expect(ids).toEqual([...rows].sort(byEscalation(order)).map((r) => r.id));
  });

  it('pendingReminderReached=true lists pending reminder tickets whose time has come', async () => {
    const expected = rows.filter((r) => r.state_id === STATE.pendingReminder && r.pending_until !== null && r.pending_until <= now);
    const { ids, total } = await allPages('pendingReminderReached=true');
    expect(total).toBe(expected.length);
    expect(ids.sort()).toEqual(expected.map((r) => r.id).sort());
  });

  it('filters combine with the title search and paging keeps the total', async () => {
    const res = await call(app, agent, 'GET', '/api/v1/tickets?search=Massenticket%2019&escalated=true&limit=5&offset=0');
    const expected = rows.filter((r) => r.title.startsWith('Massenticket 19') && r.escalation_at !== null && r.escalation_at <= now);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.total).toBe(expected.length);
    expect(res.body.items.every((x: { title: string; escalation: { at: string } }) => x.title.startsWith('Massenticket 19') && x.escalation.at <= now)).toBe(true);
  });
});
