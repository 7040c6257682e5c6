import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticle } from '../../server/core/articles/article.service.ts';
import { createAutoResponse } from '../../server/core/auto-responses/auto-response-admin.service.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, buildQueue, buildTicket, system, TEST_PASSWORD } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

type Headers = Record<string, string>;

/** Signs a customer in to the portal: the cookie and the CSRF header every write needs. */
async function portalSignIn(app: FastifyInstance, login: string): Promise<Headers> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/portal/session', payload: { login, password: TEST_PASSWORD } });
  expect(res.statusCode).toBe(200);
  return { cookie: String(res.headers['set-cookie']).split(';')[0] as string, 'x-csrf-token': res.json().csrfToken };
}

describe.each(dialects)('portal tickets on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let queue: { id: number; group_id: number };
  let rejectQueue: { id: number; group_id: number };
  let admin: Headers;
  let agent: Awaited<ReturnType<typeof buildAgent>>;
  let agentApi: Headers;
  let customer: Awaited<ReturnType<typeof buildCustomer>>;
  let portal: Headers;
  let topicId: number;
  let rejectTopicId: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    queue = await buildQueue(t.ctx, { name: 'IT Service Desk' });
    rejectQueue = await buildQueue(t.ctx, { name: 'Exams' });
    await t.ctx.db.updateTable('queue').set({ follow_up_option: 'reject' }).where('id', '=', rejectQueue.id).execute();
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    agent = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw', 'note'] }] });
    agentApi = await bearerFor(t.ctx, agent);
    customer = await buildCustomer(t.ctx, { password: TEST_PASSWORD, language: 'en' });
    portal = await portalSignIn(app, customer.login);
    await createAutoResponse(t.ctx, system, { queueId: queue.id, event: 'new_ticket', language: 'en', subject: 'We received your request: <TICKET_TITLE>', body: 'Hello <CUSTOMER_REALNAME>, we are on it.' });
    await createAutoResponse(t.ctx, system, { queueId: queue.id, event: 'new_ticket', language: 'de', subject: 'Ihre Anfrage ist eingegangen', body: 'Hallo, wir kümmern uns.' });
    const topic = await call(app, admin, 'POST', '/api/v1/portal-topics', { nameEn: 'Password & account', nameDe: 'Passwort & Konto', queueId: queue.id });
    topicId = topic.body.id;
    rejectTopicId = (await call(app, admin, 'POST', '/api/v1/portal-topics', { nameEn: 'Exams', nameDe: 'Prüfungen', queueId: rejectQueue.id })).body.id;
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const openTicket = (headers: Headers, body: object) => call(app, headers, 'POST', '/api/v1/portal/tickets', body);

  describe('POST /portal/tickets', () => {
    it("opens a ticket in the topic's queue with the customer's message and file, and mails the new-ticket answer with the number", async () => {
      const pdf = Buffer.from('%PDF-1.4 enrolment certificate');
      const res = await openTicket(portal, {
        topicId,
        title: 'Cannot reset my password',
        body: 'The reset link says it expired.',
        attachments: [{ filename: 'Bescheinigung für Prüfung.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
      });
      expect(res.status).toBe(201);
      const ticket = res.body;
      expect(ticket).toMatchObject({ title: 'Cannot reset my password', isOpen: true, state: { type: 'new' }, canReply: true, canClose: true, customer: { id: customer.id } });
      const [first] = ticket.articles;
      expect(first).toMatchObject({ senderType: 'customer', channel: 'portal', fromName: `Sam ${customer.login}`, bodyText: 'The reset link says it expired.' });
      expect(first.attachments).toEqual([{ id: expect.any(Number), filename: 'Bescheinigung für Prüfung.pdf', contentType: 'application/pdf', size: pdf.length }]);

      const asAgent = await call(app, agentApi, 'GET', `/api/v1/tickets/${ticket.id}`);
      expect(asAgent.body).toMatchObject({ queue: { id: queue.id }, channel: 'portal', customerUser: { id: customer.id } });
      const stored = await t.ctx.db.selectFrom('article').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
      expect(stored.from_address).toBe(`"Sam ${customer.login}" <${customer.email}>`);
      expect(stored.created_by_customer_user_id).toBe(customer.id);
      const ticketRow = await t.ctx.db.selectFrom('ticket').select('customer_company_id').where('id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(ticketRow.customer_company_id).toBe(customer.companyId);

      const mail = await t.ctx.db.selectFrom('outbox_mail').selectAll().where('ticket_id', '=', ticket.id).executeTakeFirstOrThrow();
      expect(mail.kind).toBe('auto_response');
      expect(mail.to_address).toContain(customer.email);
      expect(mail.subject).toContain(ticket.tn);
      expect(mail.subject).toContain('We received your request: Cannot reset my password');
      // The answer is a customer-visible system article, signed with the desk's name.
      expect(ticket.articles[1]).toMatchObject({ senderType: 'system', bodyText: expect.stringContaining('we are on it') });

      const file = await app.inject({ method: 'GET', url: `/api/v1/portal/tickets/${ticket.id}/articles/${first.id}/attachments/${first.attachments[0].id}`, headers: portal });
      expect(file.statusCode).toBe(200);
      expect(file.rawPayload.equals(pdf)).toBe(true);
      expect(file.headers['content-disposition']).toBe(`attachment; filename="Bescheinigung f_r Pr_fung.pdf"; filename*=UTF-8''Bescheinigung%20f%C3%BCr%20Pr%C3%BCfung.pdf`);
      expect(file.headers['x-content-type-options']).toBe('nosniff');
      expect(file.headers['content-security-policy']).toContain("default-src 'none'");
    });

    it('refuses an unknown or unreleased topic and an empty title, naming the field, and writes nothing', async () => {
      const before = await t.ctx.db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const hidden = (await call(app, admin, 'POST', '/api/v1/portal-topics', { nameEn: 'Internal', nameDe: 'Intern', queueId: queue.id, isOnPortal: false, isOnContactForm: true })).body.id;
      for (const [body, status, field] of [
        [{ topicId: 999999, title: 'x', body: 'y' }, 404, 'topicId'],
        [{ topicId: hidden, title: 'x', body: 'y' }, 404, 'topicId'],
        [{ topicId, title: '  ', body: 'y' }, 400, 'title'],
        [{ topicId, title: 'x', body: '' }, 400, 'body'],
      ] as const) {
        const res = await openTicket(portal, body);
        expect(res.status).toBe(status);
        expect(res.body.error.field).toBe(field);
      }
      const after = await t.ctx.db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('needs the CSRF token', async () => {
      const res = await openTicket({ cookie: portal.cookie as string }, { topicId, title: 'x', body: 'y' });
      expect(res.status).toBe(403);
    });
  });

  describe('GET /portal/tickets/:id', () => {
    it("shows the agent's public answer by name, never an internal note or an unverified sender's mail", async () => {
      const ticket = (await openTicket(portal, { topicId, title: 'VPN drops every hour', body: 'Since Monday.' })).body;
      await addArticle(t.ctx, agent, { ticketId: ticket.id, article: { channel: 'phone', bodyText: 'Please install client 5.2.', subject: 'VPN client' } });
      const note = await addArticle(t.ctx, agent, { ticketId: ticket.id, article: { channel: 'note', bodyText: 'Customer is on the old client again, sigh.', attachments: [{ filename: 'internal.txt', contentType: 'text/plain', content: Buffer.from('secret') }] } });
      const stranger = await addArticle(t.ctx, system, { ticketId: ticket.id, article: { channel: 'email', senderType: 'customer', from: 'someone@elsewhere.example', bodyText: 'I guessed the number', isVisibleForCustomer: true } });
      await t.ctx.db.updateTable('article').set({ is_sender_unverified: true }).where('id', '=', stranger.article.id).execute();

      const res = await call(app, portal, 'GET', `/api/v1/portal/tickets/${ticket.id}`);
      expect(res.status).toBe(200);
      const texts = res.body.articles.map((a: { bodyText: string }) => a.bodyText);
      expect(texts).toContain('Please install client 5.2.');
      expect(res.body.articles.find((a: { bodyText: string }) => a.bodyText === 'Please install client 5.2.')).toMatchObject({ senderType: 'agent', fromName: `Test ${agent.login}` });
      expect(JSON.stringify(res.body)).not.toContain('sigh');
      expect(JSON.stringify(res.body)).not.toContain('guessed');
      const noteFile = note.article.attachments[0]?.id;
      expect((await call(app, portal, 'GET', `/api/v1/portal/tickets/${ticket.id}/articles/${note.article.id}/attachments/${noteFile}`)).status).toBe(404);
    });

    it('names inline images by Content-ID for the mail frame and lists only real attachments', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id, customerUserId: customer.id });
      const { article } = await addArticle(t.ctx, agent, {
        ticketId: ticket.id,
        article: {
          channel: 'phone',
          bodyHtml: '<p>See <img src="cid:shot@desk"> and <img src="cid:missing@desk"></p>',
          attachments: [
            { filename: 'shot.png', contentType: 'image/png', content: Buffer.from('png'), isInline: true, contentId: '<shot@desk>' },
            { filename: 'guide.pdf', contentType: 'application/pdf', content: Buffer.from('pdf') },
          ],
        },
      });
      const shown = (await call(app, portal, 'GET', `/api/v1/portal/tickets/${ticket.id}`)).body.articles.find((a: { id: number }) => a.id === article.id);
      const inline = article.attachments.find((f) => f.isInline);
      expect(shown.bodyHtml).toContain('src="cid:shot@desk"');
      expect(shown.inlineImages).toEqual([{ id: inline?.id, contentId: '<shot@desk>' }]);
      expect(shown.attachments.map((f: { filename: string }) => f.filename)).toEqual(['guide.pdf']);
      expect((await app.inject({ method: 'GET', url: `/api/v1/portal/tickets/${ticket.id}/articles/${article.id}/attachments/${inline?.id}`, headers: portal })).statusCode).toBe(200);
    });
  });

  describe('POST /portal/tickets/:id/close and /articles', () => {
    it('closing sets "closed successful" with a state history row; a reply reopens it when the queue takes follow-ups', async () => {
      const ticket = (await openTicket(portal, { topicId, title: 'Printer quota', body: 'Out of quota.' })).body;
      const closed = await call(app, portal, 'POST', `/api/v1/portal/tickets/${ticket.id}/close`);
      expect(closed.status).toBe(200);
      expect(closed.body).toMatchObject({ state: { name: 'closed successful', type: 'closed' }, isOpen: false, canClose: false, canReply: true });
      const history = await t.ctx.db.selectFrom('ticket_history').selectAll().where('ticket_id', '=', ticket.id).where('history_type', '=', 'StateUpdate').execute();
      expect(history.at(-1)).toMatchObject({ old_value: 'new', new_value: 'closed successful' });

      const reply = await call(app, portal, 'POST', `/api/v1/portal/tickets/${ticket.id}/articles`, { body: 'It happens again, sorry.' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ state: { name: 'open' }, isOpen: true });
      expect(reply.body.articles.at(-1)).toMatchObject({ senderType: 'customer', channel: 'portal', bodyText: 'It happens again, sorry.' });
      const followUp = await t.ctx.db.selectFrom('ticket_history').selectAll().where('ticket_id', '=', ticket.id).where('history_type', '=', 'FollowUp').executeTakeFirstOrThrow();
      expect(followUp.customer_user_id).toBe(customer.id);
    });

    it('a reply to an open ticket only adds the message', async () => {
      const ticket = (await openTicket(portal, { topicId, title: 'Eduroam on Linux', body: 'Which certificate?' })).body;
      const reply = await call(app, portal, 'POST', `/api/v1/portal/tickets/${ticket.id}/articles`, { body: 'Found it, thanks.' });
      expect(reply.status).toBe(201);
      expect(reply.body.state.name).toBe('new');
    });

    it('a queue that rejects follow-ups refuses a reply to a closed ticket with 409 FOLLOW_UP_REJECTED and writes nothing', async () => {
      const ticket = (await openTicket(portal, { topicId: rejectTopicId, title: 'Exam registration', body: 'Registered twice.' })).body;
      const closed = (await call(app, portal, 'POST', `/api/v1/portal/tickets/${ticket.id}/close`)).body;
      expect(closed.canReply).toBe(false);
      const before = await t.ctx.db.selectFrom('article').select('id').where('ticket_id', '=', ticket.id).execute();
      const res = await call(app, portal, 'POST', `/api/v1/portal/tickets/${ticket.id}/articles`, { body: 'Still wrong.' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('FOLLOW_UP_REJECTED');
      expect(res.body.error.message).toMatch(/open a new ticket/);
      expect(await t.ctx.db.selectFrom('article').select('id').where('ticket_id', '=', ticket.id).execute()).toHaveLength(before.length);
      expect((await call(app, portal, 'GET', `/api/v1/portal/tickets/${ticket.id}`)).body.state.type).toBe('closed');
    });
  });

  describe('GET /portal/tickets', () => {
    it('lists own tickets newest change first, by status and search, with paging', async () => {
      const fresh = await buildCustomer(t.ctx, { password: TEST_PASSWORD });
      const headers = await portalSignIn(app, fresh.login);
      const a = (await openTicket(headers, { topicId, title: 'Mensa card lost', body: 'x' })).body;
      t.clock.set(new Date(t.clock.now().getTime() + 60_000));
      const b = (await openTicket(headers, { topicId, title: 'Library account locked', body: 'y' })).body;
      t.clock.set(new Date(t.clock.now().getTime() + 60_000));
      await call(app, headers, 'POST', `/api/v1/portal/tickets/${a.id}/close`);
      const all = await call(app, headers, 'GET', '/api/v1/portal/tickets');
      expect(all.body.total).toBe(2);
      expect(all.body.items.map((i: { id: number }) => i.id)).toEqual([a.id, b.id]);
      expect((await call(app, headers, 'GET', '/api/v1/portal/tickets?status=open')).body.items.map((i: { id: number }) => i.id)).toEqual([b.id]);
      expect((await call(app, headers, 'GET', '/api/v1/portal/tickets?status=closed')).body.items.map((i: { id: number }) => i.id)).toEqual([a.id]);
      expect((await call(app, headers, 'GET', '/api/v1/portal/tickets?search=library')).body.items.map((i: { id: number }) => i.id)).toEqual([b.id]);
      expect((await call(app, headers, 'GET', `/api/v1/portal/tickets?search=${a.tn}`)).body.items.map((i: { id: number }) => i.id)).toEqual([a.id]);
      const page2 = await call(app, headers, 'GET', '/api/v1/portal/tickets?page=2&pageSize=1');
      expect(page2.body).toMatchObject({ total: 2, items: [{ id: b.id }] });
    });

    it("company tickets: refused with field scope until the company shares them, then colleagues' tickets show", async () => {
      const me = await buildCustomer(t.ctx, { password: TEST_PASSWORD });
      const colleague = await buildCustomer(t.ctx, { password: TEST_PASSWORD, companyId: me.companyId });
      const theirs = await buildTicket(t.ctx, { queueId: queue.id, customerUserId: colleague.id, title: 'Colleague printer' });
      let headers = await portalSignIn(app, me.login);
      const refused = await call(app, headers, 'GET', '/api/v1/portal/tickets?scope=company');
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'PERMISSION_DENIED', field: 'scope' });
      expect((await call(app, headers, 'GET', `/api/v1/portal/tickets/${theirs.id}`)).status).toBe(404);

      await t.ctx.db.updateTable('customer_company').set({ is_portal_company_tickets: true }).where('id', '=', me.companyId).execute();
      headers = await portalSignIn(app, me.login);
      const company = await call(app, headers, 'GET', '/api/v1/portal/tickets?scope=company');
      expect(company.status).toBe(200);
      expect(company.body.items).toEqual([expect.objectContaining({ id: theirs.id, customer: { id: colleague.id, name: `Sam ${colleague.login}` } })]);
      expect((await call(app, headers, 'GET', '/api/v1/portal/tickets')).body.total).toBe(0);
      expect((await call(app, headers, 'GET', `/api/v1/portal/tickets/${theirs.id}`)).status).toBe(200);
    });
  });

  describe('portal topics', () => {
    it('admins create, list, change and delete topics; customers see the released valid ones in both languages without signing in', async () => {
      const created = await call(app, admin, 'POST', '/api/v1/portal-topics', { nameEn: 'WLAN & VPN', nameDe: 'WLAN & VPN', descriptionEn: 'Eduroam, VPN client', descriptionDe: 'Eduroam, VPN-Client', queueId: queue.id, position: 1, isOnContactForm: true });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ nameEn: 'WLAN & VPN', position: 1, isOnPortal: true, isOnContactForm: true, isValid: true, queueId: queue.id });
      const id = created.body.id;
      expect((await call(app, admin, 'GET', `/api/v1/portal-topics/${id}`)).body.descriptionDe).toBe('Eduroam, VPN-Client');
      expect((await call(app, admin, 'GET', '/api/v1/portal-topics')).body.map((x: { id: number }) => x.id)).toContain(id);

      const open = await app.inject({ method: 'GET', url: '/api/v1/portal/topics?for=contact' });
      expect(open.statusCode).toBe(200);
      expect(open.json()).toContainEqual({ id, name: { en: 'WLAN & VPN', de: 'WLAN & VPN' }, description: { en: 'Eduroam, VPN client', de: 'Eduroam, VPN-Client' } });
      expect(JSON.stringify(open.json())).not.toContain('queueId');
      const portalList = (await app.inject({ method: 'GET', url: '/api/v1/portal/topics' })).json() as { id: number }[];
      // By position, then name: Exams and Password & account (0) before WLAN & VPN (1).
      expect(portalList.map((x) => x.id)).toEqual([rejectTopicId, topicId, id]);

      expect((await call(app, admin, 'PATCH', `/api/v1/portal-topics/${id}`, { isValid: false })).body.isValid).toBe(false);
      expect(((await app.inject({ method: 'GET', url: '/api/v1/portal/topics?for=contact' })).json() as { id: number }[]).map((x) => x.id)).not.toContain(id);
      expect((await call(app, admin, 'PATCH', `/api/v1/portal-topics/${id}`, { queueId: 999999 })).body.error.field).toBe('queueId');
      expect((await call(app, admin, 'DELETE', `/api/v1/portal-topics/${id}`)).status).toBe(204);
      expect((await call(app, admin, 'GET', `/api/v1/portal-topics/${id}`)).status).toBe(404);
    });

    it('agents who are not admins get 403 on every topic endpoint, and nothing changes', async () => {
      for (const [method, url, body] of [
        ['GET', '/api/v1/portal-topics', undefined],
        ['GET', `/api/v1/portal-topics/${topicId}`, undefined],
        ['POST', '/api/v1/portal-topics', { nameEn: 'X', nameDe: 'X', queueId: queue.id }],
        ['PATCH', `/api/v1/portal-topics/${topicId}`, { nameEn: 'Hacked' }],
        ['DELETE', `/api/v1/portal-topics/${topicId}`, undefined],
      ] as const) {
        expect((await call(app, agentApi, method, url, body)).status).toBe(403);
      }
      expect((await call(app, admin, 'GET', `/api/v1/portal-topics/${topicId}`)).body.nameEn).toBe('Password & account');
    });
  });
});
