/**
 * Sends prepared raw mails over SMTP through a pool of connections, as a relay would: the
 * client only streams bytes (no MIME composition), and records when each mail got its 250.
 */
import nodemailer from 'nodemailer';
import { progressBar } from './machine.ts';

/** What to send: the exact bytes and the envelope. */
export interface OutgoingMail {
  messageId: string;
  from: string;
  to: string;
  raw: Buffer;
}

export interface SendResult {
  /** Date.now() just before the first mail was handed to the pool. */
  startedAt: number;
  /** Date.now() of the last 250. */
  lastAcceptedAt: number;
  /** Date.now() of each 250, by Message-ID. */
  acceptedAt: Map<string, number>;
  /** Mails the server did not accept, with its answer. */
  rejected: { messageId: string; error: string }[];
}

/** Sends every mail to host:port over `connections` pooled SMTP connections. */
export async function sendRawMails(options: { host: string; port: number; connections: number; mails: OutgoingMail[] }): Promise<SendResult> {
  const { mails } = options;
  const transport = nodemailer.createTransport({ host: options.host, port: options.port, secure: false, ignoreTLS: true, pool: true, maxConnections: options.connections, maxMessages: Infinity });
  const acceptedAt = new Map<string, number>();
  const rejected: SendResult['rejected'] = [];
  const progress = progressBar('sending over SMTP');
  let next = 0;
  let done = 0;
  const startedAt = Date.now();
  let lastAcceptedAt = startedAt;
  try {
    // Twice as many senders as connections, so each connection has the next mail waiting.
    await Promise.all(
      Array.from({ length: options.connections * 2 }, async () => {
        while (next < mails.length) {
          const mail = mails[next++] as OutgoingMail;
          try {
            await transport.sendMail({ envelope: { from: mail.from, to: mail.to }, raw: mail.raw });
            lastAcceptedAt = Date.now();
            acceptedAt.set(mail.messageId, lastAcceptedAt);
          } catch (error) {
            rejected.push({ messageId: mail.messageId, error: error instanceof Error ? error.message : String(error) });
          }
          progress(++done, mails.length);
        }
      }),
    );
  } finally {
    transport.close();
  }
  return { startedAt, lastAcceptedAt, acceptedAt, rejected };
}
