import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import type { Logger } from '../../server/core/ports.ts';
import { receiveRawMails } from '../../server/core/mail-intake/raw-mail.service.ts';
import { startIntakeThread, type IntakeThread } from '../../server/mail/inbound/intake-thread.ts';
import { startMailListener, type MailListener } from '../../server/mail/inbound/smtp-listener.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The server runs intake (accept commits, parsing, tickets, auto-responses) in a worker thread
 * of its own with its own database connection; the listener on the main thread only speaks SMTP.
 */
describe.each(dialects)('mail intake in its own thread on %s', (dialect) => {
  let t: TestDatabase;
  let thread: IntakeThread | null = null;
  let listener: MailListener | null = null;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    await t.ctx.db.insertInto('system_address').values({ email: 'support@uni-spree.de', display_name: 'RMZ Service Desk' }).execute();
  });
  afterEach(async () => {
    await listener?.close();
    await thread?.close();
    listener = thread = null;
    await t.destroy();
  });

  const start = async (restartDelayMs = 50, options: { stallAfterMs?: number; logger?: Logger } = {}) => {
    const config = loadConfig({ DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl ?? '', LOG_LEVEL: 'silent' });
    const intake = await startIntakeThread(config, options.logger ?? silent, { restartDelayMs, stallAfterMs: options.stallAfterMs });
    thread = intake;
    listener = await startMailListener({ ctx: t.ctx, queue: intake.queue, batcher: intake.batcher, logger: silent, host: '127.0.0.1', port: 0 });
    return { intake, port: listener.port };
  };
  const send = (port: number, subject: string) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    return transport.sendMail({ from: 'lena.vogt@student.uni-spree.de', to: 'support@uni-spree.de', subject, text: `${subject}\nViele Grüße\nLena` }).finally(() => transport.close());
  };
  const titles = async () => (await t.ctx.db.selectFrom('ticket').select('title').orderBy('title').execute()).map((row) => row.title);
  // A replacement thread starts within seconds (its delay, loading the code).
  const patiently = { timeout: 10_000, interval: 50 };

  it('mails sent over SMTP are stored before their 250 and are tickets once the thread is closed', async () => {
    const { intake, port } = await start();
    const answers = await Promise.all(['Drucker', 'Eduroam', 'Moodle', 'Passwort', 'VPN'].map((subject) => send(port, `${subject} geht nicht`)));
    for (const info of answers) expect(info.response).toMatch(/^250 2\.0\.0 Stored as \d+/);
    // close() finishes the mails in hand before the thread ends.
    await intake.close();
    expect(await titles()).toEqual(['Drucker geht nicht', 'Eduroam geht nicht', 'Moodle geht nicht', 'Passwort geht nicht', 'VPN geht nicht']);
    const statuses = await t.ctx.db.selectFrom('raw_mail').select('status').execute();
    expect(statuses.map((row) => row.status)).toEqual(['processed', 'processed', 'processed', 'processed', 'processed']);
  });

  it('a thread that ends is replaced: meanwhile senders hear 451, then the new thread takes mail and processes what was left', async () => {
    const { intake, port } = await start(1500);
    // Stored but not yet processed when the thread ends, as after a crash mid-batch.
    await receiveRawMails(t.ctx, [{ raw: Buffer.from('From: lena.vogt@student.uni-spree.de\r\nTo: support@uni-spree.de\r\nSubject: Liegen geblieben\r\n\r\nHallo\r\n'), source: 'smtp 127.0.0.1', trusted: false }]);

    const running = intake.worker();
    expect(running).not.toBeNull();
    await running?.terminate();
    await expect(send(port, 'Während des Neustarts')).rejects.toMatchObject({ responseCode: 451 });

    await vi.waitFor(() => expect(intake.worker()).not.toBeNull(), patiently);
    const info = await send(port, 'Nach dem Neustart');
    expect(info.response).toMatch(/^250 /);
    await intake.queue.drain();
    await vi.waitFor(async () => expect(await titles()).toHaveLength(2), patiently);
    expect(await titles()).toEqual(['Liegen geblieben', 'Nach dem Neustart']);
  });

  it.runIf(dialect === 'sqlite')('a thread that stops answering is ended and replaced, and the next mail becomes a ticket', async () => {
    const errors: string[] = [];
    const logger: Logger = { ...silent, error: (_obj, msg) => void errors.push(msg ?? '') };
    const { intake, port } = await start(50, { stallAfterMs: 500, logger });
    const stuck = intake.worker();

    // Another process holds SQLite's write lock: the thread's accept commit waits for it
    // synchronously (the busy timeout), and the thread answers nothing meanwhile.
    const other = new SqliteDatabase(path.join(t.dataDir, 'ticketwerk.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    const first = send(port, 'Während der Sperre').then(
      () => 'stored',
      (error: { responseCode?: number }) => error.responseCode,
    );
    await vi.waitFor(() => expect(errors.some((msg) => msg.includes('has not answered'))).toBe(true), patiently);
    other.exec('ROLLBACK');
    other.close();
    // Ended while its commit waited: the sender hears 451 and would retry.
    expect(await first).toBe(451);

    await vi.waitFor(() => expect([null, stuck]).not.toContain(intake.worker()), patiently);
    const info = await send(port, 'Nach der Sperre');
    expect(info.response).toMatch(/^250 /);
    await intake.queue.drain();
    expect(await titles()).toContain('Nach der Sperre');
  });
});
