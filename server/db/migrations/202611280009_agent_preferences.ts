import { sql, type Kysely } from 'kysely';

/**
 * What an agent sets for themselves: a personal signature appended under replies, and
 * preferences of the web app (default queue view, article order) as a JSON document, so a
 * new preference needs no migration. The service fills in defaults for missing keys.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('agent').addColumn('signature', 'text').execute();
  await db.schema
    .alterTable('agent')
    .addColumn('preferences', 'text', (c) => c.notNull().defaultTo(sql.lit('{}')))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
