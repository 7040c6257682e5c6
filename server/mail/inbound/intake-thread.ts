import type { Worker } from 'node:worker_threads';
import type { Config } from '../../config/config.ts';
import type { Logger } from '../../core/ports.ts';
import type { AcceptBatcher } from './accept-batcher.ts';
import type { IntakeQueue } from './intake-queue.ts';
import { spawnWorker } from './spawn-worker.ts';

/** What the intake thread starts with (its `workerData`). */
export interface IntakeThreadData {
  config: Config;
  recoverEveryMs?: number;
}

/** Sent to the intake thread; `id` marks a request that gets a reply. */
export type IntakeThreadRequest =
  | { kind: 'accept'; id: number; raw: Uint8Array; source: string; clientAddress: string }
  | { kind: 'recover' | 'drain' | 'close'; id: number }
  | { kind: 'push'; rawMailId: number }
  | { kind: 'ping' };

/** Sent by the intake thread. */
export type IntakeThreadMessage =
  | { kind: 'ready' }
  | { kind: 'pong' }
  | { kind: 'reply'; id: number; value?: unknown; error?: string }
  | { kind: 'log'; level: keyof Logger; obj: object; msg?: string };

/** Mail intake in a thread of its own: the accept commits and the processing of stored mails. */
export interface IntakeThread {
  batcher: AcceptBatcher;
  queue: IntakeQueue;
  /** The running thread; null while one that ended is being replaced. */
  worker(): Worker | null;
  /** Finishes the mails in hand, then ends the thread. */
  close(): Promise<void>;
}

export interface IntakeThreadOptions {
  /** Passed to the thread's intake queue. */
  recoverEveryMs?: number;
  /** Wait before a thread that ended unexpectedly is replaced. */
  restartDelayMs?: number;
  /**
   * A running thread that answers nothing for this long is stuck (a loop that never yields,
   * a lock it waits for synchronously) and is ended, then replaced. Default 60 s: a batch
   * takes milliseconds, and SQLite's longest wait for its lock is 5 s.
   */
  stallAfterMs?: number;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

const WORKER_URL = new URL('./intake-thread-worker.ts', import.meta.url);

/**
 * Runs mail intake (accept commits, parsing, filters, tickets, auto-responses) in a worker
 * thread with its own database connection, so that the main thread's event loop only speaks
 * SMTP and HTTP. On SQLite every statement runs synchronously: a batch of mails written on the
 * main thread held every SMTP answer and HTTP request behind it for the batch's length.
 *
 * A thread that ends unexpectedly is replaced: what it had in hand was committed or stays
 * "received", and the new thread's recover() picks that up. Meanwhile, and for the messages
 * in flight, senders hear 451 and retry.
 */
export async function startIntakeThread(config: Config, logger: Logger, options: IntakeThreadOptions = {}): Promise<IntakeThread> {
  const restartDelayMs = options.restartDelayMs ?? 1000;
  const stallAfterMs = options.stallAfterMs ?? 60_000;
  const data: IntakeThreadData = { config, recoverEveryMs: options.recoverEveryMs };
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let closing = false;
  // When the running thread last said anything; null until it is ready.
  let lastHeard: number | null = null;

  const request = <T>(message: { kind: 'accept' | 'recover' | 'drain' | 'close' } & Record<string, unknown>): Promise<T> => {
    const current = worker;
    if (!current) return Promise.reject(new Error('the intake thread is restarting'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      current.postMessage({ ...message, id });
    });
  };

  const start = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const current = spawnWorker(WORKER_URL, data);
      worker = current;
      current.on('message', (message: IntakeThreadMessage) => {
        if (worker === current) lastHeard = Date.now();
        if (message.kind === 'ready') resolve();
        else if (message.kind === 'pong') return;
        else if (message.kind === 'log') logger[message.level](message.obj, message.msg);
        else settle(message);
      });
      current.on('error', (error) => {
        reject(error);
        logger.error({ err: error }, 'the intake thread failed');
      });
      current.on('exit', (code) => {
        reject(new Error(`the intake thread ended while starting (exit code ${code})`));
        ended(current);
      });
    });

  const settle = (reply: Extract<IntakeThreadMessage, { kind: 'reply' }>) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.error === undefined) waiting.resolve(reply.value);
    else waiting.reject(new Error(reply.error));
  };

  // Its requests can no longer be answered; a replacement starts unless the server is stopping.
  const ended = (current: Worker) => {
    if (worker !== current) return;
    worker = null;
    lastHeard = null;
    for (const waiting of pending.values()) waiting.reject(new Error('the intake thread ended'));
    pending.clear();
    if (closing) return;
    logger.error({}, 'the intake thread ended unexpectedly; starting a new one');
    setTimeout(restart, restartDelayMs).unref();
  };

  const restart = () => {
    if (closing) return;
    start()
      .then(() => request<number>({ kind: 'recover' }))
      .catch((error: unknown) => logger.error({ err: error }, 'the intake thread could not start; trying again'));
  };

  try {
    await start();
  } catch (error) {
    // The server does not start; nothing is to be replaced.
    closing = true;
    throw error;
  }

  // The watchdog: a ping a few times per stallAfterMs; a thread that answers nothing at all for
  // that long is ended, and ended() replaces it.
  const watchdog = setInterval(() => {
    const current = worker;
    if (!current || lastHeard === null) return;
    if (Date.now() - lastHeard > stallAfterMs) {
      logger.error({}, `the intake thread has not answered for ${Math.round(stallAfterMs / 1000)} s; ending it and starting a new one`);
      lastHeard = null;
      void current.terminate();
      return;
    }
    current.postMessage({ kind: 'ping' } satisfies IntakeThreadRequest);
  }, Math.max(10, Math.round(stallAfterMs / 4)));
  watchdog.unref();

  const queue: IntakeQueue = {
    // A mail pushed while the thread is replaced stays "received"; the new thread recovers it.
    push: (rawMailId) => worker?.postMessage({ kind: 'push', rawMailId } satisfies IntakeThreadRequest),
    recover: () => request<number>({ kind: 'recover' }),
    drain: () => request<void>({ kind: 'drain' }),
    // The thread's own queue stops with IntakeThread.close(), which also ends the thread.
    close: () => {},
  };
  return {
    queue,
    worker: () => worker,
    batcher: { accept: (accept) => request({ kind: 'accept', raw: accept.raw, source: accept.source, clientAddress: accept.clientAddress }) },
    async close() {
      closing = true;
      clearInterval(watchdog);
      const current = worker;
      if (!current) return;
      await request<void>({ kind: 'close' }).catch((error: unknown) => logger.warn({ err: error }, 'the intake thread did not finish cleanly'));
      await current.terminate();
    },
  };
}
