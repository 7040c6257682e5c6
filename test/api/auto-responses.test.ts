import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildQueue } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('auto-responses API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let queue: { id: number; group_id: number };
  const count = async () => (await t.ctx.db.selectFrom('auto_response').select('id').execute()).length;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    queue = await buildQueue(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] }));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  describe('POST /auto-responses', () => {
    it('an admin creates, reads, lists, changes and deletes an auto-response with a long solution body', async () => {
      const body = `Dear <CUSTOMER_REALNAME>,\n\n${'Step: open the portal and reset.\n'.repeat(2000)}`;
      const created = await call(app, admin, 'POST', '/api/v1/auto-responses', { queueId: queue.id, event: 'new_ticket', language: 'en', subject: 'Re: <CUSTOMER_SUBJECT[24]>', body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ queueId: queue.id, event: 'new_ticket', language: 'en', isValid: true, body });
      const id = created.body.id;
      expect((await call(app, admin, 'GET', `/api/v1/auto-responses/${id}`)).body.subject).toBe('Re: <CUSTOMER_SUBJECT[24]>');
      const list = await call(app, admin, 'GET', `/api/v1/auto-responses?queueId=${queue.id}&event=new_ticket`);
      expect(list.body.map((r: { id: number }) => r.id)).toEqual([id]);
      const changed = await call(app, admin, 'PATCH', `/api/v1/auto-responses/${id}`, { language: 'de', isValid: false });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ language: 'de', isValid: false, body });
      expect((await call(app, admin, 'DELETE', `/api/v1/auto-responses/${id}`)).status).toBe(204);
      expect((await call(app, admin, 'GET', `/api/v1/auto-responses/${id}`)).status).toBe(404);
    });

    it.each([
      [{ event: 'holiday' }, 'event'],
      [{ language: 'fr' }, 'language'],
      [{ subject: '' }, 'subject'],
      [{ body: 'x'.repeat(100_001) }, 'body'],
      [{ body: 'Hello <CUSTOMER_NAME>' }, 'body'],
      [{ queueId: 999999 }, 'queueId'],
      [{ queueId: 'one' }, 'queueId'],
    ])('invalid %o → 400 naming the field %s, nothing stored', async (override, field) => {
      const before = await count();
      const res = await call(app, admin, 'POST', '/api/v1/auto-responses', { queueId: queue.id, event: 'follow_up', language: 'en', subject: 'S', body: 'B', ...override });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(res.body.error.message).toContain(field);
      expect(await count()).toBe(before);
    });

    it('a second text for the same queue, event and language → 409', async () => {
      const input = { queueId: queue.id, event: 'reject', language: 'de', subject: 'Abgelehnt', body: 'Das Ticket ist geschlossen.' };
      expect((await call(app, admin, 'POST', '/api/v1/auto-responses', input)).status).toBe(201);
      const again = await call(app, admin, 'POST', '/api/v1/auto-responses', input);
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: 'CONFLICT', field: 'language' });
    });

    it('an agent who is not an admin gets 403 on every endpoint and changes nothing', async () => {
      const before = await count();
      expect((await call(app, agent, 'GET', '/api/v1/auto-responses')).status).toBe(403);
      expect((await call(app, agent, 'POST', '/api/v1/auto-responses', { queueId: queue.id, event: 'follow_up', language: 'en', subject: 'S', body: 'B' })).status).toBe(403);
      expect((await call(app, agent, 'PATCH', '/api/v1/auto-responses/1', { subject: 'X' })).status).toBe(403);
      expect((await call(app, agent, 'DELETE', '/api/v1/auto-responses/1')).status).toBe(403);
      expect(await count()).toBe(before);
    });
  });
});
