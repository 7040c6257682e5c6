import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PermissionKind } from '../../shared/domain.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildGroup, buildQueue, buildTicket } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

/**
 * Each permission kind × each ticket operation, allowed and denied, through the API.
 * Every agent holds one row's kinds on the ticket's queue, and move_into on a second
 * queue (so only the source queue's permission decides a move).
 */
type Operation = 'view' | 'list' | 'create' | 'note' | 'reply' | 'move' | 'priority' | 'owner' | 'state' | 'lock' | 'merge';
const OPERATIONS: Operation[] = ['view', 'list', 'create', 'note', 'reply', 'move', 'priority', 'owner', 'state', 'lock', 'merge'];

const ROWS: { kinds: PermissionKind[]; allowed: Operation[] }[] = [
  { kinds: [], allowed: [] },
  { kinds: ['ro'], allowed: ['view', 'list'] },
  { kinds: ['ro', 'move_into'], allowed: ['view', 'list', 'move'] },
  { kinds: ['ro', 'create'], allowed: ['view', 'list', 'create'] },
  { kinds: ['ro', 'note'], allowed: ['view', 'list', 'note'] },
  { kinds: ['ro', 'owner'], allowed: ['view', 'list', 'owner', 'lock'] },
  { kinds: ['ro', 'priority'], allowed: ['view', 'list', 'priority'] },
  { kinds: ['rw'], allowed: OPERATIONS },
];

describe.each(dialects)('permission matrix on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let queue: { id: number; group_id: number };
  let otherQueue: { id: number };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    queue = await buildQueue(t.ctx, { name: 'Password & Accounts' });
    otherQueue = await buildQueue(t.ctx, { name: 'Elsewhere', groupId: (await buildGroup(t.ctx)).id });
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  async function attempt(headers: Record<string, string>, agentId: number, op: Operation) {
    const ticket = await buildTicket(t.ctx, { queueId: queue.id });
    const url = `/api/v1/tickets/${ticket.id}`;
    const before = await t.ctx.db.selectFrom('ticket_history').select((eb) => eb.fn.countAll<number>().as('n')).where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
    let res: { status: number; body: any };
    switch (op) {
      case 'view':
        res = await call(app, headers, 'GET', url);
        break;
      case 'list': {
        const list = await call(app, headers, 'GET', `/api/v1/tickets?queueId=${queue.id}&limit=500`);
        res = { status: list.body.items.some((x: { id: number }) => x.id === ticket.id) ? 200 : 404, body: list.body };
        break;
      }
      case 'create':
        res = await call(app, headers, 'POST', '/api/v1/tickets', { title: 'New', queueId: queue.id });
        break;
      case 'note':
        res = await call(app, headers, 'POST', `${url}/articles`, { article: { channel: 'note', bodyText: 'Checked the account.' } });
        break;
      case 'reply':
        res = await call(app, headers, 'POST', `${url}/articles`, { article: { channel: 'email', to: 'student@uni-spree.de', bodyText: 'Here is how.' } });
        break;
      case 'move':
        res = await call(app, headers, 'PATCH', url, { queueId: otherQueue.id });
        break;
      case 'priority':
        res = await call(app, headers, 'PATCH', url, { priorityId: 5 });
        break;
      case 'owner':
        res = await call(app, headers, 'PATCH', url, { ownerId: agentId });
        break;
      case 'state':
        res = await call(app, headers, 'PATCH', url, { stateId: 4 });
        break;
      case 'lock':
        res = await call(app, headers, 'POST', `${url}/lock`, {});
        break;
      case 'merge': {
        const target = await buildTicket(t.ctx, { queueId: queue.id });
        res = await call(app, headers, 'POST', `${url}/merge`, { targetTicketId: target.id });
        break;
      }
    }
    const after = await t.ctx.db.selectFrom('ticket_history').select((eb) => eb.fn.countAll<number>().as('n')).where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
    return { status: res.status, body: res.body, historyWritten: Number(after.n) - Number(before.n) };
  }

  describe.each(ROWS)('agent with $kinds', ({ kinds, allowed }) => {
    let headers: Record<string, string>;
    let agentId: number;
    beforeAll(async () => {
      const agent = await buildAgent(t.ctx, {
        permissions: [
          ...(kinds.length ? [{ groupId: queue.group_id, kinds }] : []),
          { groupId: (await t.ctx.db.selectFrom('queue').select('group_id').where('id', '=', otherQueue.id).executeTakeFirstOrThrow()).group_id, kinds: ['move_into', 'ro'] },
        ],
      });
      agentId = agent.agentId;
      headers = await bearerFor(t.ctx, agent);
    });

    it.each(OPERATIONS)('%s', async (op) => {
      const result = await attempt(headers, agentId, op);
      if (allowed.includes(op)) {
        expect(result.status, JSON.stringify(result.body)).toBeLessThan(300);
      } else {
        // Without ro the ticket does not exist for the agent (404); with ro the action is forbidden (403).
        const expected = op === 'view' || op === 'list' || (!kinds.includes('ro') && op !== 'create') ? 404 : 403;
        expect(result.status, JSON.stringify(result.body)).toBe(expected);
        if (expected === 403) expect(result.body.error.code).toBe('PERMISSION_DENIED');
        expect(result.historyWritten).toBe(0);
      }
    });
  });
});
