import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRawMail } from '../../server/core/mail-intake/mail-intake.service.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const mail = (from: string, subject: string, body: string, messageId: string) =>
  Buffer.from(`From: ${from}\r\nTo: support@uni-spree.de\r\nSubject: ${subject}\r\nMessage-ID: ${messageId}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`);

describe.each(dialects)('received mail for admins and agents on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: 1, kinds: ['rw'] }] }));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  it('admins list stored mails, download the original bytes and reprocess; agents may not', async () => {
    const raw = mail('Jonas Berg <jonas.berg@student.uni-spree.de>', 'Druckguthaben', 'Mein Guthaben ist weg.', '<druck-1@uni-spree.de>');
    const result = await ingestRawMail(t.ctx, { raw, source: 'import' });
    expect(result.status).toBe('processed');
    const list = await call(app, admin, 'GET', '/api/v1/raw-mails?status=processed');
    expect(list.body.items[0]).toMatchObject({ id: result.rawMailId, source: 'import', messageId: '<druck-1@uni-spree.de>', ticketId: result.ticketId });
    const source = await app.inject({ method: 'GET', url: `/api/v1/raw-mails/${result.rawMailId}/source`, headers: admin });
    expect(source.headers['content-type']).toBe('message/rfc822');
    expect(source.rawPayload.equals(raw)).toBe(true);
    const again = await call(app, admin, 'POST', `/api/v1/raw-mails/${result.rawMailId}/reprocess`);
    expect(again.body).toMatchObject({ status: 'processed', ticketId: result.ticketId });
    const articles = await t.ctx.db.selectFrom('article').select('id').where('ticket_id', '=', result.ticketId as number).execute();
    expect(articles).toHaveLength(1);
    expect((await call(app, agent, 'GET', '/api/v1/raw-mails')).status).toBe(403);
    expect((await call(app, agent, 'POST', `/api/v1/raw-mails/${result.rawMailId}/reprocess`)).status).toBe(403);
  });

  it('a follow-up from a stranger is attached but hidden until an agent accepts the sender', async () => {
    const first = await ingestRawMail(t.ctx, { raw: mail('mia.koch@student.uni-spree.de', 'Moodle-Kurs fehlt', 'Kurs fehlt.', '<m-1@uni-spree.de>'), source: 'test' });
    const tn = (await t.ctx.db.selectFrom('ticket').select('tn').where('id', '=', first.ticketId as number).executeTakeFirstOrThrow()).tn;
    const stranger = await ingestRawMail(t.ctx, { raw: mail('curious@example.org', `Re: [Ticket#${tn}] Moodle-Kurs fehlt`, 'What is this about?', '<s-1@example.org>'), source: 'test' });
    expect(stranger).toMatchObject({ status: 'processed', ticketId: first.ticketId, isFollowUp: true });
    const articles = await call(app, agent, 'GET', `/api/v1/tickets/${first.ticketId}/articles`);
    const strangeArticle = articles.body.find((a: { id: number }) => a.id === stranger.articleId);
    expect(strangeArticle).toMatchObject({ isSenderUnverified: true, isVisibleForCustomer: false });

    const accepted = await call(app, agent, 'POST', `/api/v1/tickets/${first.ticketId}/articles/${stranger.articleId}/accept-sender`);
    expect(accepted.status).toBe(200);
    const after = await call(app, agent, 'GET', `/api/v1/tickets/${first.ticketId}/articles/${stranger.articleId}`);
    expect(after.body).toMatchObject({ isSenderUnverified: false, isVisibleForCustomer: true });
    const twice = await call(app, agent, 'POST', `/api/v1/tickets/${first.ticketId}/articles/${stranger.articleId}/accept-sender`);
    expect(twice.status).toBe(409);
    const known = await ingestRawMail(t.ctx, { raw: mail('mia.koch@student.uni-spree.de', `AW: [Ticket#${tn}] Moodle-Kurs fehlt`, 'Danke!', '<m-2@uni-spree.de>'), source: 'test' });
    const knownArticle = await call(app, agent, 'GET', `/api/v1/tickets/${first.ticketId}/articles/${known.articleId}`);
    expect(knownArticle.body).toMatchObject({ isSenderUnverified: false, isVisibleForCustomer: true });
  });
});
