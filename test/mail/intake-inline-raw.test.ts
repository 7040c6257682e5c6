import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../server/core/context.ts';
import { INLINE_RAW_MAIL_MAX_BYTES } from '../../server/core/mail-intake/raw-mail.service.ts';
import { createIntakeQueue, type IntakeQueue } from '../../server/mail/inbound/intake-queue.ts';
import { startMailListener, type MailListener } from '../../server/mail/inbound/smtp-listener.ts';
import { bearerFor, buildTestApp } from '../support/api-client.ts';
import { buildAgent } from '../support/factories.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/** A plain text mail of a few hundred bytes, as most mail to a desk is. */
function smallMail(n: number, subject: string): Buffer {
  return Buffer.from(
    `From: Student ${n} <student${n}@student.uni-spree.de>\r\nTo: support@uni-spree.de\r\nSubject: ${subject}\r\n` +
      `Message-ID: <inline-${n}@student.uni-spree.de>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo,\r\n${subject}.\r\nViele Grüße\r\n`,
  );
}

/** A mail with a scanned PDF of about 300 KB: larger than what is kept in the database row. */
function largeMail(n: number, subject: string): Buffer {
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(225_000, 7)]).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from(
    `From: Prof. Klein <prof.klein@uni-spree.de>\r\nTo: support@uni-spree.de\r\nSubject: ${subject}\r\nMessage-ID: <large-${n}@uni-spree.de>\r\n` +
      `MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nAnbei der Scan.\r\n` +
      `--b\r\nContent-Type: application/pdf; name="scan.pdf"\r\nContent-Disposition: attachment; filename="scan.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${pdf}\r\n--b--\r\n`,
  );
}

describe.each(dialects)('raw mails kept in the database or as files (%s)', (dialect) => {
  let t: TestDatabase;
  let queue: IntakeQueue;
  let smtp: MailListener;
  let app: FastifyInstance;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
    await t.ctx.db.insertInto('system_address').values({ email: 'support@uni-spree.de', display_name: 'RMZ Service Desk' }).execute();
    queue = createIntakeQueue(t.ctx, silent);
    smtp = await startMailListener({ ctx: t.ctx, queue, logger: silent, host: '127.0.0.1', port: 0 });
    app = await buildTestApp(t.ctx);
    admin = await bearerFor(t.ctx, await buildAgent(t.ctx, { isAdmin: true }));
  });
  afterAll(async () => {
    await smtp.close();
    await queue.drain();
    await app.close();
    await t.destroy();
  });

  /** Sends raw bytes over SMTP on a connection of its own; the raw mail id from the 250, or the SMTP error. */
  async function send(port: number, raw: Buffer): Promise<number> {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      const info = await transport.sendMail({ envelope: { from: 'relay@uni-spree.de', to: ['support@uni-spree.de'] }, raw });
      return Number(/Stored as (\d+)/.exec(info.response)?.[1]);
    } finally {
      transport.close();
    }
  }

  const blobFileOf = (sha256: string) => path.join(t.dataDir, 'blobs', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  const rowOf = (id: number) => t.ctx.db.selectFrom('raw_mail').select(['sha256', 'size', 'content', 'status', 'ticket_id']).where('id', '=', id).executeTakeFirstOrThrow();
  const download = (id: number) => app.inject({ method: 'GET', url: `/api/v1/raw-mails/${id}/source`, headers: admin });

  it('a small mail is stored in its database row, no file is written, and it becomes a ticket admins can download', async () => {
    const raw = smallMail(1, 'Passwort für das Campusportal vergessen');
    const id = await send(smtp.port, raw);
    const stored = await rowOf(id);
    expect(stored.content?.equals(raw)).toBe(true);
    expect(fs.existsSync(blobFileOf(stored.sha256))).toBe(false);
    await queue.drain();
    const processed = await rowOf(id);
    expect(processed.status).toBe('processed');
    const ticket = await t.ctx.db.selectFrom('ticket').select('title').where('id', '=', processed.ticket_id as number).executeTakeFirstOrThrow();
    expect(ticket.title).toBe('Passwort für das Campusportal vergessen');
    const source = await download(id);
    expect(source.statusCode).toBe(200);
    expect(source.rawPayload.equals(raw)).toBe(true);
  });

  it('a mail with a large attachment goes to the blob store and is processed and downloadable the same way', async () => {
    const raw = largeMail(2, 'Scan der Abschlussarbeit');
    expect(raw.length).toBeGreaterThan(INLINE_RAW_MAIL_MAX_BYTES);
    const id = await send(smtp.port, raw);
    const stored = await rowOf(id);
    expect(stored.content).toBeNull();
    expect(fs.readFileSync(blobFileOf(stored.sha256)).equals(raw)).toBe(true);
    await queue.drain();
    const processed = await rowOf(id);
    expect(processed.status).toBe('processed');
    const articles = await t.ctx.db.selectFrom('article').innerJoin('attachment', 'attachment.article_id', 'article.id').select('attachment.filename').where('article.ticket_id', '=', processed.ticket_id as number).execute();
    expect(articles.map((a) => a.filename)).toEqual(['scan.pdf']);
    expect((await download(id)).rawPayload.equals(raw)).toBe(true);
  });

  it('the same bytes delivered again, even by two sessions at the same moment, are one raw mail and one ticket', async () => {
    const raw = smallMail(3, 'Zugang zur Bibliothek');
    const [first, second] = await Promise.all([send(smtp.port, raw), send(smtp.port, raw)]);
    expect(second).toBe(first);
    expect(await send(smtp.port, raw)).toBe(first);
    await queue.drain();
    const sha256 = (await rowOf(first)).sha256;
    expect(await t.ctx.db.selectFrom('raw_mail').select('id').where('sha256', '=', sha256).execute()).toHaveLength(1);
    expect(await t.ctx.db.selectFrom('ticket').select('id').where('title', '=', 'Zugang zur Bibliothek').execute()).toHaveLength(1);
  });

  it('many sessions at once: each mail is stored once and becomes its own ticket', async () => {
    const mails = Array.from({ length: 12 }, (_, i) => (i % 4 === 3 ? largeMail(100 + i, `Anfrage ${i}`) : smallMail(100 + i, `Anfrage ${i}`)));
    const ids = await Promise.all(mails.map((raw) => send(smtp.port, raw)));
    expect(new Set(ids).size).toBe(12);
    await queue.drain();
    const rows = await t.ctx.db.selectFrom('raw_mail').innerJoin('ticket', 'ticket.id', 'raw_mail.ticket_id').select(['raw_mail.id', 'ticket.title']).where('raw_mail.id', 'in', ids).execute();
    expect(rows.map((r) => r.title).sort()).toEqual(mails.map((_, i) => `Anfrage ${i}`).sort());
  });

  it('a system address an admin has just added takes mail at once; an unknown one is refused with 550', async () => {
    expect(await send(smtp.port, smallMail(300, 'Vor der neuen Adresse'))).toBeGreaterThan(0);
    await t.ctx.db.insertInto('system_address').values({ email: 'it-hilfe@uni-spree.de', display_name: 'IT-Hilfe' }).execute();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    try {
      const info = await transport.sendMail({ envelope: { from: 'relay@uni-spree.de', to: ['IT-Hilfe@uni-spree.de'] }, raw: smallMail(301, 'Neue Adresse') });
      expect(info.response).toMatch(/^250 /);
      await expect(transport.sendMail({ envelope: { from: 'relay@uni-spree.de', to: ['it-hilfe-alt@uni-spree.de'] }, raw: smallMail(302, 'Alte Adresse') })).rejects.toMatchObject({ responseCode: 550 });
    } finally {
      transport.close();
    }
  });

  it('when a large mail\'s file cannot be written only that sender hears 451; small mails arriving with it are stored', async () => {
    const broken: ServiceContext = { ...t.ctx, blobs: { put: async () => { throw new Error('ENOSPC: no space left on device'); }, get: t.ctx.blobs.get } };
    const brokenQueue = createIntakeQueue(broken, silent);
    const listener = await startMailListener({ ctx: broken, queue: brokenQueue, logger: silent, host: '127.0.0.1', port: 0 });
    try {
      const outcomes = await Promise.allSettled([send(listener.port, largeMail(200, 'Zu groß')), send(listener.port, smallMail(201, 'Klein 1')), send(listener.port, smallMail(202, 'Klein 2'))]);
      expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { responseCode: 451 } });
      expect(outcomes.slice(1).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
      await brokenQueue.drain();
      expect(await t.ctx.db.selectFrom('ticket').select('title').where('title', 'in', ['Klein 1', 'Klein 2', 'Zu groß']).orderBy('title').execute()).toEqual([{ title: 'Klein 1' }, { title: 'Klein 2' }]);
    } finally {
      await listener.close();
      brokenQueue.close();
    }
  });
});
