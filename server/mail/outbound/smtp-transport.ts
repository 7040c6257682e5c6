import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** Sends one message through the relay; resolves with the relay's answer. */
export interface SmtpSender {
  send(message: Mail.Options): Promise<{ response: string; rejected: string[] }>;
  close(): void;
}

/**
 * A nodemailer SMTP transport for SMTP_URL (smtp:// with STARTTLS when offered, smtps://
 * for implicit TLS, user:password@ for AUTH). Timeouts are bounded so a hanging relay cannot
 * hold a message longer than the worker's lease.
 */
export function createSmtpSender(smtpUrl: string): SmtpSender {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 120_000,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(message) {
      const info = await transport.sendMail(message);
      return { response: String(info.response ?? ''), rejected: (info.rejected ?? []).map((r: string | { address: string }) => (typeof r === 'string' ? r : r.address)) };
    },
    close: () => transport.close(),
  };
}
