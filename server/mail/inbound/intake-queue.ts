import { ConfigCache } from '../../core/config-cache.ts';
import type { ServiceContext } from '../../core/context.ts';
import { isDatabaseUnavailable } from '../../core/errors.ts';
import type { Logger } from '../../core/ports.ts';
import { prepareRawMail, processPreparedMails, type MailParser, type PreparedMail } from '../../core/mail-intake/intake-batch.ts';
import type { IngestResult } from '../../core/mail-intake/process-parsed-mail.ts';
import { listUnprocessedRawMailIds } from '../../core/mail-intake/raw-mail.service.ts';

/** Processes stored mails in the order they were acknowledged. */
export interface IntakeQueue {
  /** Adds a stored mail; processing starts at once if the queue is idle. */
  push(rawMailId: number): void;
  /** Picks up mails that were acknowledged but not processed (after a crash, restart or outage). */
  recover(): Promise<number>;
  /** Resolves when everything pushed so far is processed. */
  drain(): Promise<void>;
  /** Stops the periodic recovery; mails in hand are still finished (see drain). */
  close(): void;
}

export interface IntakeQueueOptions {
  /** Parses raw mails, e.g. in worker threads (parse-pool.ts); default: on this thread. */
  parse?: MailParser;
  /** Most mails written in one transaction. */
  maxBatch?: number;
  /** A transaction takes no further mails after this long, so none waits long for its commit. */
  batchBudgetMs?: number;
  /** Looks for mails left "received" (e.g. by a database outage) this often; unset = only on recover(). */
  recoverEveryMs?: number;
}

type Prepared = PreparedMail | IngestResult | { rawMailId: number; error: unknown };

/**
 * One writer per process: mails are written one batch after another, so SQLite never waits
 * for its own lock, while listeners keep acknowledging. Under load a batch holds many mails in
 * one transaction (one disk flush for all); idle, a mail is written alone at once. The next
 * mails are read and parsed while a batch is written. A mail whose batch failed stays
 * "received" and is tried again alone, then by recover().
 */
export function createIntakeQueue(ctx: ServiceContext, logger: Logger, options: IntakeQueueOptions = {}): IntakeQueue {
  const maxBatch = options.maxBatch ?? 50;
  const budgetMs = options.batchBudgetMs ?? 25;
  const pending: number[] = [];
  // Ids in the queue or in hand, so a recover() meanwhile does not process a mail twice.
  const queued = new Set<number>();
  const ready: PreparedMail[] = [];
  const config = new ConfigCache();
  let running: Promise<void> | null = null;

  const prepare = (): Promise<Prepared[]> => {
    const ids = pending.splice(0, maxBatch);
    return Promise.all(ids.map((id) => prepareRawMail(ctx, id, { parse: options.parse }).catch((error: unknown) => ({ rawMailId: id, error }))));
  };

  const accept = (prepared: Prepared[]) => {
    for (const item of prepared) {
      if ('row' in item) ready.push(item);
      else {
        queued.delete(item.rawMailId);
        if ('error' in item) logger.error({ rawMailId: item.rawMailId, err: item.error }, 'a stored mail could not be read; it stays stored and will be retried');
      }
    }
  };

  const finish = (results: IngestResult[]) => {
    for (const result of results) {
      queued.delete(result.rawMailId);
      if (result.status === 'failed') logger.warn({ rawMailId: result.rawMailId }, 'mail could not be read; stored and filed in Postmaster');
    }
  };

  async function writeBatch(batch: PreparedMail[]): Promise<void> {
    try {
      const { results, rest } = await processPreparedMails(ctx, batch, { budgetMs, config });
      finish(results);
      ready.unshift(...rest);
    } catch (error) {
      // Alone, each mail would only wait out the same outage again (a busy timeout per mail);
      // they all stay "received" for recover().
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const mail of batch) queued.delete(mail.row.id);
        logger.error({ rawMailIds: batch.map((mail) => mail.row.id), err: error }, 'mail processing failed; the mails stay stored and will be retried');
        return;
      }
      // Alone, a mail that breaks even its Postmaster filing holds up only itself.
      for (const mail of batch) await writeBatch([mail]);
    }
  }

  async function run(): Promise<void> {
    let next: Promise<Prepared[]> | null = null;
    while (ready.length > 0 || pending.length > 0 || next) {
      if (ready.length < maxBatch && next) {
        accept(await next);
        next = null;
      } else if (ready.length < maxBatch && pending.length > 0) accept(await prepare());
      // Read and parse the next mails while this batch is written.
      if (!next && pending.length > 0) next = prepare();
      if (ready.length > 0) await writeBatch(ready.splice(0, maxBatch));
    }
  }

  const kick = () => {
    running ??= run().finally(() => {
      running = null;
      if (pending.length > 0) kick();
    });
  };

  const timer = options.recoverEveryMs
    ? setInterval(() => {
        if (running) return;
        queue.recover().catch((error: unknown) => logger.warn({ err: error }, 'looking for unprocessed mails failed; trying again later'));
      }, options.recoverEveryMs).unref()
    : null;

  const queue: IntakeQueue = {
    push(rawMailId) {
      if (queued.has(rawMailId)) return;
      queued.add(rawMailId);
      pending.push(rawMailId);
      kick();
    },
    async recover() {
      const ids = await listUnprocessedRawMailIds(ctx, 10_000);
      const fresh = ids.filter((id) => !queued.has(id));
      fresh.forEach((id) => queue.push(id));
      return fresh.length;
    },
    async drain() {
      while (running) await running;
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
  return queue;
}
