import type { Kysely } from 'kysely';
import { booleanDefault, booleanType, timestampType, withId } from './dialect-types.ts';

/**
 * Postmaster filters (OTRS AdminPostMasterFilter) with their match rules and set actions,
 * and the SMTP client addresses admins trust to send X-Ticketwerk-* headers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const bool = booleanType(db);
  await withId(db, db.schema.createTable('postmaster_filter'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(booleanDefault(db, true)))
    .addColumn('is_stop_after_match', bool, (c) => c.notNull().defaultTo(booleanDefault(db, false)))
    .addColumn('is_ignore', bool, (c) => c.notNull().defaultTo(booleanDefault(db, false)))
    .addColumn('match_rules', 'text', (c) => c.notNull())
    .addColumn('set_new_ticket', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('set_follow_up', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('comment', 'varchar(250)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();
  // Intake reads the valid filters in order for every mail.
  await db.schema.createIndex('postmaster_filter_order_idx').on('postmaster_filter').columns(['is_valid', 'position', 'name']).execute();

  await withId(db, db.schema.createTable('postmaster_trusted_client'))
    .addColumn('address', 'varchar(50)', (c) => c.notNull().unique())
    .addColumn('comment', 'varchar(250)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
