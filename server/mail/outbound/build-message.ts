import type Mail from 'nodemailer/lib/mailer/index.js';
import type { Clock, BlobStore } from '../../core/ports.ts';
import type { OutboxMailContent } from '../../core/outbox/outbox.types.ts';

/**
 * The nodemailer message of an outbox row: headers exactly as queued, attachments read
 * from the blob store, Date from the desk's clock.
 */
export async function buildMessage(mail: OutboxMailContent, deps: { blobs: BlobStore; clock: Clock }): Promise<Mail.Options> {
  const attachments: Mail.Attachment[] = [];
  for (const file of mail.attachments) {
    attachments.push({
      filename: file.filename,
      content: await deps.blobs.get(file.sha256),
      contentType: file.contentType,
      contentDisposition: file.isInline ? 'inline' : 'attachment',
      ...(file.contentId ? { cid: file.contentId.replace(/^<|>$/g, '') } : {}),
    });
  }
  return {
    from: mail.from,
    to: mail.to,
    cc: mail.cc ?? undefined,
    bcc: mail.bcc ?? undefined,
    subject: mail.subject,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo ?? undefined,
    references: mail.references ? mail.references.split(/\s+/).filter(Boolean) : undefined,
    date: deps.clock.now(),
    text: mail.text,
    html: mail.html ?? undefined,
    headers: mail.headers,
    attachments,
  };
}
