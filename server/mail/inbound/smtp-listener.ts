import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { ServiceContext } from '../../core/context.ts';
import type { Logger } from '../../core/ports.ts';
import { createAcceptBatcher, type AcceptBatcher } from './accept-batcher.ts';
import type { IntakeQueue } from './intake-queue.ts';
import { createRecipientCheck } from './recipient-check.ts';

/** Options of one listener. */
export interface ListenerOptions {
  ctx: ServiceContext;
  queue: IntakeQueue;
  /** Stores messages before their 250; default: on this thread with `ctx` (the server passes its intake thread's). */
  batcher?: AcceptBatcher;
  logger: Logger;
  host: string;
  port: number;
  /** LMTP (for Postfix's lmtp transport) instead of SMTP. */
  lmtp?: boolean;
}

/** A running listener. */
export interface MailListener {
  port: number;
  close(): Promise<void>;
}

class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Receives mail for the desk's system addresses over SMTP or LMTP. The raw message is
 * committed (its row written, a large one's blob fsync'ed first) before the client hears 250,
 * together with the messages other sessions finished meanwhile (accept-batcher.ts); if that
 * fails the client hears 451 and retries later, so an acknowledged message is never lost.
 */
export async function startMailListener(options: ListenerOptions): Promise<MailListener> {
  const { ctx, queue, logger } = options;
  const protocol = options.lmtp ? 'lmtp' : 'smtp';
  const batcher = options.batcher ?? createAcceptBatcher(ctx);
  const isSystemAddress = createRecipientCheck(ctx);
  const settings: SMTPServerOptions = {
    lmtp: options.lmtp ?? false,
    banner: 'Ticketwerk mail intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: ctx.settings.maxMailBytes,
    rejectOversized: true,
    logger: false,
    async onRcptTo(address, _session, callback) {
      try {
        const known = await isSystemAddress(address.address);
        callback(known ? undefined : new SmtpReply(550, `5.1.1 <${address.address}>: no such mailbox here`));
      } catch (error) {
        logger.error({ err: error }, `${protocol}: recipient check failed`);
        callback(new SmtpReply(451, '4.3.0 Temporary failure, please try again later'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(new SmtpReply(552, '5.3.4 Message too big'));
        const raw = Buffer.concat(chunks);
        const clientAddress = session.remoteAddress ?? '';
        batcher
          .accept({ raw, source: `${protocol} ${clientAddress}`.trim(), clientAddress })
          .then(({ rawMailId }) => {
            callback(null, `2.0.0 Stored as ${rawMailId}`);
            queue.push(rawMailId);
          })
          .catch((error: unknown) => {
            // Disk full, database locked …: the sender keeps the message and retries.
            logger.error({ err: error }, `${protocol}: could not store a message`);
            callback(new SmtpReply(451, '4.3.0 Temporary failure storing the message, please try again later'));
          });
      });
    },
  };
  const server = new SMTPServer(settings);
  server.on('error', (error) => logger.error({ err: error }, `${protocol} listener error`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
