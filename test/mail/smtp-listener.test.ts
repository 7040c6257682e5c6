import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INLINE_RAW_MAIL_MAX_BYTES, readRawMailContent } from '../../server/core/mail-intake/raw-mail.service.ts';
import { createIntakeQueue, type IntakeQueue } from '../../server/mail/inbound/intake-queue.ts';
import { startMailListener, type MailListener } from '../../server/mail/inbound/smtp-listener.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe.each(dialects)('SMTP and LMTP intake on %s', (dialect) => {
  let t: TestDatabase;
  let queue: IntakeQueue;
  let smtp: MailListener;
  let lmtp: MailListener;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await t.ctx.db.insertInto('system_address').values({ email: 'support@uni-spree.de', display_name: 'RMZ Service Desk' }).execute();
    queue = createIntakeQueue(t.ctx, silent);
    smtp = await startMailListener({ ctx: t.ctx, queue, logger: silent, host: '127.0.0.1', port: 0 });
    lmtp = await startMailListener({ ctx: t.ctx, queue, logger: silent, host: '127.0.0.1', port: 0, lmtp: true });
  });
  afterAll(async () => {
    await smtp.close();
    await lmtp.close();
    await queue.drain();
    await t.destroy();
  });

  const countRaw = async () => Number((await t.ctx.db.selectFrom('raw_mail').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('a mail to the support address is stored before 250 and becomes a ticket', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({
      from: 'Lena Vogt <lena.vogt@student.uni-spree.de>',
      to: 'support@uni-spree.de',
      subject: 'WLAN im Wohnheim geht nicht',
      text: 'Hallo,\nseit gestern komme ich nicht ins eduroam.\nViele Grüße\nLena',
      messageId: '<wlan-1@student.uni-spree.de>',
    });
    transport.close();
    expect(info.response).toMatch(/^250 2\.0\.0 Stored as \d+/);
    await queue.drain();
    const raw = await t.ctx.db.selectFrom('raw_mail').selectAll().where('message_id', '=', '<wlan-1@student.uni-spree.de>').executeTakeFirstOrThrow();
    expect(raw.status).toBe('processed');
    expect(raw.source).toMatch(/^smtp 127\.0\.0\.1/);
    const ticket = await t.ctx.db.selectFrom('ticket').selectAll().where('id', '=', raw.ticket_id as number).executeTakeFirstOrThrow();
    expect(ticket).toMatchObject({ title: 'WLAN im Wohnheim geht nicht', channel: 'email', queue_id: 2 });
    const article = await t.ctx.db.selectFrom('article').selectAll().where('id', '=', raw.article_id as number).executeTakeFirstOrThrow();
    expect(article.body_text).toContain('eduroam');
    expect(article.from_address).toBe('Lena Vogt <lena.vogt@student.uni-spree.de>');
    expect((await readRawMailContent(t.ctx, raw.id)).toString()).toContain('Subject: WLAN im Wohnheim geht nicht');
  });

  it('mail for an unknown address is refused with 550 and nothing is stored', async () => {
    const before = await countRaw();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    await expect(transport.sendMail({ from: 'a@example.org', to: 'nobody@uni-spree.de', subject: 'x', text: 'x' })).rejects.toMatchObject({ responseCode: 550 });
    transport.close();
    expect(await countRaw()).toBe(before);
  });

  it('LMTP delivers the same way, as Postfix does with its lmtp transport', async () => {
    const transport = nodemailer.createTransport({ lmtp: true, host: '127.0.0.1', port: lmtp.port } as never);
    const info = await transport.sendMail({ from: 'prof.klein@uni-spree.de', to: 'support@uni-spree.de', subject: 'Beamer in HS 3', text: 'Der Beamer flackert.' });
    transport.close();
    expect(info.accepted).toEqual(['support@uni-spree.de']);
    await queue.drain();
    const ticket = await t.ctx.db.selectFrom('ticket').select('title').where('title', '=', 'Beamer in HS 3').executeTakeFirst();
    expect(ticket).toBeDefined();
  });

  it('when storing a large mail\'s file fails the sender hears 451 (try again later) and no half message remains', async () => {
    const broken = { ...t.ctx, blobs: { put: async () => { throw new Error('ENOSPC: no space left on device'); }, get: t.ctx.blobs.get } };
    const brokenQueue = createIntakeQueue(broken, silent);
    const listener = await startMailListener({ ctx: broken, queue: brokenQueue, logger: silent, host: '127.0.0.1', port: 0 });
    const before = await countRaw();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true });
    // Small mails are kept in the database row; only a large one needs the blob store.
    const text = 'Scan der Abschlussarbeit. '.repeat(Math.ceil(INLINE_RAW_MAIL_MAX_BYTES / 20));
    await expect(transport.sendMail({ from: 'a@uni-spree.de', to: 'support@uni-spree.de', subject: 'x', text })).rejects.toMatchObject({ responseCode: 451 });
    transport.close();
    await listener.close();
    expect(await countRaw()).toBe(before);
  });
});
