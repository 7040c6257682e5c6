import type { MailAccountError, MailAccountErrorKind } from './mail-account.types.ts';

/** Longest wait between automatic retries of an account that keeps failing. */
export const MAX_BACKOFF_MINUTES = 24 * 60;

// Kinds an admin has to fix: retrying every interval would hammer the server with failed
// logins (and get the desk's address blocked by fail2ban), so these back off.
const NEEDS_ADMIN: ReadonlySet<MailAccountErrorKind> = new Set(['auth', 'tls', 'mailbox']);

/** True when the failure cannot heal by itself and admins should be told. */
export function needsAdmin(error: MailAccountError): boolean {
  return NEEDS_ADMIN.has(error.kind);
}

/** Facts about a finished poll that decide when the account is due again. */
export interface PollScheduleInput {
  now: Date;
  intervalMinutes: number;
  /** null when the poll worked. */
  error: MailAccountError | null;
  /** Failures in a row, this one included. */
  consecutiveFailures: number;
  /** Messages left beyond the per-poll limit. */
  remaining: number;
}

/**
 * When to poll an account next. After success: one interval later, or right away while
 * messages are waiting beyond the per-poll limit. Network trouble and time-outs: the next
 * interval. Errors an admin must fix: doubling waits up to a day, so a wrong password does
 * not become a storm of failed logins.
 */
export function nextPollAt(input: PollScheduleInput): Date {
  const { now, intervalMinutes, error } = input;
  let minutes = intervalMinutes;
  if (!error && input.remaining > 0) minutes = 0;
  if (error && needsAdmin(error)) {
    const exponent = Math.min(Math.max(input.consecutiveFailures - 1, 0), 16);
    minutes = Math.min(intervalMinutes * 2 ** exponent, MAX_BACKOFF_MINUTES);
  }
  return new Date(now.getTime() + minutes * 60_000);
}
