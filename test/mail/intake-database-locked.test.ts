import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIntakeQueue, type IntakeQueue } from '../../server/mail/inbound/intake-queue.ts';
import { startMailListener, type MailListener } from '../../server/mail/inbound/smtp-listener.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The database locked by another process (a backup holding a write lock, a stuck admin
 * session) for longer than SQLite's busy timeout: intake must answer 451 so the sending mail
 * server keeps the message and retries, and the retry after the lock is gone is stored once.
 */
describe('SMTP intake while the SQLite database is locked', () => {
  let t: TestDatabase;
  let queue: IntakeQueue;
  let smtp: MailListener;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
    await t.ctx.db.insertInto('system_address').values({ email: 'support@uni-spree.de', display_name: 'RMZ Service Desk' }).execute();
    queue = createIntakeQueue(t.ctx, silent);
    smtp = await startMailListener({ ctx: t.ctx, queue, logger: silent, host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await smtp.close();
    await queue.drain();
    await t.destroy();
  });

  it('answers 451 while locked, and the retry afterwards becomes exactly one ticket', async () => {
    const locker = new SqliteDatabase(path.join(t.dataDir, 'ticketwerk.sqlite'));
    locker.exec('BEGIN EXCLUSIVE');
    const mail = { from: 'lea.wolf@student.uni-spree.de', to: 'support@uni-spree.de', subject: 'Prüfungsanmeldung gesperrt', text: 'Ich komme nicht in die Prüfungsanmeldung.', messageId: '<locked-1@student.uni-spree.de>' };
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    try {
      await expect(transport.sendMail(mail)).rejects.toMatchObject({ responseCode: 451 });
    } finally {
      locker.exec('ROLLBACK');
      locker.close();
    }
    const info = await transport.sendMail(mail);
    transport.close();
    expect(info.accepted).toEqual(['support@uni-spree.de']);
    await queue.drain();
    const articles = await t.ctx.db.selectFrom('article').select('ticket_id').where('message_id', '=', '<locked-1@student.uni-spree.de>').execute();
    expect(articles).toHaveLength(1);
  }, 60_000);
});
