import type { Kysely } from 'kysely';
import { booleanDefault, booleanType, timestampType, withId } from './dialect-types.ts';

/**
 * What agents need to answer and hand over tickets: blind copies on articles, the queue a
 * 1st-level agent escalates to, and OTRS's standard templates (answers, forwards, notes …)
 * with their assignment to queues (OTRS `standard_template`, `queue_standard_template`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const bool = booleanType(db);

  // Kept on the article so agents see later who got a blind copy; never shown to customers.
  await db.schema.alterTable('article').addColumn('bcc', 'text').execute();
  await db.schema.alterTable('queue').addColumn('escalation_queue_id', 'integer', (c) => c.references('queue.id')).execute();

  await withId(db, db.schema.createTable('standard_template'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull().unique())
    .addColumn('template_type', 'varchar(20)', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('content_type', 'varchar(20)', (c) => c.notNull().defaultTo('text/plain'))
    .addColumn('comment', 'varchar(250)')
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(booleanDefault(db, true)))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('queue_standard_template')
    .addColumn('queue_id', 'integer', (c) => c.notNull().references('queue.id').onDelete('cascade'))
    .addColumn('standard_template_id', 'integer', (c) => c.notNull().references('standard_template.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('queue_standard_template_pk', ['queue_id', 'standard_template_id'])
    .execute();
  // The compose screen asks "which templates may this queue use?"; the admin screen the reverse.
  await db.schema.createIndex('queue_standard_template_template_idx').on('queue_standard_template').column('standard_template_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
