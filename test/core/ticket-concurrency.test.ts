import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../server/core/errors.ts';
import { createTicket } from '../../server/core/tickets/create-ticket.service.ts';
import { lockTicket } from '../../server/core/tickets/lock-ticket.service.ts';
import { getTicket } from '../../server/core/tickets/ticket-query.service.ts';
import { applyTicketMutation } from '../../server/core/tickets/ticket-mutation.ts';
import { findTicketRow } from '../../server/core/tickets/ticket.repository.ts';
import { updateTicket } from '../../server/core/tickets/update-ticket.service.ts';
import { buildAgent, buildQueue, buildTicket, system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('concurrent work on tickets on %s', (dialect) => {
  let t: TestDatabase;
  let queue: { id: number; group_id: number };

  beforeAll(async () => {
    t = await createTestDatabase(dialect, { poolSize: 20 });
    queue = await buildQueue(t.ctx);
  });
  afterAll(() => t.destroy());

  it('50 parallel creations get 50 distinct ticket numbers with consecutive counters', async () => {
    const tickets = await Promise.all(Array.from({ length: 50 }, (_, i) => createTicket(t.ctx, system, { title: `Parallel ${i}`, queueId: queue.id, channel: 'email' })));
    const numbers = tickets.map((x) => x.number);
    expect(new Set(numbers).size).toBe(50);
    // DateChecksum: date + SystemID + 5-digit counter + check digit; the counters are 1..50 without gaps.
    const counters = numbers.map((n) => Number(n.slice(10, 15))).sort((a, b) => a - b);
    expect(counters).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('the daily counter starts again the next day, and numbers stay unique', async () => {
    t.clock.advanceMinutes(24 * 60);
    const next = await createTicket(t.ctx, system, { title: 'Tomorrow', queueId: queue.id, channel: 'email' });
    expect(next.number.slice(0, 8)).toBe('20261129');
    expect(Number(next.number.slice(10, 15))).toBe(1);
  });

  it('a number given out before (the counter was set back) is refused with a clear conflict until the counter is right again', async () => {
    const first = await createTicket(t.ctx, system, { title: 'Before the reset', queueId: queue.id, channel: 'email' });
    await t.ctx.db.updateTable('ticket_number_counter').set((eb) => ({ value: eb('value', '-', 1) })).execute();
    const refused = await createTicket(t.ctx, system, { title: 'After the reset', queueId: queue.id, channel: 'email' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: `Ticket number ${first.number} is already taken; check TICKET_NUMBER_GENERATOR and SYSTEM_ID.` });
    // The refused creation rolled back its counter step too, so an admin has to set the counter right.
    await t.ctx.db.updateTable('ticket_number_counter').set((eb) => ({ value: eb('value', '+', 1) })).execute();
    const next = await createTicket(t.ctx, system, { title: 'Next', queueId: queue.id, channel: 'email' });
    expect(next.number).not.toBe(first.number);
  });

  it('of two agents changing the same version at the same time, exactly one wins; the other gets STALE_VERSION', async () => {
    const perms = [{ groupId: queue.group_id, kinds: ['rw' as const] }];
    const [a, b] = [await buildAgent(t.ctx, { permissions: perms }), await buildAgent(t.ctx, { permissions: perms })];
    for (let round = 0; round < 5; round++) {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      const results = await Promise.allSettled([
        updateTicket(t.ctx, a, { ticketId: ticket.id, expectedVersion: ticket.version, priorityId: 5 }),
        updateTicket(t.ctx, b, { ticketId: ticket.id, expectedVersion: ticket.version, priorityId: 1 }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(DomainError);
      expect((lost[0]?.reason as DomainError).code).toBe('STALE_VERSION');
      const final = await getTicket(t.ctx, system, ticket.id);
      expect(final.version).toBe(ticket.version + 1);
      const history = await t.ctx.db.selectFrom('ticket_history').select('id').where('ticket_id', '=', ticket.id).where('history_type', '=', 'PriorityUpdate').execute();
      expect(history).toHaveLength(1);
    }
  });

  it('of two agents locking the same ticket at the same time, one holds the lock and the other is refused', async () => {
    const perms = [{ groupId: queue.group_id, kinds: ['rw' as const] }];
    const [a, b] = [await buildAgent(t.ctx, { permissions: perms }), await buildAgent(t.ctx, { permissions: perms })];
    const ticket = await buildTicket(t.ctx, { queueId: queue.id });
    const results = await Promise.allSettled([lockTicket(t.ctx, a, { ticketId: ticket.id }), lockTicket(t.ctx, b, { ticketId: ticket.id })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(['TICKET_LOCKED', 'STALE_VERSION']).toContain((refused?.reason as DomainError).code);
    const final = await getTicket(t.ctx, system, ticket.id);
    expect(final.lock).toBe('lock');
    expect([a.agentId, b.agentId]).toContain(final.owner.id);
  });
  it('a system change from a row it read earlier is refused if an agent changed the ticket in between; the agent\'s change stays', async () => {
    const ticket = await buildTicket(t.ctx, { queueId: queue.id, title: 'Drucker im Lesesaal' });
    const agent = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] });
    const readEarlier = await findTicketRow(t.ctx, ticket.id);
    if (!readEarlier) throw new Error('ticket not found');
    await updateTicket(t.ctx, agent, { ticketId: ticket.id, title: 'Drucker im Lesesaal 2 defekt' });

    const refused = await applyTicketMutation(t.ctx, system, { ticketId: ticket.id, permissions: [], readBySystem: readEarlier }, async () => ({
      changes: { title: 'Vom System gesetzt' },
      history: [],
    })).catch((error: unknown) => error);

    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('STALE_VERSION');
    expect((await getTicket(t.ctx, agent, ticket.id)).title).toBe('Drucker im Lesesaal 2 defekt');
  });

  it('an agent cannot skip the permission check by handing in a row read earlier', async () => {
    const ticket = await buildTicket(t.ctx, { queueId: queue.id, title: 'Nur für das RMZ' });
    const outsider = await buildAgent(t.ctx);
    const row = await findTicketRow(t.ctx, ticket.id);
    if (!row) throw new Error('ticket not found');

    const refused = await applyTicketMutation(t.ctx, outsider, { ticketId: ticket.id, permissions: ['rw'], readBySystem: row }, async () => ({
      changes: { title: 'Übernommen' },
      history: [],
    })).catch((error: unknown) => error);

    expect((refused as DomainError).code).toBe('NOT_FOUND');
    expect((await getTicket(t.ctx, system, ticket.id)).title).toBe('Nur für das RMZ');
  });

  it('"created in this transaction" keeps the version only for the system, and only for a change that sets no columns', async () => {
    const ticket = await buildTicket(t.ctx, { queueId: queue.id, title: 'Beamer im Hörsaal 3' });
    const owner = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] });
    const versionNow = async () => (await findTicketRow(t.ctx, ticket.id))?.version;
    const start = await versionNow();
    const noChange = async () => ({ changes: {}, history: [] });

    await applyTicketMutation(t.ctx, system, { ticketId: ticket.id, permissions: [], createdInThisTransaction: true }, noChange);
    expect(await versionNow()).toBe(start);
    // An agent's change always moves the version, so other agents' stale forms are refused.
    await applyTicketMutation(t.ctx, owner, { ticketId: ticket.id, permissions: ['rw'], createdInThisTransaction: true }, noChange);
    expect(await versionNow()).toBe((start ?? 0) + 1);
    await applyTicketMutation(t.ctx, system, { ticketId: ticket.id, permissions: [], createdInThisTransaction: true }, async () => ({ changes: { title: 'Beamer repariert' }, history: [] }));
    expect(await versionNow()).toBe((start ?? 0) + 2);
  });
});
