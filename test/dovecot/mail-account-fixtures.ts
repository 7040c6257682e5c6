import { randomBytes } from 'node:crypto';
import { createMailAccount } from '../../server/core/mail-accounts/mail-account.service.ts';
import type { MailAccountInput } from '../../server/core/mail-accounts/mail-account.types.ts';
import type { ServiceContext } from '../../server/core/context.ts';
import type { MailIntake, MailAccountPollerOptions } from '../../server/mail/inbound/mail-account-poller.ts';
import type { Logger } from '../../server/core/ports.ts';
import type { DovecotServer } from '../support/dovecot.ts';
import { system } from '../support/factories.ts';

export const quietLogger: Logger & { errors: object[] } = { errors: [], info() {}, warn() {}, error(obj) { this.errors.push(obj); } };

/** A test mail with CRLF line ends (as IMAP and POP3 hand messages out), 8-bit text and lines starting with a dot. */
export function testMail(n: number, tag = randomBytes(3).toString('hex')): Buffer {
  return Buffer.concat([
    Buffer.from(`From: Sam Student <sam@student.uni-spree.de>\r\nTo: support@uni-spree.de\r\nSubject: Request ${n} ${tag}\r\nMessage-ID: <${tag}.${n}@student.uni-spree.de>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n`),
    Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x0d, 0x0a]),
    Buffer.from(`.a line starting with a dot\r\n..two dots\r\n.\r\nrequest ${n}\r\n`),
  ]);
}

/** A mailbox user with a unique login. */
export function newMailbox(dovecot: DovecotServer): { login: string; password: string } {
  return dovecot.newMailbox();
}

/** A mail account on the test Dovecot (plain text on loopback). */
export async function buildMailAccount(ctx: ServiceContext, dovecot: DovecotServer, mailbox: { login: string; password: string }, overrides: Partial<MailAccountInput> = {}) {
  const protocol = overrides.protocol ?? 'imap';
  return createMailAccount(ctx, system, {
    protocol,
    host: '127.0.0.1',
    port: protocol.startsWith('imap') ? dovecot.imapPort : dovecot.pop3Port,
    security: 'none',
    login: mailbox.login,
    password: mailbox.password,
    ...overrides,
  });
}

/** A stand-in intake that records what it got; `check` runs before a receive resolves. */
export function recordingIntake(options: { failOn?: (n: number) => boolean; check?: (raw: Buffer, n: number) => Promise<void> } = {}) {
  const received: Buffer[] = [];
  const processed: number[] = [];
  let calls = 0;
  const intake: MailIntake = {
    async receive(_ctx, input) {
      calls += 1;
      await options.check?.(input.raw, calls);
      if (options.failOn?.(calls)) throw new Error('disk full');
      received.push(input.raw);
      return { rawMailId: 1000 + received.length, duplicate: false };
    },
    async process(_ctx, rawMailId) {
      processed.push(rawMailId);
    },
  };
  return { intake, received, processed, calls: () => calls };
}

/** Poller options for tests: no timer, short time-outs. */
export function pollerOptions(ctx: ServiceContext, intake: MailIntake, extra: Partial<MailAccountPollerOptions> = {}): MailAccountPollerOptions {
  return { ctx, logger: quietLogger, intake, tickSeconds: 0, timeoutMs: 5000, ...extra };
}

/** Subjects of the messages in a folder, with whether each is \Seen. */
export async function folderState(dovecot: DovecotServer, mailbox: { login: string; password: string }, folder = 'INBOX'): Promise<{ subject: string; seen: boolean }[]> {
  const client = await dovecot.open(mailbox.login, mailbox.password);
  try {
    await client.mailboxCreate(folder).catch(() => undefined);
    const lock = await client.getMailboxLock(folder);
    try {
      const result: { subject: string; seen: boolean }[] = [];
      if (typeof client.mailbox === 'object' && client.mailbox.exists === 0) return result;
      for await (const message of client.fetch('1:*', { envelope: true, flags: true })) {
        result.push({ subject: message.envelope?.subject ?? '', seen: message.flags?.has('\\Seen') ?? false });
      }
      return result;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}
