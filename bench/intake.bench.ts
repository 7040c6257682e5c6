/**
 * Intake throughput: a realistic mix of raw mails sent over SMTP by 8 pooled connections into
 * the real listener (SQLite in a temp folder, filters and auto-responses on), until every mail
 * is a ticket. Prints the machine, two raw baselines measured in the same run (bare mailparser
 * parse rate of the same mails, bare SQLite insert rate), and the ratios, as a table and JSON.
 *
 *   npm run bench:intake -- --mails 1000
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { systemClock, type Logger } from '../server/core/ports.ts';
import type { ServiceContext } from '../server/core/context.ts';
import { connectDatabase } from '../server/db/connect.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { createIntakeQueue } from '../server/mail/inbound/intake-queue.ts';
import { startMailListener } from '../server/mail/inbound/smtp-listener.ts';
import { createFileBlobStore } from '../server/storage/file-blob-store.ts';

const { values } = parseArgs({ options: { mails: { type: 'string', default: '1000' }, connections: { type: 'string', default: '8' } } });
const TOTAL = Number(values.mails);
const CONNECTIONS = Number(values.connections);
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };

const GERMAN = 'Hallo liebes RMZ-Team, seit heute Morgen komme ich nicht mehr in mein Postfach. Ich habe das Passwort im UniPort zurückgesetzt, aber Outlook fragt immer wieder danach. ';

/** The mix of issue 6: 70 % 3 KB German text, 25 % 40 KB HTML, 5 % 300 KB with a PDF. */
function makeMail(i: number): { from: string; subject: string; text?: string; html?: string; attachments?: { filename: string; content: Buffer }[]; messageId: string } {
  const base = { from: `student${i % 500}@student.uni-spree.de`, subject: `Anfrage ${i}: Postfach gesperrt`, messageId: `<bench-${i}-${randomBytes(4).toString('hex')}@uni-spree.de>` };
  const kind = i % 20;
  if (kind < 14) return { ...base, text: GERMAN.repeat(20).slice(0, 3000) };
  if (kind < 19) return { ...base, html: `<html><body>${`<p style="color:#333">${GERMAN}</p>`.repeat(220).slice(0, 40_000)}</body></html>` };
  return { ...base, text: GERMAN.repeat(5), attachments: [{ filename: 'Bescheinigung.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(220_000)]) }] };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function rawMails(count: number): Promise<Buffer[]> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const out: Buffer[] = [];
  for (let i = 0; i < count; i++) out.push((await transport.sendMail({ to: 'support@uni-spree.de', ...makeMail(i) })).message as Buffer);
  return out;
}

async function parseBaseline(samples: Buffer[]): Promise<number> {
  const start = performance.now();
  for (const raw of samples) await simpleParser(raw);
  return samples.length / ((performance.now() - start) / 1000);
}

function insertBaseline(dir: string, count: number): number {
  const db = new SqliteDatabase(path.join(dir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  const start = performance.now();
  for (let i = 0; i < count; i++) insert.run(GERMAN);
  const rate = count / ((performance.now() - start) / 1000);
  db.close();
  return rate;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-bench-'));
  const samples = await rawMails(200);
  const parseRate = await parseBaseline(samples);
  const insertRate = insertBaseline(dir, 2000);

  const handle = connectDatabase({ sqliteFile: path.join(dir, 'ticketwerk.sqlite') });
  await migrateToLatest(handle.db);
  await handle.db.insertInto('system_address').values({ email: 'support@uni-spree.de', display_name: 'RMZ Service Desk' }).execute();
  const ctx: ServiceContext = {
    db: handle.db, clock: systemClock, blobs: createFileBlobStore(path.join(dir, 'blobs')),
    settings: { ticketNumberGenerator: 'DateChecksum', systemId: '10', ticketCounterMinSize: 5, ticketHook: 'Ticket#', timeZone: 'Europe/Berlin', autoResponseDailyLimit: 10, followUpSearchBody: false, maxMailBytes: 16 * 1024 * 1024 },
  };
  const queue = createIntakeQueue(ctx, silent);
  const listener = await startMailListener({ ctx, queue, logger: silent, host: '127.0.0.1', port: 0 });
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true, pool: true, maxConnections: CONNECTIONS, maxMessages: Infinity });

  const cpuStart = process.cpuUsage();
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  const ackAt = new Map<string, number>();
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS * 2 }, async () => {
      while (next < TOTAL) {
        const mail = makeMail(next++);
        await transport.sendMail({ to: 'support@uni-spree.de', ...mail });
        ackAt.set(mail.messageId, Date.now());
      }
    }),
  );
  const acceptedSeconds = (performance.now() - start) / 1000;
  await queue.drain();
  const seconds = (performance.now() - start) / 1000;
  clearInterval(rssTimer);
  const cpu = process.cpuUsage(cpuStart);
  transport.close();
  await listener.close();

  const rows = await handle.db.selectFrom('raw_mail').select(['message_id', 'processed_at', 'status']).execute();
  const latencies = rows.filter((r) => r.message_id && r.processed_at && ackAt.has(r.message_id)).map((r) => Date.parse(r.processed_at as string) - (ackAt.get(r.message_id as string) as number)).sort((a, b) => a - b);
  const tickets = Number((await handle.db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const rate = TOTAL / seconds;
  const result = {
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, database: 'sqlite (WAL, synchronous=FULL)' },
    mails: TOTAL, connections: CONNECTIONS, tickets,
    mailsPerSecond: Math.round(rate * 10) / 10,
    acceptedPerSecond: Math.round((TOTAL / acceptedSeconds) * 10) / 10,
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99) },
    cpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 10) / 10,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    baseline: { parsePerSecond: Math.round(parseRate), sqliteInsertsPerSecond: Math.round(insertRate) },
    ratio: { toParse: Math.round((rate / parseRate) * 1000) / 1000, toInsert: Math.round((rate / insertRate) * 1000) / 1000 },
  };
  console.table({
    'intake mails/s (250 → ticket)': result.mailsPerSecond,
    'accepted mails/s (250)': result.acceptedPerSecond,
    'p50 / p95 / p99 ms (250 → committed)': `${result.latencyMs.p50} / ${result.latencyMs.p95} / ${result.latencyMs.p99}`,
    'baseline: mailparser parses/s (same mix)': result.baseline.parsePerSecond,
    'baseline: SQLite single-row commits/s': result.baseline.sqliteInsertsPerSecond,
    'ratio to parse / to insert': `${result.ratio.toParse} / ${result.ratio.toInsert}`,
    'CPU seconds / peak RSS MiB': `${result.cpuSeconds} / ${result.peakRssMiB}`,
  });
  console.log(JSON.stringify(result));
}

await main();
