import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { DeferredRows } from './deferred-rows.ts';
import type { BlobStore, Clock } from './ports.ts';

/** Settings core needs from the configuration, passed in so core never reads the environment. */
export interface CoreSettings {
  ticketNumberGenerator: 'DateChecksum' | 'Date' | 'AutoIncrement';
  systemId: string;
  ticketCounterMinSize: number;
  ticketHook: string;
  timeZone: string;
  /** Automatic answers per sender and day (loop protection). */
  autoResponseDailyLimit: number;
  /** Whether a ticket number quoted in a mail body makes it a follow-up. */
  followUpSearchBody: boolean;
  /** Largest accepted incoming mail in bytes. */
  maxMailBytes: number;
}

/** Everything a core service works with; `db` is a transaction inside `inTransaction`. */
export interface ServiceContext {
  db: Kysely<Database>;
  clock: Clock;
  blobs: BlobStore;
  settings: CoreSettings;
  /**
   * Configuration read during one transaction (filters, system addresses, queues, states …),
   * and the customer users mail intake reads ahead for its senders, kept for that transaction
   * only: mail intake sets a fresh one per batch, so an admin's change is seen by the next
   * batch. Absent everywhere else. See `memoized`.
   */
  memo?: ConfigMemo;
  /**
   * History and event rows held until the transaction's end (mail intake, per batch); absent
   * everywhere else, where they are written at once. See `DeferredRows`.
   */
  deferred?: DeferredRows;
}

/** Values of `memoized`, by key. */
export type ConfigMemo = Map<string, unknown>;

export type Tx = Transaction<Database>;

/**
 * Runs `work` in one transaction: the change, its history rows and follow-on events commit
 * together or not at all. Nested calls join the outer transaction.
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (txCtx: ServiceContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  // Rows held for another transaction's end must not be written by this one.
  return ctx.db.transaction().execute((tx) => work({ ...ctx, db: tx, deferred: undefined }));
}

/** The current time as stored in the database. */
export function nowIso(ctx: ServiceContext): string {
  return ctx.clock.now().toISOString();
}

/**
 * Reads configuration that rarely changes at most once per `ctx.memo` (one intake batch);
 * without a memo it simply reads. Only a successful read is kept, and callers must not change
 * what they get back: the next mail of the batch sees the same object.
 */
export async function memoized<T>(ctx: ServiceContext, key: string, read: () => Promise<T>): Promise<T> {
  if (!ctx.memo) return read();
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = await read();
  ctx.memo.set(key, value);
  return value;
}
