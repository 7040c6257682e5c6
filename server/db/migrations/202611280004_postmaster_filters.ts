import type { Kysely } from 'kysely';

export async function up(_db: Kysely<any>): Promise<void> {
  // Tables are added with the feature.
}

export async function down(): Promise<void> {
  throw new Error('Cannot be rolled back; restore a backup instead.');
}
