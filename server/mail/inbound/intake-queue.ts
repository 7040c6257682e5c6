import type { ServiceContext } from '../../core/context.ts';
import type { Logger } from '../../core/ports.ts';
import { processRawMail } from '../../core/mail-intake/mail-intake.service.ts';
import { listUnprocessedRawMailIds } from '../../core/mail-intake/raw-mail.service.ts';

/** Processes stored mails one after another, in the order they were acknowledged. */
export interface IntakeQueue {
  /** Adds a stored mail; processing starts at once if the queue is idle. */
  push(rawMailId: number): void;
  /** Picks up mails that were acknowledged but not processed (after a crash or restart). */
  recover(): Promise<number>;
  /** Resolves when everything pushed so far is processed. */
  drain(): Promise<void>;
}

/**
 * One serial worker per process: processing is a database transaction, and running them one
 * at a time keeps SQLite free of lock waits while listeners keep acknowledging in parallel.
 * A failed run leaves the mail "received"; the next recover() retries it.
 */
export function createIntakeQueue(ctx: ServiceContext, logger: Logger): IntakeQueue {
  const pending: number[] = [];
  const queued = new Set<number>();
  let running: Promise<void> | null = null;

  async function run(): Promise<void> {
    while (pending.length > 0) {
      const id = pending.shift() as number;
      queued.delete(id);
      try {
        const result = await processRawMail(ctx, id);
        if (result.status === 'failed') logger.warn({ rawMailId: id }, 'mail could not be parsed; stored and filed in Postmaster');
      } catch (error) {
        logger.error({ rawMailId: id, err: error }, 'mail processing failed; it stays stored and will be retried');
      }
    }
  }

  const kick = () => {
    running ??= run().finally(() => {
      running = null;
      if (pending.length > 0) kick();
    });
  };

  return {
    push(rawMailId) {
      if (queued.has(rawMailId)) return;
      queued.add(rawMailId);
      pending.push(rawMailId);
      kick();
    },
    async recover() {
      const ids = await listUnprocessedRawMailIds(ctx, 10_000);
      ids.forEach((id) => this.push(id));
      return ids.length;
    },
    async drain() {
      while (running) await running;
    },
  };
}
