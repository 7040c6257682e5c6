import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** Which SQL dialect a migration runs on; the few places where they differ ask this. */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Adds an auto-incrementing integer primary key `id`.
 * SQLite needs INTEGER PRIMARY KEY AUTOINCREMENT so ids are never reused after deletes;
 * PostgreSQL uses an identity column.
 */
export function withId<T extends string>(db: Kysely<unknown>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/** Timestamps: timestamptz on PostgreSQL, ISO-8601 UTC text on SQLite (sorts correctly as text). */
export function timestampType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`timestamptz` : sql`text`;
}

/** Booleans: boolean on PostgreSQL, 0/1 integers on SQLite (the driver maps is_* columns back). */
export function booleanType(db: Kysely<unknown>) {
  return isPostgres(db) ? sql`boolean` : sql`integer`;
}

/** Default for a boolean column, written the way each dialect stores it. */
export function booleanDefault(db: Kysely<unknown>, value: boolean) {
  return isPostgres(db) ? sql.lit(value) : sql.lit(value ? 1 : 0);
}
