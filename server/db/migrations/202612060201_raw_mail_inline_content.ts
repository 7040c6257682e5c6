import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect-types.ts';

/**
 * Small raw mails are kept in their raw_mail row instead of a blob file, so storing one before
 * the SMTP 250 is a single commit (no file, no file and folder fsyncs). Larger ones keep
 * `content` empty and stay in the blob store under their sha256.
 *
 * The duplicate check on every received mail looks raw mails up by sha256, which had no index
 * and read the whole table.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Binary column types differ: bytea on PostgreSQL, blob on SQLite.
  const binary = isPostgres(db) ? sql`bytea` : sql`blob`;
  await db.schema.alterTable('raw_mail').addColumn('content', binary).execute();
  await db.schema.createIndex('raw_mail_sha256_idx').on('raw_mail').column('sha256').execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
