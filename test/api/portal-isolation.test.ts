import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticle } from '../../server/core/articles/article.service.ts';
import { buildTestApp, call } from '../support/api-client.ts';
import { buildCustomer, buildQueue, buildTicket, system, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

type Headers = Record<string, string>;
/** A ticket with one customer-visible article carrying a file. */
type Fixture = { ticketId: number; articleId: number; attachmentId: number };

/**
 * The check: a customer session cannot read or change any ticket, article or
 * attachment of another customer. Every portal ticket endpoint is tried with foreign ids and
 * must answer 404 (as for an id that does not exist) and change nothing.
 */
describe.each(dialects)('portal isolation on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let portal: Headers;
  let own: Fixture;
  const foreign: Record<string, Fixture> = {};

  async function ticketWithFile(customerUserId: number | null, title: string): Promise<Fixture> {
    const queue = await buildQueue(t.ctx);
    const ticket = await buildTicket(t.ctx, { queueId: queue.id, customerUserId, title });
    const { article } = await addArticle(t.ctx, system, {
      ticketId: ticket.id,
      article: { channel: 'email', senderType: 'customer', bodyText: `Body of ${title}`, attachments: [{ filename: `${title}.txt`, contentType: 'text/plain', content: Buffer.from(`secret of ${title}`) }] },
    });
    return { ticketId: ticket.id, articleId: article.id, attachmentId: article.attachments[0]?.id ?? 0 };
  }

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    const me = await buildCustomer(t.ctx, { password: TEST_PASSWORD, companyTickets: false });
    const colleague = await buildCustomer(t.ctx, { companyId: me.companyId });
    const stranger = await buildCustomer(t.ctx);
    own = await ticketWithFile(me.id, 'mine');
    foreign['another customer'] = await ticketWithFile(stranger.id, 'stranger');
    foreign['a colleague while company tickets are off'] = await ticketWithFile(colleague.id, 'colleague');
    foreign['no customer'] = await ticketWithFile(null, 'nobody');
    const res = await app.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { login: me.login, password: TEST_PASSWORD } });
    portal = { cookie: String(res.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': res.json().csrfToken };
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const base = '/api/v1/portal/tickets';
  /** Every portal ticket endpoint, each aimed at a foreign ticket, article or attachment. */
  const endpoints: [string, 'GET' | 'POST', (f: Fixture) => string, object?][] = [
    ['read the ticket', 'GET', (f) => `${base}/${f.ticketId}`],
    ['reply to the ticket', 'POST', (f) => `${base}/${f.ticketId}/articles`, { body: 'Let me in' }],
    ['close the ticket', 'POST', (f) => `${base}/${f.ticketId}/close`],
    ['download its attachment', 'GET', (f) => `${base}/${f.ticketId}/articles/${f.articleId}/attachments/${f.attachmentId}`],
    ["download via its article under one's own ticket", 'GET', (f) => `${base}/${own.ticketId}/articles/${f.articleId}/attachments/${f.attachmentId}`],
    ["download its attachment under one's own ticket and article", 'GET', (f) => `${base}/${own.ticketId}/articles/${own.articleId}/attachments/${f.attachmentId}`],
  ];

  async function snapshot(ticketId: number) {
    const ticket = await t.ctx.db.selectFrom('ticket').select(['version', 'state_id', 'changed_at']).where('id', '=', ticketId).executeTakeFirstOrThrow();
    const articles = await t.ctx.db.selectFrom('article').select('id').where('ticket_id', '=', ticketId).execute();
    const history = await t.ctx.db.selectFrom('ticket_history').select('id').where('ticket_id', '=', ticketId).execute();
    return { ...ticket, articles: articles.length, history: history.length };
  }

  const cases: [string, string, 'GET' | 'POST', (f: Fixture) => string, object | undefined][] = ['another customer', 'a colleague while company tickets are off', 'no customer'].flatMap((whose) =>
    endpoints.map(([what, method, url, body]) => [whose, what, method, url, body] as [string, string, 'GET' | 'POST', (f: Fixture) => string, object | undefined]),
  );

  it.each(cases)('a ticket of %s: %s answers 404 and changes nothing', async (whose, _what, method, url, body) => {
    const target = foreign[whose] as Fixture;
    const before = await Promise.all([snapshot(target.ticketId), snapshot(own.ticketId)]);
    const res = await call(app, portal, method, url(target), body);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(JSON.stringify(res.body)).not.toMatch(/secret of|Body of/);
    expect(await Promise.all([snapshot(target.ticketId), snapshot(own.ticketId)])).toEqual(before);
  });

  it('a foreign ticket answers exactly like one that does not exist', async () => {
    const missing = await call(app, portal, 'GET', `${base}/999999`);
    const hidden = await call(app, portal, 'GET', `${base}/${foreign['another customer']?.ticketId}`);
    expect(hidden.status).toBe(missing.status);
    expect(Object.keys(hidden.body.error)).toEqual(Object.keys(missing.body.error));
    expect(hidden.body.error.message.replace(/\d+/g, 'N')).toBe(missing.body.error.message.replace(/\d+/g, 'N'));
  });

  it("the customer's own ticket and file are reachable (the 404s above are not an accident)", async () => {
    expect((await call(app, portal, 'GET', `${base}/${own.ticketId}`)).status).toBe(200);
    const file = await app.inject({ method: 'GET', url: `${base}/${own.ticketId}/articles/${own.articleId}/attachments/${own.attachmentId}`, headers: portal });
    expect(file.body).toBe('secret of mine');
  });

  it('the list shows only their own tickets, and the company scope is refused while the company does not share', async () => {
    const list = await call(app, portal, 'GET', `${base}?pageSize=100`);
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([own.ticketId]);
    expect((await call(app, portal, 'GET', `${base}?scope=company`)).status).toBe(403);
  });

  it.each([
    ['GET', '/api/v1/tickets'],
    ['GET', '/api/v1/tickets/1'],
    ['POST', '/api/v1/tickets/1/articles'],
    ['GET', '/api/v1/tickets/1/articles/1/attachments/1'],
    ['GET', '/api/v1/portal-topics'],
    ['GET', '/api/v1/customer-users'],
    ['GET', '/api/v1/session'],
  ] as const)('the agent API answers %s %s with 401 to a customer cookie', async (method, url) => {
    const res = await call(app, portal, method, url, method === 'POST' ? { channel: 'note', bodyText: 'x' } : undefined);
    expect(res.status).toBe(401);
  });
});
