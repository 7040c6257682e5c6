import type { MailAccountConnection } from './mail-account.types.ts';

/** What a mailbox fetcher (IMAP or POP3) is given to work with. */
export interface MailboxFetchIo {
  /**
   * Stores one message durably (receiveRawMail). Only after it resolves may the message be
   * deleted or flagged on the server; when it throws, the message stays there.
   */
  store(raw: Buffer): Promise<{ rawMailId: number; duplicate: boolean }>;
  /** Persists the IMAP cursor during the poll, so a crash keeps the progress. */
  saveCursor(cursor: { uidValidity: string; lastUid: number }): Promise<void>;
  /** Most messages to fetch in this poll. */
  limit: number;
  /** Milliseconds to wait for connecting and for each answer. */
  timeoutMs: number;
}

/** Counts a fetcher fills in as it goes, so they survive a connection that breaks mid-poll. */
export interface MailboxFetchTally {
  stored: number;
  duplicates: number;
  failed: number;
  remaining: number;
  /** Raw mails to process after the poll; a duplicate's earlier processing makes that a no-op. */
  rawMailIds: number[];
  /** The last error of storing a message, if any failed. */
  storeError: unknown;
}

/** Fetches new messages of one account into the desk; throws when the mailbox cannot be worked. */
export type MailboxFetcher = (account: MailAccountConnection, io: MailboxFetchIo, tally: MailboxFetchTally) => Promise<void>;

/** A tally with nothing counted yet. */
export function emptyTally(): MailboxFetchTally {
  return { stored: 0, duplicates: 0, failed: 0, remaining: 0, rawMailIds: [], storeError: null };
}

/** Stores one message and counts the outcome; true when it is safe to remove it from the server. */
export async function storeAndCount(io: MailboxFetchIo, tally: MailboxFetchTally, raw: Buffer): Promise<boolean> {
  try {
    const result = await io.store(raw);
    if (result.duplicate) tally.duplicates += 1;
    else tally.stored += 1;
    tally.rawMailIds.push(result.rawMailId);
    return true;
  } catch (error) {
    tally.failed += 1;
    tally.storeError = error;
    return false;
  }
}
