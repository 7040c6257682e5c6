import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
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
}

export type Tx = Transaction<Database>;

/**
 * Runs `work` in one transaction: the change, its history rows and follow-on events commit
 * together or not at all. Nested calls join the outer transaction.
 */
export async function inTransaction<T>(ctx: ServiceContext, work: (txCtx: ServiceContext) => Promise<T>): Promise<T> {
  if (ctx.db.isTransaction) return work(ctx);
  return ctx.db.transaction().execute((tx) => work({ ...ctx, db: tx }));
}

/** The current time as stored in the database. */
export function nowIso(ctx: ServiceContext): string {
  return ctx.clock.now().toISOString();
}
