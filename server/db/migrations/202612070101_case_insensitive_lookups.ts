import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect-types.ts';

/**
 * Customer users are looked up by mail address or login without regard to case: for every
 * incoming mail (who sent it), at portal login, registration and password reset. Those lookups
 * compare `lower(email)` and `lower(login)`, which the plain column indexes cannot answer, so
 * each one read the whole table: about 30 ms per incoming mail at 100,000 customer users on
 * SQLite. Indexes on the same expressions answer them directly. Agents' logins had one on
 * PostgreSQL only.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX customer_user_email_lower_idx ON customer_user (lower(email))`.execute(db);
  await sql`CREATE INDEX customer_user_login_lower_idx ON customer_user (lower(login))`.execute(db);
  await sql`CREATE INDEX agent_email_lower_idx ON agent (lower(email))`.execute(db);
  if (!isPostgres(db)) await sql`CREATE INDEX agent_login_lower_idx ON agent (lower(login))`.execute(db);
  // PostgreSQL keeps statistics of an expression index only from the next ANALYZE, and a table
  // that rarely changes may wait long for autovacuum's. Without them a batch's lookup of many
  // addresses at once is estimated to match most rows and read the whole table instead.
  if (isPostgres(db)) await sql`ANALYZE customer_user, agent`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
