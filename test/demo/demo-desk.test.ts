import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../server/core/auth/session.service.ts';
import { loadAgentActor } from '../../server/core/permissions/permission.service.ts';
import { listTickets } from '../../server/core/tickets/ticket-query.service.ts';
import { findAgentIdByLogin } from '../../server/core/users/agent.service.ts';
import { loadDemoDesk, type DemoDeskResult } from '../../server/demo/demo-desk.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('demo desk on %s', (dialect) => {
  let t: TestDatabase;
  let demo: DemoDeskResult;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    demo = await loadDemoDesk(t.ctx);
  }, 120_000);
  afterAll(async () => {
    await t.destroy();
  });

  async function ticketsByQueueAndState() {
    return t.ctx.db
      .selectFrom('ticket as t')
      .innerJoin('queue as q', 'q.id', 't.queue_id')
      .innerJoin('ticket_state as s', 's.id', 't.state_id')
      .innerJoin('ticket_state_type as st', 'st.id', 's.type_id')
      .select(['q.full_name as queue', 'st.name as stateType', 't.lock', 't.created_at'])
      .execute();
  }

  it('loads about 200 tickets over the last weeks, in every kind of state, on both levels', async () => {
    expect(demo.loaded).toBe(true);
    expect(demo.ticketCount).toBeGreaterThanOrEqual(190);
    expect(demo.ticketCount).toBeLessThanOrEqual(230);
    const tickets = await ticketsByQueueAndState();
    const stateTypes = new Set(tickets.map((x) => x.stateType));
    for (const type of ['new', 'open', 'pending reminder', 'closed', 'merged']) expect(stateTypes).toContain(type);
    const queues = new Set(tickets.map((x) => x.queue));
    expect(queues).toContain('Service Desk::1st Level');
    expect(queues).toContain('Service Desk::2nd Level');
    expect(queues).toContain('Service Desk::2nd Level::Wi-Fi & VPN');
    expect(tickets.some((x) => x.lock === 'lock')).toBe(true);
    const oldest = Math.min(...tickets.map((x) => Date.parse(x.created_at)));
    expect(t.clock.now().getTime() - oldest).toBeGreaterThan(40 * 24 * 3_600_000);
    expect(demo.summary).toContain(`password for all: ${demo.password}`);
  });

  it('every printed agent login works with the printed password', async () => {
    expect(demo.logins.length).toBeGreaterThanOrEqual(5);
    for (const agent of demo.logins) {
      expect(demo.summary).toContain(agent.login);
      await expect(login(t.ctx, { login: agent.login, password: demo.password })).resolves.toMatchObject({ agentId: expect.any(Number) });
    }
  });

  it('a 1st-level agent sees the 1st-level queue but no ticket of the 2nd level’s own queue', async () => {
    const firstLevel = demo.logins.find((l) => l.role === '1st Level');
    const agentId = firstLevel && (await findAgentIdByLogin(t.ctx, firstLevel.login));
    const actor = agentId ? await loadAgentActor(t.ctx, agentId) : null;
    if (!actor) throw new Error('no 1st-level agent');
    const queueId = async (fullName: string) => (await t.ctx.db.selectFrom('queue').select('id').where('full_name', '=', fullName).executeTakeFirstOrThrow()).id;

    const own = await listTickets(t.ctx, actor, { queueIds: [await queueId('Service Desk::1st Level')], limit: 10, offset: 0 });
    expect(own.total).toBeGreaterThan(0);
    const hidden = await listTickets(t.ctx, actor, { queueIds: [await queueId('Service Desk::2nd Level')], limit: 10, offset: 0 });
    expect(hidden.total).toBe(0);
    const all = await listTickets(t.ctx, actor, { limit: 500, offset: 0 });
    expect(all.items.some((x) => x.queue.name === 'Service Desk::2nd Level' || x.queue.name === 'Data Protection')).toBe(false);
  });

  it('loading again changes nothing and prints the logins again', async () => {
    const before = (await ticketsByQueueAndState()).length;
    const again = await loadDemoDesk(t.ctx);
    expect(again.loaded).toBe(false);
    expect(again.ticketCount).toBe(demo.ticketCount);
    expect(again.summary).toContain(demo.logins[0]?.login);
    expect((await ticketsByQueueAndState()).length).toBe(before);
  });
});
