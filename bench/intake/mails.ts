/**
 * The mails bench:intake sends: the mix of issue 6 (70 % 3 KB German text, 25 % 40 KB HTML,
 * 5 % 300 KB with a PDF), composed once into raw RFC 5322 bytes before anything is timed.
 */
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import { progressBar } from '../support/machine.ts';
import type { OutgoingMail } from '../support/smtp-load.ts';

/** The desk's address the mails go to (the bench makes it a system address). */
export const DESK_ADDRESS = 'support@uni-spree.de';

export const GERMAN = 'Hallo liebes RMZ-Team, seit heute Morgen komme ich nicht mehr in mein Postfach. Ich habe das Passwort im UniPort zurückgesetzt, aber Outlook fragt immer wieder danach. ';

/** One mail ready to send: the raw bytes, its envelope, and the Message-ID it carries. */
export type RawMail = OutgoingMail;

/** The mix of issue 6: 70 % 3 KB German text, 25 % 40 KB HTML, 5 % 300 KB with a PDF. */
export function makeMail(i: number): { from: string; subject: string; text?: string; html?: string; attachments?: { filename: string; content: Buffer }[]; messageId: string } {
  const base = { from: `student${i % 500}@student.uni-spree.de`, subject: `Anfrage ${i}: Postfach gesperrt`, messageId: `<bench-${i}-${randomBytes(4).toString('hex')}@uni-spree.de>` };
  const kind = i % 20;
  if (kind < 14) return { ...base, text: GERMAN.repeat(20).slice(0, 3000) };
  if (kind < 19) return { ...base, html: `<html><body>${`<p style="color:#333">${GERMAN}</p>`.repeat(220).slice(0, 40_000)}</body></html>` };
  return { ...base, text: GERMAN.repeat(5), attachments: [{ filename: 'Bescheinigung.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(220_000)]) }] };
}

/** Composes `count` mails of the mix into raw bytes (nodemailer's stream transport, no network). */
export async function buildRawMails(count: number): Promise<RawMail[]> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const progress = progressBar('composing mails');
  const mails: RawMail[] = [];
  for (let i = 0; i < count; i++) {
    const mail = makeMail(i);
    const info = await transport.sendMail({ to: DESK_ADDRESS, ...mail });
    mails.push({ messageId: mail.messageId, from: mail.from, to: DESK_ADDRESS, raw: info.message as Buffer });
    progress(i + 1, count);
  }
  return mails;
}
