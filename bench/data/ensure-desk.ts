/**
 * Where bench:data keeps its desks and how they are made: one SQLite file or PostgreSQL
 * database per size in the bench folder, generated once and reused by bench:api.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { hashPassword } from '../../server/core/auth/password.ts';
import { connectDatabase, type DatabaseHandle } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import type { Database } from '../../server/db/schema.ts';
import { benchDatabase, benchPostgres } from '../support/bench-postgres.ts';
import { progressBar } from '../support/machine.ts';
import { deskSize, generateDesk } from './desk-generator.ts';

/** Password of every generated agent (bench.agent is the one bench:api uses). */
export const BENCH_PASSWORD = 'bench-password';

export interface DataResult {
  database: string;
  tickets: number;
  rows: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
  baselineRowsPerSecond: number;
  sizeMiB: number;
}

/** Bare multi-row inserts of article-sized rows in the same database: what the disk and driver allow. */
type BaselineDb = Kysely<{ bench_baseline: { id: number; body: string } }>;

async function insertBaseline(db: Kysely<Database>): Promise<number> {
  await sql`CREATE TABLE bench_baseline (id integer PRIMARY KEY, body text NOT NULL)`.execute(db);
  const body = 'Hallo liebes Service-Team, seit heute Morgen komme ich nicht mehr in mein Postfach. '.repeat(4);
  const total = 50_000;
  const started = performance.now();
  for (let start = 0; start < total; start += 2000) {
    await db.transaction().execute(async (tx) => {
      for (let i = start; i < start + 2000; i += 400) {
        await (tx as unknown as BaselineDb).insertInto('bench_baseline').values(Array.from({ length: 400 }, (_, k) => ({ id: i + k + 1, body }))).execute();
      }
    });
  }
  const rate = total / ((performance.now() - started) / 1000);
  await sql`DROP TABLE bench_baseline`.execute(db);
  return rate;
}

async function databaseSizeMiB(handle: DatabaseHandle): Promise<number> {
  if (handle.dialect === 'sqlite') return fs.statSync(handle.location).size / 2 ** 20;
  const row = await sql<{ size: string }>`SELECT pg_database_size(current_database())::text AS size`.execute(handle.db);
  return Number(row.rows[0]?.size ?? 0) / 2 ** 20;
}

/** Opens the bench database of a dialect and size; `existed` says whether a desk is already there. */
export async function openBenchDatabase(dialect: 'sqlite' | 'postgres', tickets: number, dir: string, fresh: boolean) {
  if (dialect === 'sqlite') {
    const dataDir = path.resolve(dir, `sqlite-${tickets}`);
    const file = path.join(dataDir, 'ticketwerk.sqlite');
    if (fresh) fs.rmSync(dataDir, { recursive: true, force: true });
    const existed = fs.existsSync(file);
    fs.mkdirSync(dataDir, { recursive: true });
    return { handle: connectDatabase({ sqliteFile: file }), existed, env: { DATA_DIR: dataDir }, stop: async () => {} };
  }
  const server = await benchPostgres(path.resolve(dir));
  const { url, existed } = await benchDatabase(server.adminUrl, `tw_bench_${tickets}`, fresh);
  return { handle: connectDatabase({ databaseUrl: url, sqliteFile: '' }), existed, env: { DATABASE_URL: url, DATA_DIR: path.resolve(dir, `pg-files-${tickets}`) }, stop: server.stop };
}

/**
 * Makes sure a desk of `tickets` tickets exists for the dialect (generating it when missing)
 * and answers the generation figures, or null when it was already there.
 */
export async function ensureDesk(dialect: 'sqlite' | 'postgres', tickets: number, dir: string, fresh: boolean): Promise<DataResult | null> {
  const opened = await openBenchDatabase(dialect, tickets, dir, fresh);
  const { handle } = opened;
  try {
    if (opened.existed) {
      const have = await handle.db.selectFrom('ticket').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      if (Number(have.n) >= tickets) {
        console.log(`${dialect}: a desk with ${Number(have.n).toLocaleString('en')} tickets is already there (--fresh makes a new one)`);
        return null;
      }
      throw new Error(`${dialect}: an incomplete desk is in the way; run again with --fresh`);
    }
    await migrateToLatest(handle.db);
    const baseline = await insertBaseline(handle.db);
    const size = deskSize(tickets);
    const desk = await generateDesk(handle.db, size, { now: new Date(), passwordHash: await hashPassword(BENCH_PASSWORD), progress: progressBar(`${dialect} tickets`) });
    // A desk that has run for years has been vacuumed by autovacuum, which also marks its pages
    // all-visible; a freshly bulk-loaded one has not, and PostgreSQL's index-only scans (queue
    // counts) would then visit every ticket's row. So the generated desk is vacuumed like a live one.
    await (handle.dialect === 'postgres' ? sql`VACUUM ANALYZE` : sql`ANALYZE`).execute(handle.db);
    const rowCount = Object.values(desk.rows).reduce((a, b) => a + b, 0);
    return { database: dialect, tickets, rows: desk.rows, seconds: desk.seconds, rowsPerSecond: rowCount / desk.seconds, baselineRowsPerSecond: baseline, sizeMiB: await databaseSizeMiB(handle) };
  } finally {
    await handle.close();
    await opened.stop();
  }
}

