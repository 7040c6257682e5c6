import { parentPort, workerData } from 'node:worker_threads';
import { connectConfiguredDatabase, systemContext } from '../../bootstrap.ts';
import type { Logger } from '../../core/ports.ts';
import { createAcceptBatcher } from './accept-batcher.ts';
import { createIntakeQueue } from './intake-queue.ts';
import type { IntakeThreadData, IntakeThreadMessage, IntakeThreadRequest } from './intake-thread.ts';
import { createParsePool } from './parse-pool.ts';

/**
 * The intake thread (intake-thread.ts): its own database connection, parse pool, accept
 * batcher and intake queue, driven by the main thread's messages. The main thread has
 * migrated the database before it starts this one.
 */
if (!parentPort) throw new Error('intake-thread-worker.ts runs only as a worker thread');
const port = parentPort;
const { config, recoverEveryMs } = workerData as IntakeThreadData;

const post = (message: IntakeThreadMessage) => port.postMessage(message);
const log =
  (level: keyof Logger) =>
  (obj: object, msg?: string): void =>
    post({ kind: 'log', level, obj: cloneable(obj), msg });
const logger: Logger = { info: log('info'), warn: log('warn'), error: log('error') };

// A few connections: the accept commits and a processing batch run side by side on PostgreSQL.
const handle = connectConfiguredDatabase(config, { poolSize: 4 });
handle.prepareStatements();
const ctx = systemContext(config, handle);
const parsePool = createParsePool(logger);
// A batch ends after its budget. On PostgreSQL each statement waits for a round trip while the
// thread's event loop stays free, and a batch's own statements (configuration counter, twins,
// senders, history, events, outcomes, commit) are spread over more mails in a longer one:
// 100 ms processed 138.0 mails/s on average against 118.6 with 25 ms, five runs each of
// bench:intake. On SQLite a batch holds the database's one write lock, which every writer of
// the main thread waits for, so it stays short.
const batchBudgetMs = handle.dialect === 'postgres' ? 100 : 25;
const queue = createIntakeQueue(ctx, logger, { parse: parsePool.parse, recoverEveryMs, batchBudgetMs });
const batcher = createAcceptBatcher(ctx);

const answer = (id: number, work: Promise<unknown>) =>
  work.then(
    (value) => post({ kind: 'reply', id, value }),
    (error: unknown) => post({ kind: 'reply', id, error: error instanceof Error ? error.message : String(error) }),
  );

async function close(): Promise<void> {
  queue.close();
  await queue.drain();
  await parsePool.close();
  await handle.close();
}

port.on('message', (request: IntakeThreadRequest) => {
  switch (request.kind) {
    case 'accept': {
      const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
      void answer(request.id, batcher.accept({ raw, source: request.source, clientAddress: request.clientAddress }));
      break;
    }
    case 'push':
      queue.push(request.rawMailId);
      break;
    case 'ping':
      post({ kind: 'pong' });
      break;
    case 'recover':
      void answer(request.id, queue.recover());
      break;
    case 'drain':
      void answer(request.id, queue.drain());
      break;
    case 'close':
      void answer(request.id, close());
      break;
  }
});
post({ kind: 'ready' });

/** Log objects cross to the main thread by structured cloning, which keeps only an Error's message; its stack and code go as fields. */
function cloneable(obj: object): object {
  return Object.fromEntries(
    Object.entries(obj).map(([key, value]) => [
      key,
      value instanceof Error ? { type: value.name, message: value.message, stack: value.stack, code: (value as { code?: unknown }).code } : value,
    ]),
  );
}
