import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';

/**
 * The promise of intake: a message that got 250 is never lost and never doubled. A real
 * server process receives 600 mails over SMTP from 8 concurrent connections and is killed
 * with SIGKILL 20 times in a row at random moments, restarted each time; the sender retries
 * what was not acknowledged, as a mail server would.
 */
const TOTAL = 600;
const KILLS = 20;
const CLIENTS = 8;
const root = path.resolve(import.meta.dirname, '../..');


async function waitForPort(port: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`port ${port} did not open`);
}

describe('intake under SIGKILL', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-crash-'));
  let server: ChildProcess | null = null;
  afterAll(() => {
    server?.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`every acknowledged mail of ${TOTAL} is a ticket exactly once after ${KILLS} kills`, async () => {
    const smtpPort = await freePort();
    let starts = 0;
    const start = async () => {
      server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), SMTP_PORT: String(smtpPort), LOG_LEVEL: 'silent', TICKETWERK_ADMIN_PASSWORD: 'crash-test-password' },
        stdio: 'ignore',
      });
      await waitForPort(smtpPort);
      starts++;
    };
    await start();

    const acknowledged = new Set<number>();
    const killAt = new Set(Array.from({ length: KILLS }, (_, i) => Math.floor(((i + 1) * TOTAL) / (KILLS + 1) + Math.random() * 20 - 10)));
    // Every send, the in-flight ones at a kill included; retries count again.
    let attempts = 0;
    let transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: CLIENTS });
    const pending = new Set<number>(Array.from({ length: TOTAL }, (_, i) => i));

    const sendOne = async (i: number) => {
      attempts++;
      try {
        await transport.sendMail({
          from: `student${i}@student.uni-spree.de`,
          to: 'ticketwerk@localhost',
          subject: `Anfrage ${i}`,
          text: `Bitte um Hilfe, Nummer ${i}.\n`,
          messageId: `<crash-${i}@student.uni-spree.de>`,
        });
        acknowledged.add(i);
        pending.delete(i);
      } catch {
        // Not acknowledged: retried later, as a mail server keeps it in its queue.
      }
    };

    while (pending.size > 0) {
      const batch = [...pending].slice(0, CLIENTS);
      await Promise.all(batch.map(sendOne));
      if ([...killAt].some((k) => k <= acknowledged.size)) {
        for (const k of [...killAt]) if (k <= acknowledged.size) killAt.delete(k);
        // Kill while the next batch is in flight, so some mails die mid-transfer or mid-processing.
        const inflight = [...pending].slice(0, CLIENTS).map(sendOne);
        await new Promise((r) => setTimeout(r, Math.random() * 30));
        const exited = new Promise((r) => server?.once('exit', r));
        server?.kill('SIGKILL');
        await exited;
        await Promise.allSettled(inflight);
        transport.close();
        await start();
        transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, pool: true, maxConnections: CLIENTS });
      }
    }
    transport.close();
    expect(acknowledged.size).toBe(TOTAL);
    // Some mails were sent again: the kills cut off their first attempt.
    expect(attempts).toBeGreaterThan(TOTAL);
    expect(starts).toBe(KILLS + 1);

    // Let the last start finish processing, then stop it gracefully and look at the database.
    const db = new SqliteDatabase(path.join(dataDir, 'ticketwerk.sqlite'), { readonly: true });
    const until = Date.now() + 60_000;
    while ((db.prepare("SELECT count(*) AS n FROM raw_mail WHERE status = 'received'").get() as { n: number }).n > 0 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
    }
    const rows = db.prepare("SELECT message_id, count(*) AS n FROM article WHERE message_id LIKE '<crash-%' GROUP BY message_id").all() as { message_id: string; n: number }[];
    const statuses = db.prepare('SELECT status, count(*) AS n FROM raw_mail GROUP BY status').all();
    db.close();
    server?.kill('SIGTERM');
    const counts = new Map(rows.map((r) => [r.message_id, r.n]));
    const missing = [...acknowledged].filter((i) => !counts.has(`<crash-${i}@student.uni-spree.de>`));
    const doubled = rows.filter((r) => r.n !== 1);
    expect(missing, `lost: ${missing.join(',')}; raw statuses ${JSON.stringify(statuses)}`).toEqual([]);
    expect(doubled).toEqual([]);
    expect(rows).toHaveLength(TOTAL);
  }, 480_000);
});
