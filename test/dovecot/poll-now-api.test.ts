import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { buildApp, type AppDeps } from '../../server/http/app.ts';
import { startMailAccountPoller, type MailAccountPoller } from '../../server/mail/inbound/mail-account-poller.ts';
import { bearerFor, call } from '../support/api-client.ts';
import { startDovecot, type DovecotServer } from '../support/dovecot.ts';
import { buildAgent } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';
import { folderState, newMailbox, pollerOptions, recordingIntake, testMail } from './mail-account-fixtures.ts';

let dovecot: DovecotServer;
beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  await dovecot?.stop();
});

describe.each(dialects)('POST /api/v1/mail-accounts/:id/poll with a poller on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let poller: MailAccountPoller;
  let admin: Record<string, string>;
  const recorder = recordingIntake();

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    poller = startMailAccountPoller(pollerOptions(t.ctx, recorder.intake));
    const deps = { ctx: t.ctx, config: loadConfig({ LOG_LEVEL: 'silent' }), version: 'test', mailAccountPoller: poller };
    app = await buildApp(deps as AppDeps);
    await app.ready();
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
  });
  afterAll(async () => {
    await poller.stop();
    await app.close();
    await t.destroy();
  });

  it('polls at once and answers what happened; the account shows the last poll', async () => {
    const mailbox = newMailbox(dovecot);
    for (const n of [1, 2]) await dovecot.deliver(mailbox.login, mailbox.password, testMail(n));
    const created = await call(app, admin, 'POST', '/api/v1/mail-accounts', { protocol: 'imap', host: '127.0.0.1', port: dovecot.imapPort, security: 'none', login: mailbox.login, password: mailbox.password, afterFetch: 'mark_seen' });
    expect(created.status).toBe(201);
    const res = await call(app, admin, 'POST', `/api/v1/mail-accounts/${created.body.id}/poll`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accountId: created.body.id, stored: 2, failed: 0, remaining: 0, error: null });
    expect((await folderState(dovecot, mailbox)).every((m) => m.seen)).toBe(true);
    const account = (await call(app, admin, 'GET', `/api/v1/mail-accounts/${created.body.id}`)).body;
    expect(account).toMatchObject({ lastPollAt: t.clock.now().toISOString(), lastFetchedCount: 2, lastError: null });
  });

  it('a wrong password answers 200 with the classified error, shown on the account', async () => {
    const mailbox = newMailbox(dovecot);
    const created = await call(app, admin, 'POST', '/api/v1/mail-accounts', { protocol: 'pop3', host: '127.0.0.1', port: dovecot.pop3Port, security: 'none', login: mailbox.login, password: 'nope' });
    const res = await call(app, admin, 'POST', `/api/v1/mail-accounts/${created.body.id}/poll`);
    expect(res.body.error.kind).toBe('auth');
    expect((await call(app, admin, 'GET', `/api/v1/mail-accounts/${created.body.id}`)).body.lastError.kind).toBe('auth');
  });
});
