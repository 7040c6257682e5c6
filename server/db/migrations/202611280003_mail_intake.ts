import type { Kysely } from 'kysely';
import { booleanDefault, booleanType, timestampType } from './dialect-types.ts';

/**
 * Mail intake: what became of each stored raw mail (so a crash between storing and
 * processing is finished on restart, and admins can see and reprocess failures), a content
 * hash to recognise the same mail delivered twice, and the "unverified sender" mark on
 * follow-ups from strangers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const bool = booleanType(db);
  const no = booleanDefault(db, false);
  await db.schema.alterTable('raw_mail').addColumn('message_id', 'varchar(998)').execute();
  await db.schema.alterTable('raw_mail').addColumn('content_hash', 'varchar(64)').execute();
  // Queue the mail goes to when no filter decides otherwise (the mail account's target).
  await db.schema.alterTable('raw_mail').addColumn('queue_id', 'integer', (c) => c.references('queue.id')).execute();
  await db.schema.alterTable('raw_mail').addColumn('is_trusted', bool, (c) => c.notNull().defaultTo(no)).execute();
  await db.schema.alterTable('raw_mail').addColumn('ticket_id', 'integer', (c) => c.references('ticket.id')).execute();
  await db.schema.alterTable('raw_mail').addColumn('article_id', 'integer', (c) => c.references('article.id')).execute();
  await db.schema.alterTable('raw_mail').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable('raw_mail').addColumn('processed_at', ts).execute();
  await db.schema.createIndex('raw_mail_status_idx').on('raw_mail').columns(['status', 'id']).execute();
  await db.schema.createIndex('raw_mail_message_id_idx').on('raw_mail').column('message_id').execute();

  await db.schema.alterTable('article').addColumn('is_sender_unverified', bool, (c) => c.notNull().defaultTo(no)).execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
