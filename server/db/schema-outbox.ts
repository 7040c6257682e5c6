import type { Generated } from 'kysely';

/** Outgoing mail (outbox), auto-response texts and loop-protection counters. */
export interface OutboxTables {
  outbox_mail: OutboxMailTable;
  auto_response: AutoResponseTable;
  auto_response_counter: AutoResponseCounterTable;
}

/**
 * One outgoing message, written in the same transaction as the article (or notification) it
 * carries, and delivered later by a worker. The row holds the message exactly as it goes out.
 */
export interface OutboxMailTable {
  id: Generated<number>;
  ticket_id: number | null;
  article_id: number | null;
  /** agent_reply | auto_response | notification */
  kind: string;
  /** The From header, with display name. */
  from_address: string;
  to_address: string;
  cc_address: string | null;
  bcc_address: string | null;
  subject: string;
  /** With angle brackets, as in the header. */
  message_id: string;
  in_reply_to: string | null;
  references: string | null;
  body_text: string;
  body_html: string | null;
  /** JSON object of extra headers (Auto-Submitted, X-Loop …). */
  headers: string;
  /** JSON array of {sha256, filename, contentType, contentId, isInline}; content in the blob store. */
  attachments: string;
  /** queued | sending | sent | failed | bounced */
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  /** The relay's answer to the last failed attempt (or the bounce report's reason). */
  last_error: string | null;
  /** The relay's answer when it accepted the message (e.g. "250 2.0.0 Ok: queued as …"). */
  relay_response: string | null;
  sent_at: string | null;
  /** Worker that is sending the row; another worker takes it over only after lease_expires_at. */
  lease_owner: string | null;
  lease_expires_at: string | null;
  created_at: string;
  changed_at: string;
}

/** An automatic answer: one text per queue, event and language. */
export interface AutoResponseTable {
  id: Generated<number>;
  queue_id: number;
  /** new_ticket | follow_up | reject | new_ticket_after_close */
  event: string;
  /** de | en */
  language: string;
  subject: string;
  body: string;
  is_valid: Generated<boolean>;
  created_at: string;
  changed_at: string;
}

/** Automatic mails sent to one address on one local day (loop protection, as OTRS PostmasterMaxEmails). */
export interface AutoResponseCounterTable {
  /** Lower-case mail address. */
  sender: string;
  /** YYYYMMDD in the desk's time zone. */
  day: string;
  count: number;
}
