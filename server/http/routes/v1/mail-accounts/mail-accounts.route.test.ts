import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, buildTestApp, call } from '../../../../../test/support/api-client.ts';
import { buildAgent, buildQueue } from '../../../../../test/support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../../../../../test/support/test-db.ts';

describe.each(dialects)('/api/v1/mail-accounts on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let queueId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    queueId = (await buildQueue(t.ctx)).id;
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [] }));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const imap = { protocol: 'imaps', host: 'imap.uni-spree.de', login: 'support', password: 's3cret' };

  it('an admin adds an IMAP account: defaults filled, the password never returned', async () => {
    const res = await call(app, admin, 'POST', '/api/v1/mail-accounts', { ...imap, queueId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ port: 993, security: 'tls', folder: 'INBOX', afterFetch: 'delete', pollIntervalMinutes: 10, queueId, trusted: false, valid: true, hasPassword: true, lastError: null });
    expect(JSON.stringify(res.body)).not.toContain('s3cret');
    const list = await call(app, admin, 'GET', '/api/v1/mail-accounts');
    expect(JSON.stringify(list.body)).not.toContain('s3cret');
  });

  it('a PATCH without password keeps it; a new host makes the account due at once', async () => {
    const created = (await call(app, admin, 'POST', '/api/v1/mail-accounts', imap)).body;
    const res = await call(app, admin, 'PATCH', `/api/v1/mail-accounts/${created.id}`, { host: 'mail.uni-spree.de', afterFetch: 'move', moveToFolder: 'Ticketwerk' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ host: 'mail.uni-spree.de', hasPassword: true, afterFetch: 'move', moveToFolder: 'Ticketwerk', nextPollAt: t.clock.now().toISOString() });
    const row = await t.ctx.db.selectFrom('mail_account').select('password').where('id', '=', created.id).executeTakeFirstOrThrow();
    expect(row.password).toBe('s3cret');
  });

  it('validation names the field and writes nothing', async () => {
    const before = (await call(app, admin, 'GET', '/api/v1/mail-accounts')).body.length;
    const cases: [object, string, number][] = [
      [{ ...imap, protocol: 'pop4' }, 'protocol', 400],
      [{ ...imap, security: 'none' }, 'security', 400],
      [{ ...imap, afterFetch: 'move' }, 'moveToFolder', 400],
      [{ ...imap, protocol: 'pop3', afterFetch: 'mark_seen' }, 'afterFetch', 400],
      [{ ...imap, queueId: 99999 }, 'queueId', 404],
      [{ ...imap, password: undefined }, 'password', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await call(app, admin, 'POST', '/api/v1/mail-accounts', body);
      expect([res.status, res.body.error?.field], field).toEqual([status, field]);
    }
    expect((await call(app, admin, 'GET', '/api/v1/mail-accounts')).body.length).toBe(before);
  });

  it('agents who are not admins get 403', async () => {
    expect((await call(app, agent, 'GET', '/api/v1/mail-accounts')).status).toBe(403);
    expect((await call(app, agent, 'POST', '/api/v1/mail-accounts', imap)).status).toBe(403);
  });

  it('poll now in a process without a poller makes the account due for the mail process', async () => {
    const created = (await call(app, admin, 'POST', '/api/v1/mail-accounts', imap)).body;
    await t.ctx.db.updateTable('mail_account').set({ next_poll_at: '2030-01-01T00:00:00.000Z' }).where('id', '=', created.id).execute();
    const res = await call(app, admin, 'POST', `/api/v1/mail-accounts/${created.id}/poll`);
    expect(res.status).toBe(202);
    expect((await call(app, admin, 'GET', `/api/v1/mail-accounts/${created.id}`)).body.nextPollAt).toBe(t.clock.now().toISOString());
    expect((await call(app, agent, 'POST', `/api/v1/mail-accounts/${created.id}/poll`)).status).toBe(403);
  });

  it('DELETE removes the account; then 404', async () => {
    const created = (await call(app, admin, 'POST', '/api/v1/mail-accounts', imap)).body;
    expect((await call(app, admin, 'DELETE', `/api/v1/mail-accounts/${created.id}`)).status).toBe(204);
    expect((await call(app, admin, 'GET', `/api/v1/mail-accounts/${created.id}`)).status).toBe(404);
  });
});
