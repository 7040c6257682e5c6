import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listArticles } from '../../server/core/articles/article.service.ts';
import { listPostmasterFilters, updatePostmasterFilter } from '../../server/core/postmaster/postmaster-filter.service.ts';
import { getTicket, listTickets } from '../../server/core/tickets/ticket-query.service.ts';
import { createIntakeQueue, type IntakeQueue } from '../../server/mail/inbound/intake-queue.ts';
import { startMailListener, type MailListener } from '../../server/mail/inbound/smtp-listener.ts';
import { system } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const FAX_FIXTURES = path.resolve(import.meta.dirname, '../fixtures/mail/fax');
const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(dialects)('fax intake on %s', (dialect) => {
  let t: TestDatabase;
  let queue: IntakeQueue;
  let smtp: MailListener;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await t.ctx.db.insertInto('system_address').values({ email: 'support@uni-spree.de', display_name: 'RMZ Service Desk' }).execute();
    queue = createIntakeQueue(t.ctx, silent);
    smtp = await startMailListener({ ctx: t.ctx, queue, logger: silent, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await smtp.close();
    await queue.drain();
    await t.destroy();
  });

  /** Delivers a raw mail over SMTP, as the university's relay does, and returns the ticket it became. */
  async function deliver(raw: string | Buffer, from: string) {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({ envelope: { from, to: ['support@uni-spree.de'] }, raw });
    transport.close();
    await queue.drain();
    const rawId = Number(/Stored as (\d+)/.exec(info.response)?.[1]);
    const stored = await t.ctx.db.selectFrom('raw_mail').select(['status', 'ticket_id', 'article_id']).where('id', '=', rawId).executeTakeFirstOrThrow();
    expect(stored.status).toBe('processed');
    const ticket = await getTicket(t.ctx, system, stored.ticket_id as number);
    const article = (await listArticles(t.ctx, system, ticket.id)).find((a) => a.id === stored.article_id);
    return { ticket, article: article! };
  }
  const fixture = (name: string) => fs.readFileSync(path.join(FAX_FIXTURES, name));

  it('a fax the gateway mails as PDF becomes a fax ticket with the PDF attached', async () => {
    const { ticket, article } = await deliver(fixture('fax-pdf.eml'), 'fax@fax.uni-spree.de');
    expect(ticket).toMatchObject({ channel: 'fax', title: 'Fax von +49 30 2093 7781 (1 Seite)' });
    expect(article).toMatchObject({ channel: 'fax', senderType: 'customer', isVisibleForCustomer: true, from: 'Fax-Gateway RMZ <fax@fax.uni-spree.de>' });
    expect(article.bodyText).toContain('Absender-Kennung: +49 30 2093 7781');
    expect(article.attachments).toEqual([expect.objectContaining({ filename: 'fax-20261204-1015.pdf', contentType: 'application/pdf' })]);
    const blob = await t.ctx.db.selectFrom('attachment').select('sha256').where('article_id', '=', article.id).executeTakeFirstOrThrow();
    expect((await t.ctx.blobs.get(blob.sha256)).subarray(0, 8).toString()).toBe('%PDF-1.4');
  });

  it('a fax as TIFF becomes a fax ticket with the TIFF attached', async () => {
    const { ticket, article } = await deliver(fixture('fax-tiff.eml'), 'fax@fax.uni-spree.de');
    expect(ticket.channel).toBe('fax');
    expect(article.channel).toBe('fax');
    expect(article.attachments).toEqual([expect.objectContaining({ filename: 'fax-20261204-1102.tif', contentType: 'image/tiff' })]);
  });

  it('an ordinary mail, even from an address with "fax" in it, stays an e-mail ticket', async () => {
    const raw = 'From: Lena Fax <lena.fax@student.uni-spree.de>\r\nTo: support@uni-spree.de\r\nSubject: Faxgerät im Sekretariat\r\nMessage-ID: <lena-fax-1@student.uni-spree.de>\r\n\r\nDas Faxgerät druckt nicht.\r\n';
    const { ticket, article } = await deliver(raw, 'lena.fax@student.uni-spree.de');
    expect(ticket.channel).toBe('email');
    expect(article.channel).toBe('email');
  });

  it('fax tickets are listed apart from the others', async () => {
    const faxes = await listTickets(t.ctx, system, { channels: ['fax'], limit: 50, offset: 0 });
    expect(faxes.items.map((x) => x.title).sort()).toEqual(['Fax von +49 30 2093 7781 (1 Seite)', 'Fax von +49 30 838 5512 (1 Seite)']);
    const mails = await listTickets(t.ctx, system, { channels: ['email'], limit: 50, offset: 0 });
    expect(mails.items.map((x) => x.title)).toEqual(['Faxgerät im Sekretariat']);
  });

  it("an admin puts the own gateway's address into the default filter's From rule", async () => {
    const filter = (await listPostmasterFilters(t.ctx, system)).find((f) => f.name === 'Fax gateway')!;
    expect(filter).toMatchObject({ isValid: true, position: 0, newTicket: { channel: 'fax' }, followUp: { channel: 'fax' } });
    await updatePostmasterFilter(t.ctx, system, filter.id, { ...filter, match: [{ header: 'From', value: 'faxeingang@tk.uni-spree.de', isRegex: false, negate: false }] });

    const raw = fixture('fax-pdf.eml').toString().replace(/fax@fax\.uni-spree\.de/g, 'faxeingang@tk.uni-spree.de').replace(/Message-ID: <[^>]+>/, 'Message-ID: <fax-tk-1@tk.uni-spree.de>');
    expect((await deliver(raw, 'faxeingang@tk.uni-spree.de')).ticket.channel).toBe('fax');
    const old = fixture('fax-tiff.eml').toString().replace(/Message-ID: <[^>]+>/, 'Message-ID: <fax-old-gw@fax.uni-spree.de>');
    expect((await deliver(old, 'fax@fax.uni-spree.de')).ticket.channel).toBe('email');
  });
});
