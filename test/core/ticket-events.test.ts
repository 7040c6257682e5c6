import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestTicketEventId, listTicketEventsAfter, listTicketEventsByIds } from '../../server/core/events/ticket-event.service.ts';
import { buildAgent, buildQueue, buildTicket, system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('ticket events for live clients on %s', (dialect) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => t.destroy());

  it('an agent lists only events of tickets in queues they hold ro on; the system all of them', async () => {
    const start = await latestTicketEventId(t.ctx);
    const mine = await buildQueue(t.ctx);
    const theirs = await buildQueue(t.ctx);
    const agent = await buildAgent(t.ctx, { permissions: [{ groupId: mine.group_id, kinds: ['ro'] }] });
    const nobody = await buildAgent(t.ctx);
    const seen = await buildTicket(t.ctx, { queueId: mine.id });
    const hidden = await buildTicket(t.ctx, { queueId: theirs.id });

    const forAgent = await listTicketEventsAfter(t.ctx, agent, start, 100);
    expect(forAgent.map((e) => [e.ticketId, e.queueId, e.name])).toEqual([[seen.id, mine.id, 'ticket.created']]);
    expect((await listTicketEventsAfter(t.ctx, system, start, 100)).map((e) => e.ticketId)).toEqual([seen.id, hidden.id]);
    expect(await listTicketEventsAfter(t.ctx, nobody, start, 100)).toEqual([]);
    expect(await latestTicketEventId(t.ctx)).toBeGreaterThan(start);

    const all = await listTicketEventsAfter(t.ctx, system, start, 1);
    expect(all).toHaveLength(1);
    const byIds = await listTicketEventsByIds(t.ctx, agent, (await listTicketEventsAfter(t.ctx, system, start, 100)).map((e) => e.id));
    expect(byIds.map((e) => e.ticketId)).toEqual([seen.id]);
  });
});
