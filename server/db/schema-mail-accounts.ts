import type { Generated } from 'kysely';

/** Mail accounts polled over IMAP or POP3. */
export interface MailAccountTables {
  mail_account: MailAccountTable;
}

/**
 * One mailbox Ticketwerk fetches from (OTRS MailAccount). Besides the settings it holds the
 * poll state: the IMAP cursor, the lease that keeps two processes from polling it at once,
 * and the outcome of the last poll for admins.
 */
export interface MailAccountTable {
  id: Generated<number>;
  /** imap | imaps | pop3 | pop3s */
  protocol: string;
  host: string;
  port: number;
  /** none | starttls | tls */
  security: string;
  login: string;
  /** Needed in clear to log in; never leaves the server through the API. */
  password: string;
  /** IMAP folder to fetch from. */
  folder: string;
  /** IMAP only: delete | mark_seen | move */
  after_fetch: string;
  /** Target folder when after_fetch is move. */
  move_to_folder: string | null;
  /** Queue for new tickets; null = dispatch by postmaster filters. */
  queue_id: number | null;
  /** X-Ticketwerk-* headers of mails from this account are honoured. */
  is_trusted: Generated<boolean>;
  poll_interval_minutes: Generated<number>;
  comment: string | null;
  is_valid: Generated<boolean>;
  /** UIDVALIDITY of the folder the cursor belongs to. */
  imap_uid_validity: string | null;
  /** Highest UID below which every message is stored. */
  imap_last_uid: Generated<number>;
  next_poll_at: string | null;
  last_poll_at: string | null;
  last_success_at: string | null;
  /** auth | tls | network | timeout | mailbox | protocol | unknown, or null when the last poll worked. */
  last_error_kind: string | null;
  last_error: string | null;
  consecutive_failures: Generated<number>;
  last_fetched_count: Generated<number>;
  total_fetched_count: Generated<number>;
  /** Process that polls the account right now, until lease_until. */
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  changed_at: string;
}
