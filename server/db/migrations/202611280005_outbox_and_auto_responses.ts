import type { Kysely } from 'kysely';
import { booleanDefault, booleanType, timestampType, withId } from './dialect-types.ts';

/**
 * Outgoing mail goes through a durable outbox: each row is written in the transaction of its
 * article and delivered by a worker with retries, so a crash or a relay outage loses nothing.
 * Auto-response texts per queue, event and language, and a per-sender daily counter that
 * stops mail loops.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  const bool = booleanType(db);

  await withId(db, db.schema.createTable('outbox_mail'))
    .addColumn('ticket_id', 'integer', (c) => c.references('ticket.id'))
    .addColumn('article_id', 'integer', (c) => c.references('article.id'))
    .addColumn('kind', 'varchar(20)', (c) => c.notNull())
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('cc_address', 'text')
    .addColumn('bcc_address', 'text')
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('message_id', 'varchar(998)', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('references', 'text')
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'varchar(10)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('relay_response', 'text')
    .addColumn('sent_at', ts)
    .addColumn('lease_owner', 'varchar(100)')
    .addColumn('lease_expires_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .execute();
  // The worker's question: which rows are due?
  await db.schema.createIndex('outbox_mail_due_idx').on('outbox_mail').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_mail_article_idx').on('outbox_mail').column('article_id').execute();
  await db.schema.createIndex('outbox_mail_ticket_idx').on('outbox_mail').column('ticket_id').execute();
  // Bounce reports name the Message-ID of the mail that failed.
  await db.schema.createIndex('outbox_mail_message_id_idx').on('outbox_mail').column('message_id').execute();

  await withId(db, db.schema.createTable('auto_response'))
    .addColumn('queue_id', 'integer', (c) => c.notNull().references('queue.id').onDelete('cascade'))
    .addColumn('event', 'varchar(30)', (c) => c.notNull())
    .addColumn('language', 'varchar(5)', (c) => c.notNull())
    .addColumn('subject', 'varchar(255)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_valid', bool, (c) => c.notNull().defaultTo(booleanDefault(db, true)))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('changed_at', ts, (c) => c.notNull())
    .addUniqueConstraint('auto_response_queue_event_language_unique', ['queue_id', 'event', 'language'])
    .execute();

  await db.schema
    .createTable('auto_response_counter')
    .addColumn('sender', 'varchar(200)', (c) => c.notNull())
    .addColumn('day', 'varchar(8)', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('auto_response_counter_pk', ['sender', 'day'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
