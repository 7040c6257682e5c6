/**
 * What bench:intake reads back from the server's database: when every accepted mail is
 * processed, and then per mail how long it took from the 250 to raw_mail.processed_at.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/schema.ts';
import { progressBar } from '../support/machine.ts';

export interface Outcome {
  /** raw_mail rows in the database. */
  rawMails: number;
  /** raw_mail rows by status (processed, failed, duplicate, ignored, received). */
  statuses: Record<string, number>;
  tickets: number;
  /** Auto-responses the server queued in the outbox (shows they were on). */
  autoResponses: number;
  /** Latest processed_at, in ms since the epoch. */
  lastProcessedAt: number;
  /** ms from the client's 250 to processed_at, per mail matched by Message-ID, sorted. */
  latencies: number[];
}

async function statusCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('raw_mail').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * Polls raw_mail every 50 ms until `expected` rows have left status "received". Fails with
 * the counts so far when `timeoutMs` passes or the server has stopped.
 */
export async function waitForProcessed(db: Kysely<Database>, expected: number, options: { timeoutMs: number; serverAlive: () => boolean; serverOutput: () => string }): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  const progress = progressBar('processing');
  for (;;) {
    const row = await db.selectFrom('raw_mail').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '!=', 'received').executeTakeFirstOrThrow();
    const done = Number(row.n);
    progress(Math.min(done, expected), expected);
    if (done >= expected) return;
    if (!options.serverAlive()) throw new Error(`The server stopped after processing ${done} of ${expected} mails:\n${options.serverOutput()}`);
    if (Date.now() > deadline) {
      const counts = JSON.stringify(await statusCounts(db));
      throw new Error(`Timed out after ${options.timeoutMs / 1000} s: ${done} of ${expected} mails processed (raw_mail by status: ${counts}). Server output:\n${options.serverOutput()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Reads the outcome once everything is processed. */
export async function readOutcome(db: Kysely<Database>, acceptedAt: Map<string, number>): Promise<Outcome> {
  const rows = await db.selectFrom('raw_mail').select(['message_id', 'processed_at']).execute();
  const latencies: number[] = [];
  let lastProcessedAt = 0;
  for (const row of rows) {
    if (!row.processed_at) continue;
    const processedAt = Date.parse(row.processed_at);
    lastProcessedAt = Math.max(lastProcessedAt, processedAt);
    const ackedAt = row.message_id ? acceptedAt.get(row.message_id) : undefined;
    if (ackedAt !== undefined) latencies.push(processedAt - ackedAt);
  }
  const tickets = await db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const autoResponses = await db.selectFrom('outbox_mail').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'auto_response').executeTakeFirstOrThrow();
  return { rawMails: rows.length, statuses: await statusCounts(db), tickets: Number(tickets.n), autoResponses: Number(autoResponses.n), lastProcessedAt, latencies: latencies.sort((a, b) => a - b) };
}

/** The p-th percentile of sorted values (nearest rank, as the other benches). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
