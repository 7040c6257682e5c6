import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery, Kysely, PostgresDialect, SqliteDialect, SqliteDriver,
  type DatabaseConnection, type Driver, type SqliteDatabase as KyselySqliteDatabase, type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** An open database with the facts callers need about it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where it lives, for logs: a file path or the URL without password. */
  location: string;
  /**
   * From now on PostgreSQL prepares each statement once per connection, by name, instead of
   * parsing and planning it on every call. Call it after migrating: a statement prepared
   * before a migration changed its table would fail ("cached plan must not change result
   * type"). SQLite keeps its prepared statements from the start (see StatementCache).
   */
  prepareStatements(): void;
  close(): Promise<void>;
}

/** Options for opening the database. */
export interface ConnectOptions {
  /** postgres:// URL; when absent, SQLite at sqliteFile. */
  databaseUrl?: string | undefined;
  /** File of the SQLite database (created with its folder when missing). */
  sqliteFile: string;
  /** Maximum pooled PostgreSQL connections. */
  poolSize?: number;
  /** Told when PostgreSQL closes an idle pooled connection (server restart); for the log. */
  onConnectionLost?: (error: Error) => void;
}

// PostgreSQL hands back bigint and count(*) as strings and timestamptz as Date; the domain
// works with numbers and ISO-8601 strings on both dialects, so normalise at the driver.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, (value) => new Date(value).toISOString());
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (value) => new Date(`${value}Z`).toISOString());

/** Opens SQLite (default) or PostgreSQL and returns a Kysely handle. */
export function connectDatabase(options: ConnectOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // No request may hang forever on a database that went away: connecting gives up after
      // 10 s and a query after 60 s; the caller answers "try again" (503, SMTP 451).
      connectionTimeoutMillis: 10_000,
      query_timeout: 60_000,
      keepAlive: true,
    });
    // An idle pooled connection that the server closes (restart, failover) emits 'error' on the
    // pool; unhandled, that would end the process. The pool drops it and connects anew.
    pool.on('error', (error) => options.onConnectionLost?.(error));
    // A connection checked out between two queries (inside a transaction) reports the loss as an
    // 'error' event on its client, which nobody listens to either: the next query fails instead.
    let named = false;
    pool.on('connect', (client) => {
      client.on('error', (error) => options.onConnectionLost?.(error));
      prepareByName(client, () => named);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      location: options.databaseUrl.replace(/:[^:@/]*@/, ':***@'),
      prepareStatements: () => {
        named = true;
      },
      close: () => db.destroy(),
    };
  }
  fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const sqlite = new SqliteDatabase(options.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a committed transaction survives a power cut, which intake promises its senders.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: adaptSqlite(sqlite) }) });
  return { db, dialect: 'sqlite', location: options.sqliteFile, prepareStatements: () => {}, close: () => db.destroy() };
}

/**
 * Kysely sends every query as an unnamed statement, which PostgreSQL parses and plans again each
 * time; for the short queries of mail intake and the API that is most of their cost (intake
 * ran 40–70 % faster with names). A statement gets a name per connection the first time its SQL
 * text is seen, up to 500 texts per connection (lists of varying length make new texts); the
 * rest stay unnamed. Cursors and other query objects pass through unchanged.
 */
function prepareByName(client: pg.PoolClient, enabled: () => boolean): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (!enabled() || typeof text !== 'string' || !Array.isArray(values) || args.length !== 2) return query(...args);
    let name = names.get(text);
    if (!name && names.size < 500) {
      name = `tw_${names.size + 1}`;
      names.set(text, name);
    }
    return name ? query({ text, values, name }) : query(text, values);
  };
}

/**
 * Kysely's SQLite dialect with transactions that begin immediate. Its deferred `begin` left a
 * transaction that reads first and writes later (nearly every change: read the ticket, check,
 * update) unable to wait for another connection's write lock: SQLite answers SQLITE_BUSY at
 * once, without the busy timeout, since waiting with a read snapshot could deadlock. So while
 * the mail importer or a second server process wrote, an agent's change failed at once. An
 * immediate transaction takes the write lock at its start, where the busy timeout applies.
 * Within one process nothing changes: its one connection runs one transaction at a time anyway.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.settings);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * better-sqlite3 binds neither booleans nor Dates and returns 0/1 for booleans. This thin
 * adapter converts parameters on the way in and is_* columns on the way out, so the rest of
 * the code sees the same types as on PostgreSQL.
 */
function adaptSqlite(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new StatementCache(sqlite);
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      const statement = statements.get(sql);
      return {
        reader: statement.reader,
        all: (parameters: ReadonlyArray<unknown>) => statement.all(...toSqliteParameters(parameters)).map(fromSqliteRow),
        run: (parameters: ReadonlyArray<unknown>) => statement.run(...toSqliteParameters(parameters)),
        iterate: function* (parameters: ReadonlyArray<unknown>) {
          for (const row of statement.iterate(...toSqliteParameters(parameters))) yield fromSqliteRow(row);
        },
      };
    },
  } as KyselySqliteDatabase;
}

/**
 * Prepared statements by SQL text. Kysely asks for a new statement on every query, and
 * preparing costs SQLite about as much as running a small query; the same few hundred SQL
 * texts come back all the time. Bounded, least recently used out first. A statement still
 * being iterated is busy, so such a query gets a fresh one.
 */
class StatementCache {
  private readonly cache = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    private readonly limit = 1000,
  ) {}

  get(sql: string): SqliteDatabase.Statement {
    const cached = this.cache.get(sql);
    if (cached && !cached.busy) {
      this.cache.delete(sql);
      this.cache.set(sql, cached);
      return cached;
    }
    const statement = this.sqlite.prepare(sql);
    if (cached) return statement;
    this.cache.set(sql, statement);
    if (this.cache.size > this.limit) this.cache.delete(this.cache.keys().next().value as string);
    return statement;
  }
}

function toSqliteParameters(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value instanceof Date) return value.toISOString();
    return value;
  });
}

function fromSqliteRow(row: unknown): unknown {
  if (row === null || typeof row !== 'object') return row;
  const record = row as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key.startsWith('is_') && typeof record[key] === 'number') record[key] = record[key] === 1;
  }
  return record;
}
