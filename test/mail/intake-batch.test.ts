import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareRawMail, processPreparedMails, type PreparedMail } from '../../server/core/mail-intake/intake-batch.ts';
import { parseMail } from '../../server/core/mail-intake/parse-mail.ts';
import { INLINE_RAW_MAIL_MAX_BYTES, receiveRawMail } from '../../server/core/mail-intake/raw-mail.service.ts';
import { createIntakeQueue } from '../../server/mail/inbound/intake-queue.ts';
import { createParsePool, type ParsePool } from '../../server/mail/inbound/parse-pool.ts';
import { createTestDatabase, dialects, type TestDatabase } from '../support/test-db.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/mail');
const silent = { info: () => {}, warn: () => {}, error: () => {} };

function rawMail(n: number, subject: string): Buffer {
  return Buffer.from(
    `From: Student ${n} <student${n}@student.uni-spree.de>\r\nTo: support@uni-spree.de\r\nSubject: ${subject}\r\n` +
      `Message-ID: <batch-${n}-${subject.length}@student.uni-spree.de>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo, ${subject}.\r\n`,
  );
}

/** Makes the database refuse to mark a mail whose Message-ID is LIKE `pattern` as processed. */
async function refuseToMarkProcessed(t: TestDatabase, dialect: string, pattern: string): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`CREATE TRIGGER poison_mail BEFORE UPDATE ON raw_mail WHEN NEW.status = 'processed' AND NEW.message_id LIKE ${sql.lit(pattern)} BEGIN SELECT RAISE(ABORT, 'refused'); END`.execute(t.ctx.db);
    return;
  }
  await sql`CREATE FUNCTION poison_mail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`.execute(t.ctx.db);
  await sql`CREATE TRIGGER poison_mail BEFORE UPDATE ON raw_mail FOR EACH ROW WHEN (NEW.status = 'processed' AND NEW.message_id LIKE ${sql.lit(pattern)}) EXECUTE FUNCTION poison_mail()`.execute(t.ctx.db);
}

async function dropRefusal(t: TestDatabase, dialect: string): Promise<void> {
  if (dialect === 'sqlite') {
    await sql`DROP TRIGGER poison_mail`.execute(t.ctx.db);
    return;
  }
  await sql`DROP TRIGGER poison_mail ON raw_mail`.execute(t.ctx.db);
  await sql`DROP FUNCTION poison_mail()`.execute(t.ctx.db);
}

/** The test database, counting the transactions begun on it. */
function countingTransactions(t: TestDatabase) {
  let count = 0;
  const db = new Proxy(t.ctx.db, {
    get(target, key, receiver) {
      if (key === 'transaction') return () => (count++, target.transaction());
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db, transactions: () => count };
}

async function statusOf(t: TestDatabase, id: number) {
  return t.ctx.db.selectFrom('raw_mail').select(['status', 'ticket_id', 'error']).where('id', '=', id).executeTakeFirstOrThrow();
}

/** Stores the mails numbered `from` up to (not including) `to`, as SMTP would; their raw mail ids. */
async function storeMails(t: TestDatabase, from: number, to: number, subject: string): Promise<number[]> {
  const ids: number[] = [];
  for (let n = from; n < to; n++) ids.push((await receiveRawMail(t.ctx, { raw: rawMail(n, `${subject} ${n}`), source: 'smtp 127.0.0.1' })).rawMailId);
  return ids;
}

/** Reads and parses stored mails as the intake queue does before a batch. */
async function prepareAll(t: TestDatabase, ids: number[]): Promise<PreparedMail[]> {
  return (await Promise.all(ids.map((id) => prepareRawMail(t.ctx, id)))) as PreparedMail[];
}

describe.each(dialects)('mail intake in batches (%s)', (dialect) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase(dialect);
  });
  afterAll(async () => {
    await t.destroy();
  });

  it('one mail that breaks while being written costs only itself: the others of its transaction become tickets', async () => {
    const ids = [];
    for (const [n, subject] of ['WLAN im Wohnheim', 'Drucker in der Bibliothek', 'VPN bricht ab'].entries()) {
      ids.push((await receiveRawMail(t.ctx, { raw: rawMail(n, subject), source: 'smtp 127.0.0.1' })).rawMailId);
    }
    const prepared = await prepareAll(t, ids);
    // The middle mail's attachment is not bytes at all: writing it fails inside the batch.
    const broken = prepared[1] as PreparedMail & { parsed: { mail: { attachments: unknown[] } } };
    broken.parsed.mail.attachments = [{ filename: 'x.bin', contentType: 'application/octet-stream', content: 42, contentId: null, isInline: false }];

    const { results, rest } = await processPreparedMails(t.ctx, prepared);

    expect(rest).toEqual([]);
    expect(results.map((r) => r.status)).toEqual(['processed', 'failed', 'processed']);
    const titles = await t.ctx.db.selectFrom('ticket').select(['id', 'title', 'queue_id']).where('id', 'in', results.map((r) => r.ticketId as number)).execute();
    expect(titles.map((row) => row.title).sort()).toEqual(['WLAN im Wohnheim', 'VPN bricht ab', `Unreadable mail (raw mail ${ids[1]})`].sort());
    // The broken mail left nothing half-written: its only ticket is the Postmaster one with the original.
    const failed = await statusOf(t, ids[1] as number);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/^Processing failed/);
    expect(await t.ctx.db.selectFrom('ticket').select('id').where('title', '=', 'Drucker in der Bibliothek').execute()).toHaveLength(0);
  });

  it('a mail that fails after its ticket was written leaves no history or event behind; the others of its batch keep theirs', async () => {
    // The database refuses to mark the second mail processed: the last step, after its ticket, history and events
    // (at the batch's end at first, then, when the batch runs again one by one, in the mail's own savepoint).
    await refuseToMarkProcessed(t, dialect, '%<batch-21-%');
    try {
      const subjects = ['Mensa-Karte gesperrt', 'Campus-Karte verloren', 'Eduroam am Laptop'];
      const ids = [];
      for (const [n, subject] of subjects.entries()) ids.push((await receiveRawMail(t.ctx, { raw: rawMail(20 + n, subject), source: 'smtp 127.0.0.1' })).rawMailId);
      const before = await t.ctx.db.selectFrom('ticket').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
      const prepared = await prepareAll(t, ids);

      const { results } = await processPreparedMails(t.ctx, prepared);

      expect(results.map((r) => r.status)).toEqual(['processed', 'failed', 'processed']);
      const tickets = await t.ctx.db.selectFrom('ticket').select(['id', 'title']).where('id', '>', Number(before.max ?? 0)).orderBy('id').execute();
      // The failed mail is filed in Postmaster at once, before the next mail of the batch.
      expect(tickets.map((row) => row.title)).toEqual(['Mensa-Karte gesperrt', `Unreadable mail (raw mail ${ids[1]})`, 'Eduroam am Laptop']);
      const history = await t.ctx.db.selectFrom('ticket_history').select(['ticket_id', 'history_type']).where('ticket_id', '>', Number(before.max ?? 0)).orderBy('id').execute();
      const events = await t.ctx.db.selectFrom('ticket_event').select(['ticket_id', 'name']).where('ticket_id', '>', Number(before.max ?? 0)).orderBy('id').execute();
      // Every row belongs to a ticket that exists, in the order the changes happened.
      expect(new Set(history.map((h) => h.ticket_id))).toEqual(new Set(tickets.map((row) => row.id)));
      expect(history.filter((h) => h.history_type === 'NewTicket').map((h) => h.ticket_id)).toEqual(tickets.map((row) => row.id));
      expect(events.filter((e) => e.name === 'ticket.created').map((e) => e.ticket_id)).toEqual(tickets.map((row) => row.id));
      expect(events.every((e) => tickets.some((row) => row.id === e.ticket_id))).toBe(true);
    } finally {
      await dropRefusal(t, dialect);
    }
  });

  it('two copies of one message in the same batch make one article; senders who are customer users become the tickets\' customers', async () => {
    const now = t.clock.now().toISOString();
    const jana = await t.ctx.db.insertInto('customer_user').values({ login: 'jana.k', email: 'Jana.Krause@student.uni-spree.de', first_name: 'Jana', last_name: 'Krause', created_at: now, changed_at: now }).returning('id').executeTakeFirstOrThrow();
    const message = (relay: string, from: string, id: string) =>
      Buffer.from(`Received: from ${relay}.uni-spree.de\r\nFrom: ${from}\r\nTo: support@uni-spree.de\r\nSubject: Rückmeldung\r\nMessage-ID: <${id}@student.uni-spree.de>\r\n\r\nIch kann mich nicht zurückmelden.\r\n`);
    const raws = [message('mx1', 'jana.krause@student.uni-spree.de', 'copy-1'), message('mx2', 'jana.krause@student.uni-spree.de', 'copy-1'), message('mx1', 'unbekannt@example.org', 'other-1')];
    const ids = [];
    for (const raw of raws) ids.push((await receiveRawMail(t.ctx, { raw, source: 'smtp 127.0.0.1' })).rawMailId);
    const prepared = await prepareAll(t, ids);

    const { results } = await processPreparedMails(t.ctx, prepared);

    expect(results.map((r) => r.status)).toEqual(['processed', 'duplicate', 'processed']);
    expect(results[1]).toMatchObject({ ticketId: results[0]?.ticketId, articleId: results[0]?.articleId });
    const tickets = await t.ctx.db.selectFrom('ticket').select(['id', 'customer_user_id']).where('id', 'in', [results[0]?.ticketId as number, results[2]?.ticketId as number]).orderBy('id').execute();
    expect(tickets.map((row) => row.customer_user_id)).toEqual([jana.id, null]);
    expect(await t.ctx.db.selectFrom('article').select('id').where('ticket_id', '=', results[0]?.ticketId as number).where('sender_type', '=', 'customer').execute()).toHaveLength(1);
    // What admins see in the raw mail list: each mail's status, ticket and article, written together at the batch's end.
    const stored = await t.ctx.db.selectFrom('raw_mail').select(['id', 'status', 'error', 'ticket_id', 'article_id', 'message_id', 'attempts', 'processed_at']).where('id', 'in', ids).orderBy('id').execute();
    expect(stored.map((row) => [row.status, row.ticket_id, row.article_id, row.attempts, row.error])).toEqual(
      results.map((r) => [r.status, r.ticketId, r.articleId, 1, null]),
    );
    expect(stored.map((row) => row.message_id)).toEqual(['<copy-1@student.uni-spree.de>', '<copy-1@student.uni-spree.de>', '<other-1@student.uni-spree.de>']);
    expect(stored.every((row) => new Date(row.processed_at as string).getTime() === t.clock.now().getTime())).toBe(true);
  });

  it('under load a transaction stops taking mails after its time budget and hands the rest back', async () => {
    const ids = await storeMails(t, 10, 16, 'Anfrage');
    const prepared = await prepareAll(t, ids);
    const first = await processPreparedMails(t.ctx, prepared, { budgetMs: 0 });
    expect(first.results).toHaveLength(1);
    expect(first.rest).toHaveLength(5);
    expect((await statusOf(t, ids[1] as number)).status).toBe('received');
    const second = await processPreparedMails(t.ctx, first.rest);
    expect(second.results.map((r) => r.status)).toEqual(Array(5).fill('processed'));
  });

  it('a batch that meets a locked database is not retried mail by mail: all stay "received" for the recovery', async () => {
    let transactions = 0;
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const db = new Proxy(t.ctx.db, {
      get(target, key, receiver) {
        if (key === 'transaction') {
          return () => ({ execute: async () => { transactions++; throw locked; } });
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const queue = createIntakeQueue({ ...t.ctx, db }, silent);
    const ids = await storeMails(t, 50, 54, 'Gesperrt');
    ids.forEach((id) => queue.push(id));
    await queue.drain();
    // One transaction for the batch (or two, if the first mail went alone), not one more per mail.
    expect(transactions).toBeLessThanOrEqual(2);
    for (const id of ids) expect((await statusOf(t, id)).status).toBe('received');
    const recovered = createIntakeQueue(t.ctx, silent);
    expect(await recovered.recover()).toBeGreaterThanOrEqual(4);
    await recovered.drain();
    for (const id of ids) expect((await statusOf(t, id)).status).toBe('processed');
  });

  it.runIf(dialect === 'sqlite')('a batch that finds the database locked by another writer is not run again mail by mail: all stay "received"', async () => {
    const ids = await storeMails(t, 60, 63, 'Sperre');
    const prepared = await prepareAll(t, ids);
    const { db, transactions } = countingTransactions(t);
    // Another process (the mail importer, a restore) holds the write lock for longer than the
    // busy timeout (shortened here, so that the test does not wait the server's 5 s).
    const other = new Database(path.join(t.dataDir, 'ticketwerk.sqlite'));
    other.exec('BEGIN IMMEDIATE');
    await sql`PRAGMA busy_timeout = 100`.execute(t.ctx.db);
    try {
      const outcome = await processPreparedMails({ ...t.ctx, db }, prepared).catch((error: unknown) => error);
      expect((outcome as { code?: string }).code).toBe('SQLITE_BUSY');
      // One attempt, not another one with a wait per mail of the batch.
      expect(transactions()).toBe(1);
    } finally {
      other.exec('ROLLBACK');
      other.close();
      await sql`PRAGMA busy_timeout = 5000`.execute(t.ctx.db);
    }
    for (const id of ids) expect((await statusOf(t, id)).status).toBe('received');
  });

  it.runIf(dialect === 'postgres')('a mail that meets a database going down inside its batch is not run again mail by mail: all stay "received"', async () => {
    const ids = await storeMails(t, 70, 73, 'Neustart');
    const prepared = await prepareAll(t, ids);
    const { db, transactions } = countingTransactions(t);
    // The second mail's ticket meets what PostgreSQL answers while it shuts down (57P01).
    await sql`CREATE FUNCTION shutting_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'terminating connection due to administrator command' USING ERRCODE = '57P01'; END $$`.execute(t.ctx.db);
    await sql`CREATE TRIGGER shutting_down BEFORE INSERT ON ticket FOR EACH ROW WHEN (NEW.title = 'Neustart 71') EXECUTE FUNCTION shutting_down()`.execute(t.ctx.db);
    try {
      const outcome = await processPreparedMails({ ...t.ctx, db }, prepared).catch((error: unknown) => error);
      expect((outcome as { code?: string }).code).toBe('57P01');
      // One attempt, not another one that would meet the outage once per mail.
      expect(transactions()).toBe(1);
    } finally {
      await sql`DROP TRIGGER shutting_down ON ticket`.execute(t.ctx.db);
      await sql`DROP FUNCTION shutting_down()`.execute(t.ctx.db);
    }
    for (const id of ids) expect((await statusOf(t, id)).status).toBe('received');
  });

  it('mails left "received" by a storage outage are written by the periodic recovery, without a restart or a new mail', async () => {
    let storageDown = true;
    const ctx = { ...t.ctx, blobs: { put: t.ctx.blobs.put, get: async (sha: string) => (storageDown ? Promise.reject(new Error('EIO: storage unreachable')) : t.ctx.blobs.get(sha)) } };
    const queue = createIntakeQueue(ctx, silent, { recoverEveryMs: 100 });
    try {
      // Large enough for the blob store (small mails are read from their database row).
      const raw = Buffer.concat([rawMail(30, 'Moodle-Kurs fehlt'), Buffer.alloc(INLINE_RAW_MAIL_MAX_BYTES, 'Anhang folgt. ')]);
      const { rawMailId } = await receiveRawMail(ctx, { raw, source: 'smtp 127.0.0.1' });
      queue.push(rawMailId);
      await queue.drain();
      expect((await statusOf(t, rawMailId)).status).toBe('received');
      storageDown = false;
      await expect.poll(async () => (await statusOf(t, rawMailId)).status, { timeout: 10_000 }).toBe('processed');
      await queue.drain();
      expect(await t.ctx.db.selectFrom('ticket').select('id').where('title', '=', 'Moodle-Kurs fehlt').execute()).toHaveLength(1);
    } finally {
      queue.close();
    }
  });
});

describe('parsing in worker threads', () => {
  let pool: ParsePool;
  beforeAll(() => {
    pool = createParsePool(silent, { size: 2 });
  });
  afterAll(async () => {
    await pool.close();
  });

  it('gives the same result as parsing on the main thread, attachments as bytes', async () => {
    for (const file of ['010-outlook-alternative.eml', '017-inline-image-cid.eml', '009-rfc2231-filename.eml']) {
      const raw = fs.readFileSync(path.join(FIXTURES, file));
      const [inWorker, here] = await Promise.all([pool.parse(raw), parseMail(raw)]);
      expect(inWorker, file).toEqual(here);
      for (const attachment of inWorker.attachments) expect(Buffer.isBuffer(attachment.content)).toBe(true);
    }
  });

  it('a parse that runs too long ends its thread; the mail is refused and a new thread parses the next one', async () => {
    const single = createParsePool(silent, { size: 1 });
    try {
      const big = Buffer.concat([rawMail(40, 'Sehr lange Mail'), Buffer.alloc(4_000_000, 'Lorem ipsum dolor sit amet. ')]);
      await expect(single.parse(big, 1)).rejects.toThrow(/longer than/);
      expect((await single.parse(rawMail(41, 'Kurz'))).subject).toBe('Kurz');
    } finally {
      await single.close();
    }
  });
});
