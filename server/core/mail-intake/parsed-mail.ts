/** A mail address with its display name. */
export interface MailAddress {
  address: string;
  name: string;
}

/** A file in a mail, decoded. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** Referenced from the HTML body as cid:… and shown in place. */
  contentId: string | null;
  isInline: boolean;
}

/**
 * A mail as the intake pipeline, the postmaster filters and auto-responses see it:
 * headers decoded (RFC 2047/2231), bodies in Unicode, attachments decoded.
 */
export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string | null;
  /** Message-IDs from References, oldest first. */
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  subject: string;
  date: string | null;
  /** Every header by lower-case name, each occurrence decoded to text. */
  headers: Map<string, string[]>;
  text: string;
  /** The HTML body as sent (not yet sanitised), or null. */
  html: string | null;
  /**
   * `html` sanitised for storing as the article body (sanitizeMailHtml), computed where the mail
   * was parsed: in the parse pool's worker threads, off the thread that writes tickets. When
   * absent, the article writer sanitises `html` itself.
   */
  safeHtml?: string | null;
  attachments: MailAttachment[];
}

/** The first value of a header (case-insensitive name), or undefined. */
export function headerValue(mail: ParsedMail, name: string): string | undefined {
  return mail.headers.get(name.toLowerCase())?.[0];
}
