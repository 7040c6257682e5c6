import { sql, type Kysely } from 'kysely';
import { isPostgres } from './dialect-types.ts';

/**
 * The tables mail intake reads as configuration for every batch: filters, desk addresses,
 * queues, states, priorities, types, services, SLAs, automatic answers, salutations and
 * signatures. Shipped as it is; a table added later gets its trigger in a migration of its own.
 */
export const CONFIGURATION_TABLES = [
  'postmaster_filter', 'system_address', 'queue', 'ticket_state', 'ticket_state_type', 'ticket_priority',
  'ticket_type', 'service', 'sla', 'auto_response', 'salutation', 'signature',
] as const;

/**
 * A counter that every change to the configuration moves, by trigger, so that a process can
 * keep configuration in memory and know with one small read whether it still holds: mail
 * intake reads about ten configuration queries per batch, on PostgreSQL ten round trips. The
 * triggers see every writer (the admin UI, the CLI, another server process, plain SQL).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('config_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('config_generation').values({ id: 1, value: 0 }).execute();
  if (isPostgres(db)) {
    await sql`CREATE FUNCTION bump_config_generation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE config_generation SET value = value + 1; RETURN NULL; END $$`.execute(db);
    for (const table of CONFIGURATION_TABLES) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_config_generation`)} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${sql.table(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION bump_config_generation()`.execute(db);
    }
    return;
  }
  // SQLite has row triggers only, one per kind of change.
  for (const table of CONFIGURATION_TABLES) {
    for (const change of ['insert', 'update', 'delete'] as const) {
      await sql`CREATE TRIGGER ${sql.id(`${table}_${change}_config_generation`)} AFTER ${sql.raw(change.toUpperCase())} ON ${sql.table(table)}
        BEGIN UPDATE config_generation SET value = value + 1; END`.execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
