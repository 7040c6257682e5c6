import type { Kysely } from 'kysely';
import { timestampType, withId } from './dialect-types.ts';

/**
 * The public contact form: server secrets that must outlive a process (the key that signs
 * the form's timestamp, so a form rendered by one process is accepted by another and after a
 * restart), and the recent submissions the per-address and per-IP rate limits count. IP
 * addresses are stored only as keyed hashes and rows are deleted after a day.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const ts = timestampType(db);
  await db.schema
    .createTable('system_secret')
    .addColumn('name', 'varchar(100)', (c) => c.primaryKey())
    // Hex of 32 random bytes.
    .addColumn('value', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('contact_form_submission'))
    // HMAC-SHA256 of the client address with the form's secret, never the address itself.
    .addColumn('ip_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('email', 'varchar(255)')
    // created | honeypot
    .addColumn('outcome', 'varchar(20)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('contact_form_submission_ip_idx').on('contact_form_submission').columns(['ip_hash', 'created_at']).execute();
  await db.schema.createIndex('contact_form_submission_email_idx').on('contact_form_submission').columns(['email', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
