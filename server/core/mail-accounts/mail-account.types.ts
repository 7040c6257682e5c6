/** Mail account vocabulary shared by the service, the pollers and the API. */

export const MAIL_ACCOUNT_PROTOCOLS = ['imap', 'imaps', 'pop3', 'pop3s'] as const;
export type MailAccountProtocol = (typeof MAIL_ACCOUNT_PROTOCOLS)[number];

/** How the connection is protected: plain, upgraded with STARTTLS/STLS, or TLS from the start. */
export const MAIL_SECURITY_MODES = ['none', 'starttls', 'tls'] as const;
export type MailSecurity = (typeof MAIL_SECURITY_MODES)[number];

/** What happens to a message on an IMAP server once Ticketwerk has stored it. POP3 always deletes. */
export const AFTER_FETCH_ACTIONS = ['delete', 'mark_seen', 'move'] as const;
export type AfterFetchAction = (typeof AFTER_FETCH_ACTIONS)[number];

/**
 * Why a poll failed, as admins see it. auth, tls and mailbox need an admin to change
 * something; network and timeout usually heal by themselves; intake means Ticketwerk could
 * not store a message (the message stays on the server).
 */
export const MAIL_ACCOUNT_ERROR_KINDS = ['auth', 'tls', 'network', 'timeout', 'mailbox', 'protocol', 'intake', 'unknown'] as const;
export type MailAccountErrorKind = (typeof MAIL_ACCOUNT_ERROR_KINDS)[number];

/** A classified poll failure. */
export interface MailAccountError {
  kind: MailAccountErrorKind;
  message: string;
}

/** Poll interval of a new account, as OTRS's MailAccountFetch cron. */
export const DEFAULT_POLL_INTERVAL_MINUTES = 10;

/** Messages fetched per poll at most, so a flood does not hold the poller for long; the rest follow at once. */
export const MESSAGES_PER_POLL = 200;

/** A mail account as admins see it; the password is never included. */
export interface MailAccountView {
  id: number;
  protocol: MailAccountProtocol;
  host: string;
  port: number;
  security: MailSecurity;
  login: string;
  hasPassword: boolean;
  folder: string;
  afterFetch: AfterFetchAction;
  moveToFolder: string | null;
  /** Queue of new tickets; null = dispatch by postmaster filters. */
  queueId: number | null;
  trusted: boolean;
  pollIntervalMinutes: number;
  comment: string | null;
  valid: boolean;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string | null;
  lastError: MailAccountError | null;
  consecutiveFailures: number;
  lastFetchedCount: number;
  totalFetchedCount: number;
  createdAt: string;
  changedAt: string;
}

/** Fields of a new account; omitted ones take the defaults named. */
export interface MailAccountInput {
  protocol: MailAccountProtocol;
  host: string;
  /** Default: 143, 993, 110 or 995 by protocol. */
  port?: number;
  /** Default: tls for imaps/pop3s, starttls otherwise. */
  security?: MailSecurity;
  login: string;
  password: string;
  /** Default INBOX. */
  folder?: string;
  /** Default delete, as OTRS. */
  afterFetch?: AfterFetchAction;
  moveToFolder?: string | null;
  queueId?: number | null;
  trusted?: boolean;
  /** Default 10. */
  pollIntervalMinutes?: number;
  comment?: string | null;
  valid?: boolean;
}

/** A change to an account; an omitted password keeps the stored one. */
export type MailAccountPatch = Partial<MailAccountInput>;

/** An account's settings after defaults and checks, ready to store. */
export interface MailAccountSettings {
  protocol: MailAccountProtocol;
  host: string;
  port: number;
  security: MailSecurity;
  login: string;
  password: string;
  folder: string;
  afterFetch: AfterFetchAction;
  moveToFolder: string | null;
  queueId: number | null;
  trusted: boolean;
  pollIntervalMinutes: number;
  comment: string | null;
  valid: boolean;
}

/** Everything a poller needs to connect, password included; never sent to clients. */
export interface MailAccountConnection
  extends Pick<MailAccountSettings, 'protocol' | 'host' | 'port' | 'security' | 'login' | 'password' | 'folder' | 'afterFetch' | 'moveToFolder' | 'queueId' | 'trusted'> {
  id: number;
  /** The IMAP cursor: messages up to lastUid in this UIDVALIDITY are stored. */
  cursor: { uidValidity: string | null; lastUid: number };
}

/** What one poll did, for the API and the log. */
export interface PollReport {
  accountId: number;
  startedAt: string;
  finishedAt: string;
  /** Messages stored now for the first time. */
  stored: number;
  /** Messages that were already stored (a re-fetch after a crash), handled again on the server. */
  duplicates: number;
  /** Messages left on the server because storing them failed; retried on the next poll. */
  failed: number;
  /** Messages still waiting on the server beyond the per-poll limit. */
  remaining: number;
  rawMailIds: number[];
  error: MailAccountError | null;
}
