import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTicket } from '../../server/core/tickets/ticket-query.service.ts';
import { updateTicket } from '../../server/core/tickets/update-ticket.service.ts';
import { buildAgent, buildQueue, buildTicket } from '../support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';

/**
 * Another process writes to the desk's SQLite file (the mail importer, a second server): an
 * agent's change that meets its write lock waits for it, as long as SQLite's busy timeout
 * allows, instead of failing at once. The other writer runs in a thread of its own, because
 * the server's thread is blocked while SQLite waits.
 */
describe('an agent\'s change while another process holds SQLite\'s write lock', () => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await createTestDatabase('sqlite');
  });
  afterAll(() => t.destroy());

  it('waits for the lock and is saved once it is free', async () => {
    const queue = await buildQueue(t.ctx);
    const agent = await buildAgent(t.ctx, { permissions: [{ groupId: queue.group_id, kinds: ['rw'] }] });
    const ticket = await buildTicket(t.ctx, { queueId: queue.id, title: 'WLAN im Lesesaal' });
    const other = holdWriteLock(path.join(t.dataDir, 'ticketwerk.sqlite'), 300);
    await other.locked;

    // A read (the ticket, the agent's permission) and then a write, in one transaction.
    const saved = await updateTicket(t.ctx, agent, { ticketId: ticket.id, title: 'WLAN im Lesesaal fällt aus' }).catch((error: unknown) => error);

    await other.done;
    expect(saved).toMatchObject({ title: 'WLAN im Lesesaal fällt aus' });
    expect((await getTicket(t.ctx, agent, ticket.id)).title).toBe('WLAN im Lesesaal fällt aus');
  });
});

/** Another connection, in its own thread, takes the write lock, writes, and commits after `ms`. */
function holdWriteLock(file: string, ms: number) {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require('better-sqlite3');
     const db = new Database(workerData.file);
     db.exec('BEGIN IMMEDIATE');
     db.exec("UPDATE config_generation SET value = value + 1");
     parentPort.postMessage('locked');
     Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
     db.exec('COMMIT');
     db.close();`,
    { eval: true, workerData: { file, ms } },
  );
  const locked = new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  const done = new Promise<void>((resolve, reject) => {
    worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the other writer exited with ${code}`))));
  });
  return { locked, done };
}
