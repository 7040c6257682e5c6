import type { ParsedMail } from './parsed-mail.ts';

/** A delivery status notification about a mail we sent. */
export interface Bounce {
  /** Message-ID of the mail that could not be delivered. */
  originalMessageId: string | null;
  /** The reporting server's words (Diagnostic-Code or Status), for the agent. */
  reason: string;
}

/**
 * Recognises an RFC 3464 delivery report (multipart/report; report-type=delivery-status)
 * and finds the Message-ID of the bounced mail in its returned headers.
 */
export function detectBounce(mail: ParsedMail): Bounce | null {
  const contentType = (mail.headers.get('content-type')?.[0] ?? '').toLowerCase();
  const isReport = contentType.startsWith('multipart/report') && contentType.includes('delivery-status');
  const status = mail.attachments.find((a) => a.contentType.toLowerCase() === 'message/delivery-status');
  if (!isReport && !status) return null;
  const statusText = status?.content.toString('utf8') ?? '';
  // Only failures are bounces; "delayed" or "delivered" reports are not. A report without a
  // readable status part is treated as a failure so it is attached where it belongs.
  const failed = statusText ? /^Action:\s*failed/im.test(statusText) : isReport;
  if (!failed) return null;
  const diagnostic = statusText.match(/^Diagnostic-Code:\s*(?:smtp;\s*)?(.+(?:\n[ \t].+)*)/im)?.[1]?.replace(/\s+/g, ' ').trim();
  const code = statusText.match(/^Status:\s*([\d.]+)/im)?.[1];
  const returned = mail.attachments.find((a) => ['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers'].includes(a.contentType.toLowerCase()));
  const headerText = returned?.content.toString('utf8').split(/\r?\n\r?\n/)[0] ?? '';
  const originalMessageId = headerText.match(/^Message-ID:\s*(<[^>]+>)/im)?.[1] ?? null;
  return { originalMessageId, reason: diagnostic ?? (code ? `Status ${code}` : 'Delivery failed') };
}
