import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addArticle } from '../../server/core/articles/article.service.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, buildQueue, buildTicket, countRows, system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

type Queue = { id: number; full_name: string; group_id: number };

describe.each(dialects)('escalate and split on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let firstLevel: Queue;
  let secondLevel: Queue;
  let closedTeam: Queue;
  let admin: Record<string, string>;
  let agent: Record<string, string>;
  let agentId: number;
  let colleague: Record<string, string>;
  let reader: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    firstLevel = await buildQueue(t.ctx, { name: '1st Level' });
    secondLevel = await buildQueue(t.ctx, { name: '2nd Level' });
    closedTeam = await buildQueue(t.ctx, { name: 'Data Protection' });
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    // As the demo's 1st level: works its queue, may hand tickets to the 2nd level without reading it.
    const first = await buildAgent(t.ctx, { permissions: [{ groupId: firstLevel.group_id, kinds: ['rw'] }, { groupId: secondLevel.group_id, kinds: ['move_into', 'create'] }] });
    agentId = first.agentId;
    agent = await bearerFor(t.ctx, first);
    colleague = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: firstLevel.group_id, kinds: ['rw'] }, { groupId: secondLevel.group_id, kinds: ['move_into'] }] }));
    reader = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: firstLevel.group_id, kinds: ['ro'] }] }));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const written = async () => [await countRows(t.ctx, 'ticket_history'), await countRows(t.ctx, 'article'), await countRows(t.ctx, 'ticket_event'), await countRows(t.ctx, 'ticket')];

  describe('escalation queue on the queue API', () => {
    it('admins set escalationQueueId; an unknown queue is refused naming the field', async () => {
      const set = await call(app, admin, 'PATCH', `/api/v1/queues/${firstLevel.id}`, { escalationQueueId: secondLevel.id });
      expect(set.status).toBe(200);
      expect(set.body.escalationQueueId).toBe(secondLevel.id);
      expect((await call(app, admin, 'GET', `/api/v1/queues/${firstLevel.id}`)).body.escalationQueueId).toBe(secondLevel.id);
      const unknown = await call(app, admin, 'PATCH', `/api/v1/queues/${firstLevel.id}`, { escalationQueueId: 999999 });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error.field).toBe('escalationQueueId');
      const self = await call(app, admin, 'PATCH', `/api/v1/queues/${secondLevel.id}`, { escalationQueueId: secondLevel.id });
      expect(self.body.error.field).toBe('escalationQueueId');
    });
  });

  describe('POST /tickets/:id/escalate', () => {
    it('moves to the escalation queue, unlocks, keeps the owner and adds an internal note: one change, three history rows', async () => {
      await call(app, admin, 'PATCH', `/api/v1/queues/${firstLevel.id}`, { escalationQueueId: secondLevel.id });
      const ticket = await buildTicket(t.ctx, { queueId: firstLevel.id });
      const locked = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/lock`, {});
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { version: locked.body.version, note: 'Standardanleitung geprüft, Fehler bleibt. Bitte übernehmen.' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ queue: { id: secondLevel.id }, lock: 'unlock', owner: { id: agentId }, version: locked.body.version + 1 });
      const rows = await t.ctx.db.selectFrom('ticket_history').select(['history_type', 'old_value', 'new_value']).where('ticket_id', '=', ticket.id).orderBy('id').execute();
      expect(rows.slice(-3).map((r) => r.history_type)).toEqual(['Move', 'Unlock', 'AddNote']);
      expect(rows.at(-3)).toMatchObject({ old_value: '1st Level', new_value: '2nd Level' });
      const note = await t.ctx.db.selectFrom('article').selectAll().where('ticket_id', '=', ticket.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      expect(note).toMatchObject({ channel: 'note', is_visible_for_customer: false, body_text: 'Standardanleitung geprüft, Fehler bleibt. Bitte übernehmen.', subject: 'Handed over to 2nd Level' });
      expect(await countRows(t.ctx, 'outbox_mail')).toBe(0);
    });

    it('resetOwner hands the ticket to nobody; an explicit queueId wins over the configured one', async () => {
      const third = await buildQueue(t.ctx, { name: 'Printing', groupId: secondLevel.group_id });
      const ticket = await buildTicket(t.ctx, { queueId: firstLevel.id });
      await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/lock`, {});
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { queueId: third.id, note: 'Drucker im Pool 3 druckt nicht.', resetOwner: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ queue: { id: third.id }, lock: 'unlock', owner: { id: 1 } });
    });

    it('without a configured or given queue: 400 naming queueId, nothing written', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: closedTeam.id });
      const helper = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: closedTeam.group_id, kinds: ['rw'] }] }));
      const before = await written();
      const res = await call(app, helper, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { note: 'Bitte übernehmen.' });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('queueId');
      expect(res.body.error.message).toContain('queueId');
      expect(await written()).toEqual(before);
    });

    it("a colleague's lock or a stale version gives 409 and writes nothing: no move, no unlock, no note", async () => {
      const ticket = await buildTicket(t.ctx, { queueId: firstLevel.id });
      const locked = await call(app, colleague, 'POST', `/api/v1/tickets/${ticket.id}/lock`, {});
      const before = await written();
      const refused = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { note: 'Übergabe' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('TICKET_LOCKED');
      const stale = await call(app, colleague, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { version: locked.body.version - 1, note: 'Übergabe' });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('STALE_VERSION');
      expect(await written()).toEqual(before);
      expect((await call(app, colleague, 'GET', `/api/v1/tickets/${ticket.id}`)).body).toMatchObject({ queue: { id: firstLevel.id }, lock: 'lock' });
    });

    it('needs move_into on the target (403) and a note (400 naming note); readers get 403', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: firstLevel.id });
      const before = await written();
      const noRight = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { queueId: closedTeam.id, note: 'x' });
      expect(noRight.status).toBe(403);
      const noNote = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { note: '   ' });
      expect(noNote.status).toBe(400);
      expect(noNote.body.error.field).toBe('note');
      expect((await call(app, reader, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { note: 'x' })).status).toBe(403);
      expect(await written()).toEqual(before);
    });
  });

  describe('POST /tickets/:id/articles/:articleId/split', () => {
    async function ticketWithTwoTopics() {
      const customer = await buildCustomer(t.ctx);
      const ticket = await buildTicket(t.ctx, { queueId: firstLevel.id, customerUserId: customer.id });
      const { article } = await addArticle(t.ctx, system, {
        ticketId: ticket.id,
        article: {
          channel: 'email',
          senderType: 'customer',
          from: customer.email,
          subject: `Re: [Ticket#${ticket.number}] Drucker im Pool druckt nicht`,
          bodyText: 'Außerdem druckt der Drucker im Pool 3 nicht.',
          messageId: `<printer-${customer.login}@student.uni-spree.de>`,
          attachments: [{ filename: 'druckfehler.jpg', contentType: 'image/jpeg', content: Buffer.from('JPEGDATA') }],
        },
      });
      return { ticket, article, customer };
    }

    it('makes a child ticket of the same customer with a copy of the article and its files, history on both', async () => {
      const { ticket, article, customer } = await ticketWithTwoTopics();
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles/${article.id}/split`, {});
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ title: 'Drucker im Pool druckt nicht', queue: { id: firstLevel.id }, customerUser: { id: customer.id }, state: { name: 'new' } });
      expect(res.body.id).not.toBe(ticket.id);
      const copies = (await call(app, agent, 'GET', `/api/v1/tickets/${res.body.id}/articles`)).body;
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ bodyText: 'Außerdem druckt der Drucker im Pool 3 nicht.', senderType: 'customer', messageId: null });
      expect(copies[0].attachments[0]).toMatchObject({ filename: 'druckfehler.jpg', sha256: article.attachments[0]?.sha256 });
      expect(copies[0].attachments[0].id).not.toBe(article.attachments[0]?.id);
      const file = await app.inject({ method: 'GET', url: `/api/v1/tickets/${res.body.id}/articles/${copies[0].id}/attachments/${copies[0].attachments[0].id}`, headers: agent });
      expect(file.body).toBe('JPEGDATA');
      expect((await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/articles`)).body).toHaveLength(2);

      const parentLinks = (await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/links`)).body;
      expect(parentLinks).toEqual([expect.objectContaining({ linkType: 'parent_child', role: 'child', ticket: expect.objectContaining({ id: res.body.id }) })]);
      const childLinks = (await call(app, agent, 'GET', `/api/v1/tickets/${res.body.id}/links`)).body;
      expect(childLinks[0]).toMatchObject({ role: 'parent', ticket: { id: ticket.id } });
      const types = async (id: number) => (await call(app, agent, 'GET', `/api/v1/tickets/${id}/history`)).body.map((h: { type: string }) => h.type);
      expect(await types(ticket.id)).toEqual(expect.arrayContaining(['Misc', 'TicketLinkAdd']));
      expect(await types(res.body.id)).toEqual(expect.arrayContaining(['NewTicket', 'ArticleCreate', 'TicketLinkAdd']));
    });

    it('takes a title and a queue the agent may only create in; an agent mail is not sent again', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: firstLevel.id });
      const reply = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'email', to: 'sam@student.uni-spree.de', bodyText: 'Bitte Druckernummer nennen.' } });
      const mails = await countRows(t.ctx, 'outbox_mail');
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles/${reply.body.article.id}/split`, { title: 'Pool-Drucker', queueId: secondLevel.id });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ title: 'Pool-Drucker', queue: { id: secondLevel.id } });
      expect(await countRows(t.ctx, 'outbox_mail')).toBe(mails);
    });

    it('readers, queues without create and articles of other tickets are refused; nothing is written', async () => {
      const { ticket, article } = await ticketWithTwoTopics();
      const other = await buildTicket(t.ctx, { queueId: firstLevel.id });
      const before = await written();
      expect((await call(app, reader, 'POST', `/api/v1/tickets/${ticket.id}/articles/${article.id}/split`, {})).status).toBe(403);
      expect((await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles/${article.id}/split`, { queueId: closedTeam.id })).status).toBe(403);
      const foreign = await call(app, agent, 'POST', `/api/v1/tickets/${other.id}/articles/${article.id}/split`, {});
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.field).toBe('articleId');
      expect(await written()).toEqual(before);
    });
  });
});
