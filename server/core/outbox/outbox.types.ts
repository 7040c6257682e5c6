/** What an outgoing message is: the system's own mail carries Auto-Submitted, an agent's does not. */
export const OUTBOX_KINDS = ['agent_reply', 'auto_response', 'notification'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** Where a message is on its way out. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'bounced'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** A file of an outgoing message; the content stays in the blob store until the worker sends it. */
export interface OutboxAttachment {
  sha256: string;
  filename: string;
  contentType: string;
  contentId: string | null;
  isInline: boolean;
}

/** A message to queue. Addresses are header values (`"Name" <a@b>, c@d`). */
export interface OutgoingMail {
  kind: OutboxKind;
  ticketId?: number | null;
  articleId?: number | null;
  /** The sending system address, with display name. */
  from: string;
  to: string;
  cc?: string | null;
  bcc?: string | null;
  subject: string;
  /** With angle brackets; generated in the sender's domain when absent. */
  messageId?: string;
  inReplyTo?: string | null;
  references?: string | null;
  text: string;
  html?: string | null;
  /** Extra headers; the automatic ones (Auto-Submitted, X-Loop) are added by kind. */
  headers?: Record<string, string>;
  attachments?: OutboxAttachment[];
}

/** A queued or delivered message as admins and the article view see it. */
export interface OutboxMailView {
  id: number;
  ticketId: number | null;
  articleId: number | null;
  kind: string;
  status: OutboxStatus;
  from: string;
  to: string;
  cc: string | null;
  bcc: string | null;
  subject: string;
  messageId: string;
  inReplyTo: string | null;
  references: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  relayResponse: string | null;
  sentAt: string | null;
  createdAt: string;
  changedAt: string;
}

/** The full message, for admins reading mail that waits in the outbox. */
export interface OutboxMailContent extends OutboxMailView {
  text: string;
  html: string | null;
  headers: Record<string, string>;
  attachments: OutboxAttachment[];
}
