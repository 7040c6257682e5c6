/**
 * The database a bench:intake run uses: SQLite in the run's temp folder, or a fresh database
 * on a PostgreSQL server of its own (embedded, in bench-data/intake on port 54339, so it never
 * meets the one bench:data and bench:api keep in bench-data/postgres on 54329).
 */
import path from 'node:path';
import { connectDatabase, type DatabaseHandle } from '../../server/db/connect.ts';
import { benchDatabase, benchPostgres } from '../support/bench-postgres.ts';
import { postgresCommitBaseline, sqliteCommitBaseline } from './baselines.ts';

export type Dialect = 'sqlite' | 'postgres';

/** Folder and port of the embedded PostgreSQL of bench:intake. */
export const INTAKE_POSTGRES = { dir: path.resolve(import.meta.dirname, '../../bench-data/intake'), port: 54339, database: 'tw_bench_intake' };

export interface IntakeTarget {
  dialect: Dialect;
  /** The database as the report names it. */
  label: string;
  /** Environment of the server process: DATA_DIR and, on PostgreSQL, DATABASE_URL. */
  env: Record<string, string | undefined>;
  /** Single-row commits per second on the same kind of database, measured now. */
  commitsPerSecond: number;
  /** A connection of the bench's own to the server's database. */
  connect(): DatabaseHandle;
}

/**
 * Prepares the database of one run in `dataDir` (the server's DATA_DIR) and measures the commit
 * baseline on it. Whatever it starts is handed to `defer` to stop.
 */
export async function openTarget(dialect: Dialect, dataDir: string, defer: (undo: () => unknown) => void): Promise<IntakeTarget> {
  if (dialect === 'sqlite') {
    const sqliteFile = path.join(dataDir, 'ticketwerk.sqlite');
    return {
      dialect,
      label: 'SQLite (WAL, synchronous=FULL)',
      env: { DATA_DIR: dataDir },
      commitsPerSecond: sqliteCommitBaseline(dataDir),
      connect: () => connectDatabase({ sqliteFile }),
    };
  }
  const external = Boolean(process.env.BENCH_DATABASE_URL);
  process.stderr.write(external ? 'PostgreSQL: using BENCH_DATABASE_URL\n' : `PostgreSQL: starting the embedded server in ${INTAKE_POSTGRES.dir} on port ${INTAKE_POSTGRES.port}\n`);
  const server = await benchPostgres(INTAKE_POSTGRES.dir, INTAKE_POSTGRES.port);
  defer(() => server.stop());
  const { url } = await benchDatabase(server.adminUrl, INTAKE_POSTGRES.database, true);
  const baseline = await postgresCommitBaseline(url);
  return {
    dialect,
    label: `PostgreSQL ${baseline.version} (${external ? 'BENCH_DATABASE_URL' : 'embedded, durable defaults'})`,
    env: { DATA_DIR: dataDir, DATABASE_URL: url },
    commitsPerSecond: baseline.rate,
    connect: () => connectDatabase({ databaseUrl: url, sqliteFile: '' }),
  };
}
