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
   * Configuration read once and then reused (filters, system addresses, queues, states …): mail
   * intake hands one in per batch, kept across batches while no configuration changed (see
   * `ConfigCache`), so an admin's change is seen by the next batch. Absent everywhere else.
   * See `memoized`.
   */
  memo?: ConfigMemo;
  /**
   * Rows of people read once per transaction: the customer users mail intake reads ahead for
   * its senders, agents named by filters. They change without touching the configuration, so
   * they never outlive the batch. See `memoizedInTransaction`.
   */
  rowMemo?: Map<string, unknown>;
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
 * Reads configuration that rarely changes at most once per `ctx.memo` (in mail intake: until
 * the configuration changes); without a memo it simply reads. Only a successful read is kept,
 * and callers must not change what they get back: the next mail sees the same object. Only for
 * reads of the tables whose changes move the configuration generation (its migration lists them).
 */
export function memoized<T>(ctx: ServiceContext, key: string, read: () => Promise<T>): Promise<T> {
  return remembered(ctx.memo, key, read);
}

/** `memoized` for rows of people (agents, customer users), kept for one transaction only. */
export function memoizedInTransaction<T>(ctx: ServiceContext, key: string, read: () => Promise<T>): Promise<T> {
  return remembered(ctx.rowMemo, key, read);
}

async function remembered<T>(memo: Map<string, unknown> | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (!memo) return read();
  if (memo.has(key)) return memo.get(key) as T;
  const value = await read();
  memo.set(key, value);
  return value;
}
