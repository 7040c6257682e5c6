import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestRawMail } from '../../server/core/mail-intake/mail-intake.service.ts';
import { startOutboxWorker } from '../../server/mail/outbound/outbox-worker.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { buildAgent, buildCustomer, buildQueue, buildSystemAddress, buildTicket, countRows } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';
import { startSmtpSink, type SmtpSink } from '../mail/outbound-sink.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(dialects)('compose API on %s', (dialect) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let sink: SmtpSink;
  let queue: { id: number; full_name: string; group_id: number };
  let petra: Awaited<ReturnType<typeof buildAgent>>;
  let agent: Record<string, string>;
  let colleague: Record<string, string>;
  let reader: Record<string, string>;
  let stranger: Record<string, string>;
  let answerTemplate: number;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    app = await buildTestApp(t.ctx);
    sink = await startSmtpSink();
    queue = await buildQueue(t.ctx, { name: 'IT Service Desk' });
    await buildSystemAddress(t.ctx, { email: 'servicedesk@uni-spree.de', displayName: 'Uni Spree Service Desk', queueId: queue.id });
    await buildSystemAddress(t.ctx, { email: 'it@uni-spree.de', displayName: 'RMZ' });
    petra = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] });
    await t.ctx.db.updateTable('agent').set({ first_name: 'Petra', last_name: 'Schulz', language: 'de', signature: '<OTRS_CURRENT_UserFullname>\nRMZ Service Desk, Tel. 030 1234-5678\n' }).where('id', '=', petra.agentId).execute();
    agent = await bearerFor(t.ctx, petra);
    colleague = await bearerFor(t.ctx, await buildAgent(t.ctx, { login: `jonas-${dialect}`, permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] }));
    reader = await bearerFor(t.ctx, await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['ro'] }] }));
    stranger = await bearerFor(t.ctx, await buildAgent(t.ctx));
    const admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
    const created = await call(app, admin, 'POST', '/api/v1/templates', {
      name: 'Passwort zurückgesetzt',
      type: 'answer',
      text: 'Ihr Passwort für <OTRS_CUSTOMER_EMAIL> ist zurückgesetzt (<OTRS_CONFIG_Ticket::Hook><OTRS_TICKET_TicketNumber>, "<OTRS_TICKET_Title>", <OTRS_QUEUE>). <OTRS_CUSTOMER_DATA_UserPhone>\n<OTRS_CURRENT_UserFullname>',
      queueIds: [queue.id],
    });
    answerTemplate = created.body.id;
  });
  afterAll(async () => {
    await app.close();
    await sink.close();
    await t.destroy();
  });

  /** A customer's mail with a Cc, which became a ticket; returns ticket and customer. */
  async function customerMail() {
    const customer = await buildCustomer(t.ctx);
    const ticket = await buildTicket(t.ctx, {
      queueId: queue.id,
      customerUserId: customer.id,
      article: {
        channel: 'email',
        senderType: 'customer',
        from: `Sam ${customer.login} <${customer.email}>`,
        to: 'servicedesk@uni-spree.de',
        cc: 'prof.weber@uni-spree.de, IT@uni-spree.de',
        subject: 'AW: Passwort vergessen',
        bodyText: 'Hallo,\nich komme nicht mehr ins Moodle.',
        messageId: `<m-${customer.login}@student.uni-spree.de>`,
        attachments: [{ filename: 'fehler.png', contentType: 'image/png', content: Buffer.from('PNG') }],
      },
    });
    return { ticket, customer };
  }

  describe('POST /tickets/:id/compose', () => {
    it('a reply is prefilled with salutation, template, signature and German quote, tags filled, and locks the ticket', async () => {
      const { ticket, customer } = await customerMail();
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'reply', templateId: answerTemplate });
      expect(res.status).toBe(200);
      const d = res.body;
      expect(d.from).toBe('"Uni Spree Service Desk" <servicedesk@uni-spree.de>');
      expect(d.to).toBe(`"Sam ${customer.login}" <${customer.email}>`);
      expect(d.cc).toBe('');
      expect(d.subject).toBe(`Re: [Ticket#${ticket.number}] Passwort vergessen`);
      expect(d.inReplyTo).toBe(`<m-${customer.login}@student.uni-spree.de>`);
      expect(d.references).toBe(`<m-${customer.login}@student.uni-spree.de>`);
      expect(d.bodyText).toBe(
        [
          `Dear Sam ${customer.login},`,
          '',
          'Thank you for your request.',
          '',
          `Ihr Passwort für ${customer.email} ist zurückgesetzt (Ticket#${ticket.number}, "Cannot log in to Moodle", IT Service Desk). -`,
          'Petra Schulz',
          '',
          'Petra Schulz',
          'RMZ Service Desk, Tel. 030 1234-5678',
          '',
          'Your Ticket-Team',
          '',
          ' Petra Schulz',
          '',
          `Am 28.11.2026 10:00 schrieb Sam ${customer.login} <${customer.email}>:`,
          '> Hallo,',
          '> ich komme nicht mehr ins Moodle.',
          '',
        ].join('\n'),
      );
      expect(d.lockedBy).toBeNull();
      expect(d.ticket).toMatchObject({ lock: 'lock', owner: { id: petra.agentId }, version: ticket.version + 1 });
      const history = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/history`);
      expect(history.body.map((h: { type: string }) => h.type)).toContain('Lock');
    });

    it("reply-all copies the other recipients but never the desk's own addresses", async () => {
      const { ticket } = await customerMail();
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'reply_all' });
      expect(res.body.cc).toBe('prof.weber@uni-spree.de');
    });

    it("a colleague's compose does not steal the lock: it reads, says who holds it, and their send is refused", async () => {
      const { ticket, customer } = await customerMail();
      await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'reply' });
      const historyBefore = await countRows(t.ctx, 'ticket_history');
      const other = await call(app, colleague, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'reply' });
      expect(other.status).toBe(200);
      expect(other.body.lockedBy).toEqual({ id: petra.agentId, login: petra.login, name: 'Petra Schulz' });
      expect(other.body.ticket).toMatchObject({ lock: 'lock', owner: { id: petra.agentId }, abilities: { update: false } });
      expect(other.body.to).toContain(customer.email);
      expect(await countRows(t.ctx, 'ticket_history')).toBe(historyBefore);
      const send = await call(app, colleague, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'email', to: customer.email, bodyText: other.body.bodyText } });
      expect(send.status).toBe(409);
      expect(send.body.error.code).toBe('TICKET_LOCKED');
    });

    it('a note neither locks nor quotes; lock:false keeps a reply from locking', async () => {
      const { ticket } = await customerMail();
      const note = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'note' });
      expect(note.body).toMatchObject({ to: '', bodyText: '\n', ticket: { lock: 'unlock' } });
      const reply = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'reply', lock: false });
      expect(reply.body.ticket.lock).toBe('unlock');
    });

    it('a forward has no recipient, a Fwd: subject, the forwarded header and the original files', async () => {
      const { ticket } = await customerMail();
      const articles = await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/articles`);
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'forward', articleId: articles.body[0].id });
      expect(res.body.to).toBe('');
      expect(res.body.subject).toBe(`Fwd: [Ticket#${ticket.number}] Passwort vergessen`);
      expect(res.body.bodyText).toContain('---------- Weitergeleitete Nachricht ----------');
      expect(res.body.attachments).toEqual([{ id: articles.body[0].attachments[0].id, filename: 'fehler.png', contentType: 'image/png', size: 3, isInline: false }]);
      expect(res.body.bodyText).not.toContain('Dear ');
    });

    it("a reply goes to the mail's Reply-To", async () => {
      const raw = Buffer.from(
        'From: Lena Vogt <lena.vogt@student.uni-spree.de>\r\nReply-To: Lena privat <lena.privat@example.org>\r\nTo: servicedesk@uni-spree.de\r\nSubject: VPN geht nicht\r\nMessage-ID: <vpn-1@student.uni-spree.de>\r\nDate: Sat, 28 Nov 2026 08:00:00 +0000\r\n\r\nHallo, das VPN verbindet nicht.\r\n',
      );
      const { ticketId } = await ingestRawMail(t.ctx, { raw, source: 'import', queueId: queue.id });
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticketId}/compose`, { kind: 'reply' });
      expect(res.body.to).toBe('"Lena privat" <lena.privat@example.org>');
      expect(res.body.bodyText).toContain('> Hallo, das VPN verbindet nicht.');
    });

    it('refuses templates of the wrong kind or another queue (naming templateId), readers and strangers; writes nothing', async () => {
      const { ticket } = await customerMail();
      const other = await buildQueue(t.ctx, { groupId: queue.group_id });
      const elsewhere = await buildTicket(t.ctx, { queueId: other.id });
      const before = await countRows(t.ctx, 'ticket_history');
      const wrongKind = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'forward', templateId: answerTemplate });
      expect(wrongKind.status).toBe(400);
      expect(wrongKind.body.error.field).toBe('templateId');
      const notOffered = await call(app, agent, 'POST', `/api/v1/tickets/${elsewhere.id}/compose`, { kind: 'reply', templateId: answerTemplate });
      expect(notOffered.status).toBe(404);
      expect(notOffered.body.error.field).toBe('templateId');
      expect((await call(app, reader, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'reply' })).status).toBe(403);
      expect((await call(app, stranger, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'reply' })).status).toBe(404);
      const badKind = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'letter' });
      expect(badKind.status).toBe(400);
      expect(badKind.body.error.field).toMatch(/^kind/);
      expect(await countRows(t.ctx, 'ticket_history')).toBe(before);
      expect((await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}`)).body.lock).toBe('unlock');
    });
  });

  describe('sending the composed reply with Bcc', () => {
    it('the mail reaches the Bcc address by envelope only; salutation and signature are not added twice', async () => {
      const { ticket, customer } = await customerMail();
      const draft = (await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/compose`, { kind: 'reply' })).body;
      const sent = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles`, {
        article: { channel: 'email', to: draft.to, cc: 'prof.weber@uni-spree.de', bcc: 'archiv@uni-spree.de', subject: draft.subject, bodyText: draft.bodyText, inReplyTo: draft.inReplyTo, references: draft.references },
      });
      expect(sent.status).toBe(201);
      expect(sent.body.article.bcc).toBe('archiv@uni-spree.de');
      expect((await call(app, agent, 'GET', `/api/v1/tickets/${ticket.id}/articles/${sent.body.article.id}`)).body.bcc).toBe('archiv@uni-spree.de');

      const worker = startOutboxWorker({ ctx: t.ctx, smtpUrl: sink.url, logger: silent, intervalMs: 0 });
      try {
        await worker.tick();
      } finally {
        await worker.stop();
      }
      const received = sink.messages.find((m) => m.parsed.inReplyTo === draft.inReplyTo);
      if (!received) throw new Error('the reply was not delivered');
      expect(received.envelopeTo.sort()).toEqual([customer.email, 'archiv@uni-spree.de', 'prof.weber@uni-spree.de'].sort());
      expect(received.raw).not.toMatch(/^bcc:/im);
      expect(received.raw).not.toContain('archiv@uni-spree.de');
      expect(received.parsed.subject).toBe(`Re: [Ticket#${ticket.number}] Passwort vergessen`);
      expect(received.parsed.text?.match(/Dear Sam/g)).toHaveLength(1);
      expect(received.parsed.text?.match(/Your Ticket-Team/g)).toHaveLength(1);
    });

    it('a Bcc that is not an address is refused, naming article.bcc, and nothing is written', async () => {
      const { ticket, customer } = await customerMail();
      const before = await countRows(t.ctx, 'article');
      const res = await call(app, agent, 'POST', `/api/v1/tickets/${ticket.id}/articles`, { article: { channel: 'email', to: customer.email, bcc: 'not an address', bodyText: 'x' } });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe('article.bcc');
      expect(await countRows(t.ctx, 'article')).toBe(before);
    });
  });

  it('agents find customers for the To field by name or mail, with their address', async () => {
    const customer = await buildCustomer(t.ctx);
    const res = await call(app, colleague, 'GET', `/api/v1/customer-users?search=${encodeURIComponent(customer.login.toUpperCase())}&limit=5`);
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([expect.objectContaining({ login: customer.login, email: customer.email })]);
  });
});
