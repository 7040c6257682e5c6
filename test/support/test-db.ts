import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { CoreSettings, ServiceContext } from '../../server/core/context.ts';
import { connectDatabase, type Dialect, type DatabaseHandle } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createFileBlobStore } from '../../server/storage/file-blob-store.ts';
import { FakeClock } from './fake-clock.ts';

/** Both dialects; service and API tests run once per entry (`describe.each(dialects)`). */
export const dialects: Dialect[] = ['sqlite', 'postgres'];

export const testSettings: CoreSettings = {
  ticketNumberGenerator: 'DateChecksum',
  systemId: '10',
  ticketCounterMinSize: 5,
  ticketHook: 'Ticket#',
  timeZone: 'Europe/Berlin',
  autoResponseDailyLimit: 10,
  followUpSearchBody: false,
  maxMailBytes: 16 * 1024 * 1024,
};

/** A fresh, migrated database of one dialect with its own data folder and a fake clock. */
export interface TestDatabase {
  handle: DatabaseHandle;
  ctx: ServiceContext;
  clock: FakeClock;
  dataDir: string;
  /** URL of the PostgreSQL database, for tests that open more connections. */
  databaseUrl?: string;
  destroy(): Promise<void>;
}

/** Creates an empty database (a SQLite file, or a new PostgreSQL database) migrated to latest. */
export async function createTestDatabase(dialect: Dialect, options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-test-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (dialect === 'postgres') {
    const adminUrl = inject('postgresUrl');
    const name = `tw_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    databaseUrl = adminUrl.replace(/\/[^/]*$/, `/${name}`);
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    };
  }
  const handle = connectDatabase({ databaseUrl, sqliteFile: path.join(dataDir, 'ticketwerk.sqlite'), poolSize: options.poolSize });
  await migrateToLatest(handle.db);
  handle.prepareStatements();
  const clock = new FakeClock(new Date('2026-11-28T09:00:00Z'));
  const ctx: ServiceContext = { db: handle.db, clock, blobs: createFileBlobStore(path.join(dataDir, 'blobs')), settings: testSettings };
  return {
    handle,
    ctx,
    clock,
    dataDir,
    databaseUrl,
    async destroy() {
      await handle.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
