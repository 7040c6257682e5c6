import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketNumberPattern } from '../../server/core/tickets/ticket-number.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, buildCustomField, buildQueue, buildTicket } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

describe.each(dialects)('tickets API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let queue: { id: number; full_name: string; group_id: number };
  let secondLevel: { id: number; full_name: string; group_id: number };
  let agent: Record<string, string>;
  let agentId: number;
  let colleague: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    queue = await buildQueue(t.ctx, { name: 'Service Desk' });
    secondLevel = await buildQueue(t.ctx, { name: '2nd Level', parent: queue });
    const perms = [
      { groupId: queue.group_id, kinds: ['rw' as const] },
      { groupId: secondLevel.group_id, kinds: ['rw' as const] },
    ];
    const a = await buildAgent(t.ctx, { permissions: perms });
    agentId = a.agentId;
    agent = await bearerFor(t.ctx, a);
    colleague = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: perms }));
  });
  afterAll(async () => {
    await app.close();
    await t.destroy();
  });

  const countRows = async (table: 'ticket' | 'ticket_history' | 'article') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  describe('POST /tickets', () => {
    it('creates a ticket with a DateChecksum number, its first article with attachment, and history', async () => {
      const customer = await buildCustomer(t.ctx);
      const res = await call(app, agent, 'POST', '/api/v1/tickets', {
        title: 'Eduroam on my laptop fails',
        queueId: queue.id,
        channel: 'phone',
        customerUserId: customer.id,
        article: {
          channel: 'phone',
          senderType: 'customer',
          subject: 'Eduroam',
          bodyText: 'Called: eduroam asks for a certificate.',
          attachments: [{ filename: 'screen shot.png', contentType: 'image/png', contentBase64: Buffer.from('PNGDATA').toString('base64') }],
        },
      });
      expect(res.status).toBe(201);
      expect(res.body.number).toMatch(new RegExp(`^${ticketNumberPattern('DateChecksum', '10', 5)}$`));
      expect(res.body.number.startsWith('20261128')).toBe(true);
      expect(res.body).toMatchObject({ title: 'Eduroam on my laptop fails', state: { name: 'new', type: 'new' }, priority: { name: '3 normal' }, channel: 'phone', version: 1 });
      expect(res.body.customerUser.id).toBe(customer.id);
      expect(res.body.customerCompany.id).toBe(customer.companyId);
      expect(res.body.owner.id).toBe(agentId);

      const articles = await call(app, agent, 'GET', `/api/v1/tickets/${res.body.id}/articles`);
      expect(articles.body).toHaveLength(1);
      expect(articles.body[0].attachments[0]).toMatchObject({ filename: 'screen shot.png', size: 7, isInline: false });
      const file = articles.body[0].attachments[0];
      const download = await call(app, agent, 'GET', `/api/v1/tickets/${res.body.id}/articles/${articles.body[0].id}/attachments/${file.id}`);
      expect(download.status).toBe(200);
      expect(download.headers['content-type']).toBe('image/png');
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="screen shot.png"/);
      expect(download.body).toBe('PNGDATA');

      const history = await call(app, agent, 'GET', `/api/v1/tickets/${res.body.id}/history`);
      expect(history.body.map((h: { type: string }) => h.type)).toEqual(['NewTicket', 'PhoneCallCustomer']);
      expect(history.body[0].agent.id).toBe(agentId);

      const byNumber = await call(app, agent, 'GET', `/api/v1/tickets/by-number/${res.body.number}`);
      expect(byNumber.body.id).toBe(res.body.id);
    });

    it('equal attachment content is stored once', async () => {
      const content = Buffer.from('same bytes').toString('base64');
      for (const name of ['a.txt', 'b.txt']) {
        const res = await call(app, agent, 'POST', '/api/v1/tickets', {
          title: 'Dedup',
          queueId: queue.id,
          article: { channel: 'note', bodyText: 'x', attachments: [{ filename: name, contentType: 'text/plain', contentBase64: content }] },
        });
        expect(res.status).toBe(201);
      }
      const rows = await t.ctx.db.selectFrom('attachment').select('sha256').where('filename', 'in', ['a.txt', 'b.txt']).execute();
      expect(rows).toHaveLength(2);
      expect(rows[0]?.sha256).toBe(rows[1]?.sha256);
    });

    it.each([
      [{ title: 'x', queueId: 99999 }, 'queueId'],
      [{ title: 'x'.repeat(256), queueId: 0 }, 'title'],
      [{ title: 'x', queueId: 'Service Desk' }, 'queueId'],
      [{ queueId: 1 }, 'title'],
      [{ title: 'x', queueId: 1, stateId: 6 }, 'pendingUntil'],
      [{ title: 'x', queueId: 1, priorityId: 42 }, 'priorityId'],
      [{ title: 'x', queueId: 1, pendingUntil: 'tomorrow' }, 'pendingUntil'],
      [{ title: 'x', queueId: 1, article: { channel: 'fax-machine', bodyText: 'x' } }, 'article.channel'],
      [{ title: 'x', queueId: 1, article: { channel: 'note' } }, 'article.bodyText'],
      [{ title: 'x', queueId: 1, customFields: { NoSuchField: 'a' } }, 'customFields.NoSuchField'],
    ])('bad input %j is refused with 400 naming %s, and nothing is written', async (body, field) => {
      const payload = { ...body, queueId: body.queueId === 1 ? queue.id : body.queueId === 0 ? queue.id : body.queueId };
      const before = [await countRows('ticket'), await countRows('ticket_history'), await countRows('article')];
      const res = await call(app, agent, 'POST', '/api/v1/tickets', payload);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(res.body.error.message).toContain(field);
      expect([await countRows('ticket'), await countRows('ticket_history'), await countRows('article')]).toEqual(before);
    });

    it('a body that is not JSON gets a clear 400', async () => {
      const res = await app.inject({ method: 'POST', url: '/api/v1/tickets', headers: { ...agent, 'content-type': 'application/json' }, payload: '{"title":' });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /tickets', () => {
    it('filters by queue (with sub-queues), state type and lock, sorts and pages', async () => {
      const parent = await buildQueue(t.ctx, { name: 'Listing', groupId: queue.group_id });
      const child = await buildQueue(t.ctx, { name: 'Child', parent, groupId: queue.group_id });
      const a = await buildTicket(t.ctx, { queueId: parent.id, title: 'A first' });
      t.clock.advanceMinutes(1);
      const b = await buildTicket(t.ctx, { queueId: child.id, title: 'B second' });
      t.clock.advanceMinutes(1);
      const c = await buildTicket(t.ctx, { queueId: child.id, title: 'C closed', stateId: 2 });

      const onlyParent = await call(app, agent, 'GET', `/api/v1/tickets?queueId=${parent.id}`);
      expect(onlyParent.body.items.map((x: { id: number }) => x.id)).toEqual([a.id]);
      const tree = await call(app, agent, 'GET', `/api/v1/tickets?queueId=${parent.id}&includeSubQueues=true&sort=createdAt&order=asc`);
      expect(tree.body.items.map((x: { id: number }) => x.id)).toEqual([a.id, b.id, c.id]);
      const open = await call(app, agent, 'GET', `/api/v1/tickets?queueId=${parent.id},${child.id}&stateType=new,open`);
      expect(open.body.items.map((x: { id: number }) => x.id)).toEqual([b.id, a.id]);
      const page = await call(app, agent, 'GET', `/api/v1/tickets?queueId=${parent.id}&includeSubQueues=true&limit=1&offset=1&sort=title&order=asc`);
      expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(page.body.items[0].id).toBe(b.id);
      const search = await call(app, agent, 'GET', `/api/v1/tickets?search=closed`);
      expect(search.body.items.map((x: { id: number }) => x.id)).toContain(c.id);
      const bad = await call(app, agent, 'GET', `/api/v1/tickets?stateType=gone`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.field).toBe('stateType.0');
      const badSort = await call(app, agent, 'GET', `/api/v1/tickets?sort=password`);
      expect(badSort.body.error.field).toBe('sort');
    });

    it('an agent sees only tickets of queues they have ro on', async () => {
      const hidden = await buildQueue(t.ctx, { name: 'Data Protection' });
      const secret = await buildTicket(t.ctx, { queueId: hidden.id, title: 'Data breach report' });
      const list = await call(app, agent, 'GET', `/api/v1/tickets?limit=500`);
      expect(list.body.items.map((x: { id: number }) => x.id)).not.toContain(secret.id);
      const get = await call(app, agent, 'GET', `/api/v1/tickets/${secret.id}`);
      expect(get.status).toBe(404);
      const articles = await call(app, agent, 'GET', `/api/v1/tickets/${secret.id}/articles`);
      expect(articles.status).toBe(404);
    });
  });

  describe('PATCH /tickets/:id', () => {
    it('changes several attributes at once and writes one history row each', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      const res = await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
        version: ticket.version,
        queueId: secondLevel.id,
        priorityId: 4,
        stateId: 6,
        pendingUntil: '2026-12-01T08:00:00Z',
        title: 'Moodle login broken for whole course',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ queue: { id: secondLevel.id }, priority: { name: '4 high' }, state: { name: 'pending reminder' }, pendingUntil: '2026-12-01T08:00:00.000Z', version: 2 });
      const history = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/history`);
      const types = history.body.map((h: { type: string }) => h.type);
      expect(types).toEqual(expect.arrayContaining(['TitleUpdate', 'Move', 'StateUpdate', 'SetPendingTime', 'PriorityUpdate']));
      const move = history.body.find((h: { type: string }) => h.type === 'Move');
      expect(move).toMatchObject({ oldValue: 'Service Desk', newValue: 'Service Desk::2nd Level', agent: { id: agentId } });
    });

    it('a stale version gets 409 with the current ticket and changes nothing', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      const first = await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, priorityId: 5 });
      expect(first.status).toBe(200);
      const stale = await call(app, colleague, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, priorityId: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('STALE_VERSION');
      expect(stale.body.error.current).toMatchObject({ id: ticket.id, version: 2, priority: { name: '5 very high' } });
      const now = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}`);
      expect(now.body.priority.name).toBe('5 very high');
    });

    it('unknown fields, an empty change and a merged state are refused with the field named', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      expect((await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { colour: 'red' })).body.error.code).toBe('VALIDATION_FAILED');
      expect((await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, {})).body.error.field).toBe('body');
      expect((await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { stateId: 9 })).body.error.field).toBe('stateId');
    });
  });

  describe('locks', () => {
    it('a ticket locked by one agent cannot be changed by another, who may still add an internal note', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      const locked = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/lock`, {});
      expect(locked.status).toBe(200);
      expect(locked.body).toMatchObject({ lock: 'lock', owner: { id: agentId } });
      expect(locked.body.abilities.update).toBe(true);

      const seen = await call(app, colleague, 'GET', `/api/v1/tickets/${ticket.id}`);
      expect(seen.body.abilities).toMatchObject({ update: false, lock: false, note: true });
      const refused = await call(app, colleague, 'PATCH', `/api/v1/tickets/${ticket.id}`, { priorityId: 5 });
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('TICKET_LOCKED');
      expect(refused.body.error.message).toContain('is locked by');
      const steal = await call(app, colleague, 'POST', `/api/v1/tickets/${ticket.id}/lock`, {});
      expect(steal.body.error.code).toBe('TICKET_LOCKED');
      const reply = await call(app, colleague, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'email', to: 'x@uni-spree.de', bodyText: 'Hi' } });
      expect(reply.body.error.code).toBe('TICKET_LOCKED');
      const note = await call(app, colleague, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'note', bodyText: 'Called the student back, no answer.' } });
      expect(note.status).toBe(201);
      expect(note.body.article).toMatchObject({ channel: 'note', isVisibleForCustomer: false });
    });

    it('an admin may take over a locked ticket, recorded in history; a non-admin may not', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/lock`, {});
      const denied = await call(app, colleague, 'POST', `/api/v1/tickets/${ticket.id}/lock`, { takeOver: true });
      expect(denied.status).toBe(403);
      const admin = await buildAgent(t.ctx, { isAdmin: true, permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] });
      const taken = await call(app, await bearerFor(t.ctx, admin), 'POST', `/api/v1/tickets/${ticket.id}/lock`, { takeOver: true });
      expect(taken.status).toBe(200);
      expect(taken.body.owner.id).toBe(admin.agentId);
      const history = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/history`);
      expect(history.body.find((h: { type: string }) => h.type === 'LockTakeover')).toMatchObject({ agent: { id: admin.agentId } });
    });

    it('closing a ticket unlocks it', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      const locked = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/lock`, {});
      const closed = await call(app, agent, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: locked.body.version, stateId: 2 });
      expect(closed.body).toMatchObject({ state: { type: 'closed' }, lock: 'unlock' });
    });
  });

  describe('merge and links', () => {
    it('merging moves the articles to the target and leaves the source merged and read-only', async () => {
      const source = await buildTicket(t.ctx, { queueId: queue.id, title: 'Printer on floor 2' });
      const target = await buildTicket(t.ctx, { queueId: queue.id, title: 'Printers broken' });
      const merged = await call(app, agent, 'POST', `/api/v1/tickets/${source.id}/merge`, { targetTicketId: target.id });
      expect(merged.status).toBe(200);
      expect(merged.body.id).toBe(target.id);
      const articles = await call(app, agent, 'GET', `/api/v1/tickets/${target.id}/articles`);
      expect(articles.body).toHaveLength(2);
      const old = await call(app, agent, 'GET', `/api/v1/tickets/${source.id}`);
      expect(old.body).toMatchObject({ state: { name: 'merged' }, mergedIntoId: target.id });
      const change = await call(app, agent, 'PATCH', `/api/v1/tickets/${source.id}`, { priorityId: 5 });
      expect(change.status).toBe(409);
      expect(change.body.error.code).toBe('CONFLICT');
      const history = await call(app, agent, 'GET', `/api/v1/tickets/${target.id}/history`);
      expect(history.body.some((h: { type: string; oldValue: string }) => h.type === 'Merged' && h.oldValue === source.number)).toBe(true);
      expect((await call(app, agent, 'POST', `/api/v1/tickets/${target.id}/merge`, { targetTicketId: target.id })).body.error.field).toBe('targetTicketId');
    });

    it('parent/child links show from both sides and can be removed', async () => {
      const parent = await buildTicket(t.ctx, { queueId: queue.id, title: 'Mail outage' });
      const child = await buildTicket(t.ctx, { queueId: queue.id, title: 'Cannot send mail' });
      const created = await call(app, agent, 'POST', `/api/v1/tickets/${parent.id}/links`, { targetTicketId: child.id, linkType: 'parent_child' });
      expect(created.status).toBe(201);
      expect(created.body[0]).toMatchObject({ linkType: 'parent_child', role: 'child', ticket: { id: child.id } });
      const fromChild = await call(app, agent, 'GET', `/api/v1/tickets/${child.id}/links`);
      expect(fromChild.body[0]).toMatchObject({ role: 'parent', ticket: { id: parent.id } });
      const twice = await call(app, agent, 'POST', `/api/v1/tickets/${child.id}/links`, { targetTicketId: parent.id });
      expect(twice.status).toBe(409);
      const removed = await call(app, agent, 'DELETE', `/api/v1/tickets/${child.id}/links/${parent.id}`);
      expect(removed.status).toBe(204);
      expect((await call(app, agent, 'GET', `/api/v1/tickets/${parent.id}/links`)).body).toEqual([]);
      const history = await call(app, agent, 'GET', `/api/v1/tickets/${parent.id}/history`);
      expect(history.body.map((h: { type: string }) => h.type)).toEqual(expect.arrayContaining(['TicketLinkAdd', 'TicketLinkDelete']));
    });
  });

  describe('articles', () => {
    it('mail HTML is stored sanitised: no script, no handlers, no javascript: links, no remote CSS', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles`, {
        article: {
          channel: 'email',
          senderType: 'customer',
          bodyHtml:
            '<p onclick="steal()">Hello <b>team</b></p><script>alert(1)</script><a href="javascript:alert(2)">x</a>' +
            '<img src="cid:logo@x" onerror="alert(3)"><div style="background:url(https://evil.example/t.gif);color:red">y</div>',
        },
      });
      expect(res.status).toBe(201);
      const html: string = res.body.article.bodyHtml;
      expect(html).toContain('<b>team</b>');
      expect(html).toContain('src="cid:logo@x"');
      expect(html).toContain('color:red');
      for (const bad of ['<script', 'onclick', 'onerror', 'javascript:', 'evil.example']) expect(html).not.toContain(bad);
      expect(res.body.article.bodyText).toContain('Hello team');
    });

    it('time units are recorded with the article and in history', async () => {
      const ticket = await buildTicket(t.ctx, { queueId: queue.id });
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'phone', bodyText: 'Walked the student through the VPN setup.', timeUnits: 15 } });
      expect(res.body.article.timeUnits).toBe(15);
      expect(res.body.ticket.version).toBe(ticket.version + 1);
      const history = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/history`);
      expect(history.body.find((h: { type: string }) => h.type === 'TimeAccounting')).toMatchObject({ newValue: '15' });
    });
  });

  describe('custom fields', () => {
    it('every field type is validated, stored, shown and recorded in history', async () => {
      await buildCustomField(t.ctx, { name: 'MatriculationNumber', fieldType: 'text' });
      await buildCustomField(t.ctx, { name: 'Building', fieldType: 'dropdown', options: ['Main', 'Library', 'Lab'] });
      await buildCustomField(t.ctx, { name: 'Devices', fieldType: 'multiselect', options: ['Laptop', 'Phone', 'Tablet'] });
      await buildCustomField(t.ctx, { name: 'ExamDate', fieldType: 'date' });
      await buildCustomField(t.ctx, { name: 'CallbackAt', fieldType: 'datetime' });
      await buildCustomField(t.ctx, { name: 'Urgent', fieldType: 'checkbox' });
      await buildCustomField(t.ctx, { name: 'Details', fieldType: 'textarea' });
      const values = {
        MatriculationNumber: '4711123',
        Building: 'Library',
        Devices: ['Laptop', 'Phone'],
        ExamDate: '2027-02-15',
        CallbackAt: '2026-11-30T10:00:00+01:00',
        Urgent: true,
        Details: 'Line one\nLine two',
      };
      const created = await call(app, agent, 'POST', '/api/v1/tickets', { title: 'Exam registration', queueId: queue.id, customFields: values });
      expect(created.status).toBe(201);
      const shown = await call(app, agent, 'GET', `/api/v1/tickets/${created.body.id}`);
      expect(shown.body.customFields).toEqual({ ...values, CallbackAt: '2026-11-30T09:00:00.000Z' });

      const changed = await call(app, agent, 'PATCH', `/api/v1/tickets/${created.body.id}`, { customFields: { Building: 'Lab', Urgent: null } });
      expect(changed.status).toBe(200);
      const after = await call(app, agent, 'GET', `/api/v1/tickets/${created.body.id}`);
      expect(after.body.customFields.Building).toBe('Lab');
      expect(after.body.customFields).not.toHaveProperty('Urgent');
      const history = await call(app, agent, 'GET', `/api/v1/tickets/${created.body.id}/history`);
      expect(history.body.filter((h: { type: string }) => h.type === 'CustomFieldUpdate').map((h: { field: string }) => h.field)).toEqual(
        expect.arrayContaining(['Building', 'Urgent']),
      );

      for (const [field, value] of [
        ['Building', 'Cellar'],
        ['Devices', ['Laptop', 'Toaster']],
        ['ExamDate', '15.02.2027'],
        ['CallbackAt', 'soon'],
        ['Urgent', 'yes'],
        ['MatriculationNumber', 'two\nlines'],
      ] as const) {
        const res = await call(app, agent, 'PATCH', `/api/v1/tickets/${created.body.id}`, { customFields: { [field]: value } });
        expect(res.status).toBe(400);
        expect(res.body.error.field).toBe(`customFields.${field}`);
      }
      const final = await call(app, agent, 'GET', `/api/v1/tickets/${created.body.id}`);
      expect(final.body.version).toBe(after.body.version);
    });
  });
});
