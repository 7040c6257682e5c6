import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordDeliveryFailure, claimDueMail } from '../../server/core/outbox/outbox-delivery.service.ts';
import { markMailBounced } from '../../server/core/outbox/delivery.service.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildQueue, buildTicket } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('outbox API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let stranger: Record<string, string>;
  let queue: { id: number; group_id: number };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    queue = await buildQueue(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] }));
    stranger = await bearerFor(t.ctx, await buildAgent(t.ctx));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  async function reply() {
    const ticket = await buildTicket(t.ctx, { queueId: queue.id });
    const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'email', to: 'sam@student.uni-spree.de', bodyText: 'Your account is unlocked.' } });
    expect(res.status).toBe(201);
    return { ticket, articleId: res.body.article.id as number, messageId: res.body.article.messageId as string };
  }

  it('an agent reply by mail is queued; the article shows state queued and its Message-ID; admins read it in the outbox', async () => {
    const { ticket, articleId, messageId } = await reply();
    expect(messageId).toMatch(/^<.+@localhost>$/);
    const delivery = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/articles/${articleId}/delivery`);
    expect(delivery.status).toBe(200);
    expect(delivery.body).toMatchObject({ articleId, state: 'queued', messages: [{ to: 'sam@student.uni-spree.de', status: 'queued', messageId }] });
    const list = await call(app, admin, 'GET', `/api/v1/outbox?status=queued&ticketId=${ticket.id}`);
    expect(list.body).toHaveLength(1);
    const one = await call(app, admin, 'GET', `/api/v1/outbox/${list.body[0].id}`);
    expect(one.body.text).toContain('Your account is unlocked.');
    expect(one.body.subject).toBe(`Re: [Ticket#${ticket.number}] Cannot log in to Moodle`);
  });

  it('a note is not mailed: delivery state none', async () => {
    const ticket = await buildTicket(t.ctx, { queueId: queue.id });
    const note = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'note', bodyText: 'Called the student.' } });
    const delivery = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/articles/${note.body.article.id}/delivery`);
    expect(delivery.body).toEqual({ articleId: note.body.article.id, state: 'none', messages: [] });
  });

  it('a failed mail is retried by an admin: queued again, due now, history EmailResend; sent mail cannot be retried', async () => {
    const { ticket, articleId } = await reply();
    const [claimed] = await claimDueMail(t.ctx, { workerId: 'w', limit: 50, leaseMinutes: 5 }).then((rows) => rows.filter((r) => r.articleId === articleId));
    await recordDeliveryFailure(t.ctx, { id: claimed!.id, workerId: 'w', permanent: true, error: 'RCPT TO: 550 5.1.1 No such user' });
    const failed = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/articles/${articleId}/delivery`);
    expect(failed.body).toMatchObject({ state: 'failed', messages: [{ lastError: 'RCPT TO: 550 5.1.1 No such user' }] });
    expect((await call(app, admin, 'GET', `/api/v1/outbox?status=failed&ticketId=${ticket.id}`)).body).toHaveLength(1);

    const retried = await call(app, admin, 'POST', `/api/v1/outbox/${claimed!.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: t.clock.now().toISOString() });
    const history = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/history`);
    expect(history.body.map((h: { type: string }) => h.type)).toContain('EmailResend');

    await t.ctx.db.updateTable('outbox_mail').set({ status: 'sent' }).where('id', '=', claimed!.id).execute();
    expect((await call(app, admin, 'POST', `/api/v1/outbox/${claimed!.id}/retry`)).status).toBe(409);
  });

  it('a bounce report marks the article bounced with the reason', async () => {
    const { ticket, articleId, messageId } = await reply();
    expect(await markMailBounced(t.ctx, { messageId, reason: '550 5.2.2 mailbox full' })).toMatchObject({ ticketId: ticket.id, articleId });
    const delivery = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/articles/${articleId}/delivery`);
    expect(delivery.body).toMatchObject({ state: 'bounced', messages: [{ lastError: '550 5.2.2 mailbox full' }] });
    expect(await markMailBounced(t.ctx, { messageId: '<unknown@elsewhere>', reason: 'x' })).toBeNull();
  });

  it('non-admins get 403 on the outbox; agents without access to the ticket get 404 on its delivery state', async () => {
    const { ticket, articleId } = await reply();
    expect((await call(app, agent, 'GET', '/api/v1/outbox')).status).toBe(403);
    expect((await call(app, agent, 'GET', '/api/v1/outbox/1')).status).toBe(403);
    expect((await call(app, agent, 'POST', '/api/v1/outbox/1/retry')).status).toBe(403);
    expect((await call(app, stranger, 'GET', `/api/v1/tickets/${ticket.id}/articles/${articleId}/delivery`)).status).toBe(404);
    const bad = await call(app, admin, 'GET', '/api/v1/outbox?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^status/);
  });
});
