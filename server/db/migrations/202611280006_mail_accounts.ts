import type { Kysely } from 'kysely';
import { booleanDefault, booleanType, timestampType, withId } from './dialect-types.ts';

/**
 * Mail accounts (OTRS MailAccount) with their poll state: the IMAP cursor, so a crash
 * between storing a message and deleting it on the server is recognised on the next poll,
 * and a lease, so several processes on PostgreSQL never poll one account at the same time.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const bool = booleanType(db);
  await withId(db, db.schema.createTable('mail_account'))
    .addColumn('protocol', 'varchar(10)', (c) => c.notNull())
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('security', 'varchar(10)', (c) => c.notNull())
    .addColumn('login', 'varchar(255)', (c) => c.notNull())
    .addColumn('password', 'varchar(1000)', (c) => c.notNull())
    .addColumn('folder', 'varchar(255)', (c) => c.notNull().defaultTo('INBOX'))
    .addColumn('after_fetch', 'varchar(20)', (c) => c.notNull().defaultTo('delete'))
    .addColumn('move_to_folder', 'varchar(255)')
    .addColumn('queue_id', 'integer', (c) => c.references('queue.id'))
    .addColumn('is_trusted', bool, (c) => c.notNull().defaultTo(booleanDefault(db, false)))
    .addColumn('poll_interval_minutes', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(booleanDefault(db, true)))
    // Text: UIDVALIDITY is an unsigned 32-bit number, beyond PostgreSQL's integer.
    .addColumn('imap_uid_validity', 'varchar(20)')
    .addColumn('imap_last_uid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('next_poll_at', ts)
    .addColumn('last_poll_at', ts)
    .addColumn('last_success_at', ts)
    .addColumn('last_error_kind', 'varchar(20)')
    .addColumn('last_error', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_fetched_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('total_fetched_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'varchar(100)')
    .addColumn('lease_until', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();
  // The poller's question every tick: which valid accounts are due?
  await db.schema.createIndex('mail_account_due_idx').on('mail_account').columns(['is_valid', 'next_poll_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
