import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as coreSchema from './migrations/202611280001_core_schema.ts';
import * as defaultConfiguration from './migrations/202611280002_default_configuration.ts';

/**
 * Every migration, in order. Listed here rather than read from the folder so that a
 * bundled or type-stripped build finds them too. A shipped migration is never edited.
 */
const migrations: Record<string, Migration> = {
  '202611280001_core_schema': coreSchema,
  '202611280002_default_configuration': defaultConfiguration,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Brings the database to the latest schema; throws with the failing migration's name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before and beyond today's types
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
