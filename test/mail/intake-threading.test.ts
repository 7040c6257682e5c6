import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listArticles } from '../../server/core/articles/article.service.ts';
import type { ServiceContext } from '../../server/core/context.ts';
import { ingestRawMail, processRawMail, receiveRawMail, reprocessRawMail } from '../../server/core/mail-intake/mail-intake.service.ts';
import { listLinks } from '../../server/core/tickets/link-tickets.service.ts';
import { mergeTickets } from '../../server/core/tickets/merge-tickets.service.ts';
import { getTicket, getTicketHistory } from '../../server/core/tickets/ticket-query.service.ts';
import { buildAgent, buildMailThread, buildQueue, system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const LENA = 'Lena Schulz <lena.schulz@student.uni-spree.de>';

/** What a test mail says; everything has a plausible default. */
interface MailSpec {
  from?: string;
  subject?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string;
  /** The relay that handed the mail over; differs between two deliveries of one message. */
  relay?: string;
  body?: string;
}

/** A raw mail from a student to the desk. */
function rawMail(spec: MailSpec): Buffer {
  const headers = [
    `Received: from ${spec.relay ?? 'mx1.uni-spree.de'} by mail.uni-spree.de (Postfix); Sat, 28 Nov 2026 10:00:00 +0100`,
    `From: ${spec.from ?? LENA}`,
    'To: RMZ Support <support@uni-spree.de>',
    `Subject: ${spec.subject ?? 'Frage'}`,
    'Date: Sat, 28 Nov 2026 10:00:00 +0100',
    `Message-ID: ${spec.messageId ?? `<${randomBytes(6).toString('hex')}@student.uni-spree.de>`}`,
    ...(spec.inReplyTo ? [`In-Reply-To: ${spec.inReplyTo}`] : []),
    ...(spec.references ? [`References: ${spec.references}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${spec.body ?? 'Hallo, ich habe noch eine Frage.'}\r\n`, 'utf8');
}

describe.each(dialects)('mail threading on %s', (dialect) => {
  let t: TestDatabase;
  let ctx: ServiceContext;
  const tag = (tn: string) => `[Ticket#${tn}]`;
  const articleCount = async (ticketId: number) => (await listArticles(ctx, system, ticketId)).length;
  const stateOf = async (ticketId: number) => (await getTicket(ctx, system, ticketId)).state.name;
  const queueWithFollowUpOption = async (option: 'possible' | 'reject' | 'new_ticket') => {
    const queue = await buildQueue(ctx);
    await ctx.db.updateTable('queue').set({ follow_up_option: option }).where('id', '=', queue.id).execute();
    return queue;
  };

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    ctx = t.ctx;
  });
  afterAll(async () => {
    await t.destroy();
  });

  describe('#detectFollowUp', () => {
    it('a reply with the ticket tag behind Re:/AW:/WG: is appended to that ticket', async () => {
      const { ticket } = await buildMailThread(ctx);
      for (const prefix of ['Re:', 'AW: WG:', 'Fwd: RE:']) {
        const result = await ingestRawMail(ctx, { raw: rawMail({ subject: `${prefix} ${tag(ticket.number)} Moodle-Login` }), source: 'test' });
        expect(result).toMatchObject({ status: 'processed', isFollowUp: true, ticketId: ticket.id });
      }
      expect(await articleCount(ticket.id)).toBe(5);
    });

    it('a reply naming our answer only in In-Reply-To is appended to its ticket', async () => {
      const { ticket, replyMessageId } = await buildMailThread(ctx);
      const result = await ingestRawMail(ctx, { raw: rawMail({ subject: 'Re: Ihre Anfrage', inReplyTo: replyMessageId }), source: 'test' });
      expect(result).toMatchObject({ isFollowUp: true, ticketId: ticket.id });
    });

    it('a reply naming the customer\'s first mail only in References (no number in the subject) is appended', async () => {
      const { ticket, customerMessageId } = await buildMailThread(ctx);
      const result = await ingestRawMail(ctx, { raw: rawMail({ subject: 'Nachtrag', references: `<elsewhere@gmail.com> ${customerMessageId}` }), source: 'test' });
      expect(result).toMatchObject({ isFollowUp: true, ticketId: ticket.id });
    });

    it('a number quoted only in the body starts a new ticket unless followUpSearchBody is on', async () => {
      const { ticket } = await buildMailThread(ctx);
      const body = `Hallo, zu meiner Anfrage ${tag(ticket.number)} noch eine Frage.`;
      const off = await ingestRawMail(ctx, { raw: rawMail({ subject: 'Nachfrage', body }), source: 'test' });
      expect(off.isFollowUp).toBe(false);
      expect(off.ticketId).not.toBe(ticket.id);

      const withBodySearch: ServiceContext = { ...ctx, settings: { ...ctx.settings, followUpSearchBody: true } };
      const on = await ingestRawMail(withBodySearch, { raw: rawMail({ subject: 'Nachfrage', body }), source: 'test' });
      expect(on).toMatchObject({ isFollowUp: true, ticketId: ticket.id });
    });

    it('a reply to a merged ticket goes to the ticket it was merged into', async () => {
      const { ticket: source } = await buildMailThread(ctx, { title: 'Drucker 1' });
      const { ticket: target } = await buildMailThread(ctx, { title: 'Drucker 2' });
      await mergeTickets(ctx, system, { sourceTicketId: source.id, targetTicketId: target.id });
      const result = await ingestRawMail(ctx, { raw: rawMail({ subject: `Re: ${tag(source.number)} Drucker 1` }), source: 'test' });
      expect(result).toMatchObject({ isFollowUp: true, ticketId: target.id });
      expect(await stateOf(source.id)).toBe('merged');
    });
  });

  describe('#appendFollowUp per queue follow-up option', () => {
    it('possible: a reply to a closed ticket reopens it as "open", with a StateUpdate history row', async () => {
      const queue = await queueWithFollowUpOption('possible');
      const { ticket } = await buildMailThread(ctx, { queueId: queue.id, state: 'closed successful' });
      const result = await ingestRawMail(ctx, { raw: rawMail({ subject: `AW: ${tag(ticket.number)} CampusCard` }), source: 'test' });
      expect(result).toMatchObject({ isFollowUp: true, ticketId: ticket.id });
      expect(await stateOf(ticket.id)).toBe('open');
      const history = await getTicketHistory(ctx, system, ticket.id);
      expect(history.at(-1)).toMatchObject({ type: 'StateUpdate', field: 'state', newValue: 'open' });
    });

    it('reject: the reply is attached but the ticket stays closed', async () => {
      const queue = await queueWithFollowUpOption('reject');
      const { ticket } = await buildMailThread(ctx, { queueId: queue.id, state: 'closed successful' });
      const result = await ingestRawMail(ctx, { raw: rawMail({ subject: `Re: ${tag(ticket.number)} CampusCard`, body: 'Noch eine Frage.' }), source: 'test' });
      expect(result).toMatchObject({ status: 'processed', isFollowUp: true, ticketId: ticket.id });
      expect(await stateOf(ticket.id)).toBe('closed successful');
      const articles = await listArticles(ctx, system, ticket.id);
      expect(articles.at(-1)).toMatchObject({ id: result.articleId, bodyText: expect.stringContaining('Noch eine Frage.') });
    });

    it('new_ticket: a reply to a closed ticket opens a new linked ticket whose title has no tag', async () => {
      const queue = await queueWithFollowUpOption('new_ticket');
      const { ticket } = await buildMailThread(ctx, { queueId: queue.id, state: 'closed successful', title: 'VPN bricht ab' });
      const result = await ingestRawMail(ctx, { raw: rawMail({ subject: `AW: ${tag(ticket.number)} VPN bricht ab` }), source: 'test' });
      expect(result.isFollowUp).toBe(false);
      expect(result.ticketId).not.toBe(ticket.id);
      const created = await getTicket(ctx, system, result.ticketId as number);
      expect(created).toMatchObject({ title: 'VPN bricht ab', queue: { id: queue.id }, state: { name: 'new' } });
      expect(await stateOf(ticket.id)).toBe('closed successful');
      expect(await articleCount(ticket.id)).toBe(2);
      const links = await listLinks(ctx, system, ticket.id);
      expect(links.map((l) => l.ticket.id)).toContain(created.id);
    });

    it('new_ticket does not apply to an open ticket: the reply is appended', async () => {
      const queue = await queueWithFollowUpOption('new_ticket');
      const { ticket } = await buildMailThread(ctx, { queueId: queue.id, state: 'open' });
      const result = await ingestRawMail(ctx, { raw: rawMail({ subject: `Re: ${tag(ticket.number)}` }), source: 'test' });
      expect(result).toMatchObject({ isFollowUp: true, ticketId: ticket.id });
    });
  });

  describe('sender verification', () => {
    it('a stranger replying to a guessed number is attached hidden and marked unverified; the customer\'s reply is not', async () => {
      const { ticket } = await buildMailThread(ctx);
      const stranger = await ingestRawMail(ctx, { raw: rawMail({ from: 'Max <max.mustermann@mail-anon.example>', subject: `Re: ${tag(ticket.number)}` }), source: 'test' });
      const customer = await ingestRawMail(ctx, { raw: rawMail({ from: 'LENA.SCHULZ@student.uni-spree.de', subject: `Re: ${tag(ticket.number)}` }), source: 'test' });
      const articles = await listArticles(ctx, system, ticket.id);
      expect(articles.find((a) => a.id === stranger.articleId)).toMatchObject({ isSenderUnverified: true, isVisibleForCustomer: false });
      expect(articles.find((a) => a.id === customer.articleId)).toMatchObject({ isSenderUnverified: false, isVisibleForCustomer: true });
    });

    it('an agent of the desk writing from their own address is a known sender', async () => {
      const agent = await buildAgent(ctx);
      const { ticket } = await buildMailThread(ctx);
      const result = await ingestRawMail(ctx, { raw: rawMail({ from: `${agent.login}@uni-spree.de`, subject: `Re: ${tag(ticket.number)}` }), source: 'test' });
      const articles = await listArticles(ctx, system, ticket.id);
      expect(articles.find((a) => a.id === result.articleId)?.isSenderUnverified).toBe(false);
    });
  });

  describe('duplicates', () => {
    it('the same raw bytes received twice are stored once and make one article', async () => {
      const { ticket } = await buildMailThread(ctx);
      const raw = rawMail({ subject: `Re: ${tag(ticket.number)}` });
      const first = await ingestRawMail(ctx, { raw, source: 'imap:1' });
      const second = await ingestRawMail(ctx, { raw, source: 'imap:1' });
      expect(second).toMatchObject({ rawMailId: first.rawMailId, status: 'processed', articleId: first.articleId });
      const sha = await ctx.db.selectFrom('raw_mail').select('sha256').where('id', '=', first.rawMailId).executeTakeFirstOrThrow();
      expect(await ctx.db.selectFrom('raw_mail').select('id').where('sha256', '=', sha.sha256).execute()).toHaveLength(1);
      expect(await articleCount(ticket.id)).toBe(3);
    });

    it('the same message via another relay (other Received headers) is a duplicate: one article, both raw mails kept', async () => {
      const messageId = `<dup-${randomBytes(4).toString('hex')}@student.uni-spree.de>`;
      const first = await ingestRawMail(ctx, { raw: rawMail({ subject: 'VPN', messageId, relay: 'mx1.uni-spree.de' }), source: 'smtp' });
      const second = await ingestRawMail(ctx, { raw: rawMail({ subject: 'VPN', messageId, relay: 'mx2.uni-spree.de' }), source: 'smtp' });
      expect(second).toMatchObject({ status: 'duplicate', ticketId: first.ticketId, articleId: first.articleId });
      expect(second.rawMailId).not.toBe(first.rawMailId);
      expect(await ctx.db.selectFrom('article').select('id').where('message_id', '=', messageId).execute()).toHaveLength(1);
    });

    it('the same Message-ID with other content is kept: two articles', async () => {
      const { ticket } = await buildMailThread(ctx);
      const messageId = `<reused-${randomBytes(4).toString('hex')}@broken-mailer.example>`;
      const first = await ingestRawMail(ctx, { raw: rawMail({ subject: `Re: ${tag(ticket.number)}`, messageId, body: 'Erste Nachricht' }), source: 'smtp' });
      const second = await ingestRawMail(ctx, { raw: rawMail({ subject: `Re: ${tag(ticket.number)}`, messageId, body: 'Zweite Nachricht' }), source: 'smtp' });
      expect(first.status).toBe('processed');
      expect(second.status).toBe('processed');
      expect(second.articleId).not.toBe(first.articleId);
      const texts = (await listArticles(ctx, system, ticket.id)).filter((a) => a.messageId === messageId).map((a) => a.bodyText.trim());
      expect(texts).toEqual(['Erste Nachricht', 'Zweite Nachricht']);
    });
  });

  describe('#reprocessRawMail', () => {
    it('an admin reprocesses a failed mail: it becomes a ticket, the raw mail is processed, attempts counted', async () => {
      const admin = await buildAgent(ctx, { isAdmin: true });
      const raw = rawMail({ subject: 'Klausureinsicht', body: 'Wann ist die Klausureinsicht?' });
      const { rawMailId } = await receiveRawMail(ctx, { raw, source: 'test' });
      // As an earlier parser version left it.
      await ctx.db.updateTable('raw_mail').set({ status: 'failed', error: 'Parsing failed: test', attempts: 1 }).where('id', '=', rawMailId).execute();
      expect(await processRawMail(ctx, rawMailId)).toMatchObject({ status: 'failed', ticketId: null });

      const result = await reprocessRawMail(ctx, admin, rawMailId);
      expect(result).toMatchObject({ status: 'processed', isFollowUp: false });
      const row = await ctx.db.selectFrom('raw_mail').selectAll().where('id', '=', rawMailId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'processed', error: null, attempts: 2, ticket_id: result.ticketId, article_id: result.articleId });
      expect((await getTicket(ctx, system, result.ticketId as number)).title).toBe('Klausureinsicht');

      const again = await reprocessRawMail(ctx, admin, rawMailId);
      expect(again).toMatchObject({ status: 'processed', articleId: result.articleId });
      expect(await articleCount(result.ticketId as number)).toBe(1);
    });

    it('an agent who is not an admin cannot reprocess → PERMISSION_DENIED, nothing changes', async () => {
      const agent = await buildAgent(ctx);
      const { rawMailId } = await receiveRawMail(ctx, { raw: rawMail({ subject: 'Noch nicht verarbeitet' }), source: 'test' });
      await expect(reprocessRawMail(ctx, agent, rawMailId)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
      const row = await ctx.db.selectFrom('raw_mail').select(['status', 'ticket_id']).where('id', '=', rawMailId).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'received', ticket_id: null });
    });
  });
});
