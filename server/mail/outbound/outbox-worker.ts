import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ServiceContext } from '../../core/context.ts';
import { claimDueMail, recordDelivered, recordDeliveryFailure } from '../../core/outbox/outbox-delivery.service.ts';
import type { OutboxMailContent } from '../../core/outbox/outbox.types.ts';
import type { Logger } from '../../core/ports.ts';
import { buildMessage } from './build-message.ts';
import { classifySmtpError } from './classify-smtp-error.ts';
import { createSmtpSender, type SmtpSender } from './smtp-transport.ts';

/** How the delivery worker runs. */
export interface OutboxWorkerOptions {
  ctx: ServiceContext;
  /** The relay (SMTP_URL). Without one, mail stays queued and readable in the outbox. */
  smtpUrl: string | undefined;
  logger: Logger;
  /** Pause between rounds; 0 starts no timer (tests call tick()). Default 10 s. */
  intervalMs?: number;
  /** Messages claimed per round. Default 10. */
  batchSize?: number;
  /** How long a claim holds before another worker may take the message over. Default 10 min. */
  leaseMinutes?: number;
  /** Identifies this worker in leases; unique per process by default. */
  workerId?: string;
}

/** What one round did. */
export interface TickResult {
  sent: number;
  retrying: number;
  failed: number;
}

/** A running worker. */
export interface OutboxWorker {
  /** Runs one round now (after any round in progress) and reports what it did. */
  tick(): Promise<TickResult>;
  /** Stops the timer, waits for the round in progress and closes the relay connection. */
  stop(): Promise<void>;
}

/**
 * Starts the outbox delivery worker: each round claims due messages with a lease, sends them
 * through the relay and records sent, retry (4xx, connection trouble) or failed (5xx, last
 * attempt) with the relay's answer. Any number of workers may run against one PostgreSQL.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const sender = options.smtpUrl ? createSmtpSender(options.smtpUrl) : null;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const intervalMs = options.intervalMs ?? 10_000;

  const round = async (): Promise<TickResult> => {
    const result: TickResult = { sent: 0, retrying: 0, failed: 0 };
    if (!sender) return result;
    const claimed = await claimDueMail(options.ctx, { workerId, limit: options.batchSize ?? 10, leaseMinutes: options.leaseMinutes ?? 10 });
    for (const mail of claimed) result[await deliver(options, sender, workerId, mail)]++;
    return result;
  };
  const tick = (): Promise<TickResult> => {
    const next = chain.then(round, round);
    chain = next.catch(() => undefined);
    return next;
  };
  const schedule = (): void => {
    if (stopped || intervalMs <= 0) return;
    timer = setTimeout(() => {
      tick()
        .catch((error: unknown) => options.logger.error({ err: error }, 'outbox round failed'))
        .finally(schedule);
    }, intervalMs);
  };
  if (!sender) options.logger.warn({}, 'SMTP_URL is not set: outgoing mail stays in the outbox');
  schedule();

  return {
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
      sender?.close();
    },
  };
}

async function deliver(options: OutboxWorkerOptions, sender: SmtpSender, workerId: string, mail: OutboxMailContent): Promise<keyof TickResult> {
  const { ctx, logger } = options;
  let message;
  try {
    message = await buildMessage(mail, ctx);
  } catch (error) {
    // Only a missing attachment blob gets here; no retry will bring it back.
    await recordDeliveryFailure(ctx, { id: mail.id, workerId, permanent: true, error: `cannot build the message: ${(error as Error).message}` });
    return 'failed';
  }
  try {
    const info = await sender.send(message);
    const response = info.rejected.length > 0 ? `${info.response} (rejected: ${info.rejected.join(', ')})` : info.response;
    if (!(await recordDelivered(ctx, { id: mail.id, workerId, response }))) logger.warn({ outboxId: mail.id }, 'sent, but the lease had passed to another worker');
    return 'sent';
  } catch (error) {
    const failure = classifySmtpError(error);
    const outcome = await recordDeliveryFailure(ctx, { id: mail.id, workerId, permanent: failure.permanent, error: failure.message });
    logger.warn({ outboxId: mail.id, error: failure.message, status: outcome?.status }, 'outgoing mail not delivered');
    return outcome?.status === 'queued' ? 'retrying' : 'failed';
  }
}
