import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { MailParser } from '../../core/mail-intake/intake-batch.ts';
import type { ParsedMail } from '../../core/mail-intake/parsed-mail.ts';
import type { Logger } from '../../core/ports.ts';
import { spawnWorker } from './spawn-worker.ts';

/** Parses mails in worker threads; `close` ends them. */
export interface ParsePool {
  /** Parses in the least busy thread; `timeoutMs` overrides the pool's limit for this mail. */
  parse: (raw: Buffer, timeoutMs?: number) => ReturnType<MailParser>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (mail: ParsedMail) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

const WORKER_URL = new URL('./parse-worker.ts', import.meta.url);

/**
 * Parsing a mail (MIME, charsets, HTML to text) is pure CPU work of a few milliseconds; in
 * worker threads it runs beside the main thread, which meanwhile writes the mails parsed
 * before. A parse that takes longer than `timeoutMs` (a mail built to make the parser loop)
 * ends its worker, which is replaced, and the mail is filed as unreadable.
 */
export function createParsePool(logger: Logger, options: { size?: number; timeoutMs?: number } = {}): ParsePool {
  const size = options.size ?? Math.max(1, Math.min(4, os.availableParallelism() - 1));
  const timeoutMs = options.timeoutMs ?? 30_000;
  let nextId = 1;
  let closed = false;
  const workers: PoolWorker[] = [];

  const start = (): PoolWorker => {
    const entry: PoolWorker = { worker: spawnWorker(WORKER_URL), pending: new Map() };
    entry.worker.on('message', (message: { id: number; mail?: ParsedMail; error?: string }) => {
      const pending = entry.pending.get(message.id);
      if (!pending) return;
      entry.pending.delete(message.id);
      clearTimeout(pending.timer);
      if (message.mail) pending.resolve(revive(message.mail));
      else pending.reject(new Error(message.error ?? 'the parser failed'));
    });
    entry.worker.on('error', (error) => fail(entry, error));
    entry.worker.on('exit', (code) => fail(entry, new Error(`the parser thread ended (exit code ${code})`)));
    // Idle parser threads do not keep the process alive; open parses do (their timers).
    entry.worker.unref();
    return entry;
  };

  // A dead worker takes its mails with it: they are rejected (and filed as unreadable, or
  // retried), and a new worker takes its place.
  const fail = (entry: PoolWorker, error: Error) => {
    const index = workers.indexOf(entry);
    if (index === -1) return;
    for (const pending of entry.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    entry.pending.clear();
    if (closed) return;
    logger.warn({ err: error }, 'a mail parser thread stopped; starting a new one');
    workers[index] = start();
  };

  for (let i = 0; i < size; i++) workers.push(start());

  return {
    parse(raw, limitMs = timeoutMs) {
      if (closed) return Promise.reject(new Error('the parse pool is closed'));
      const entry = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      return new Promise<ParsedMail>((resolve, reject) => {
        const timer = setTimeout(() => {
          void entry.worker.terminate();
          fail(entry, new Error(`parsing took longer than ${limitMs / 1000} s`));
        }, limitMs);
        entry.pending.set(id, { resolve, reject, timer });
        entry.worker.postMessage({ id, raw });
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((entry) => entry.worker.terminate()));
    },
  };
}

/** Structured cloning turns Buffers into plain Uint8Arrays; the rest of intake expects Buffers. */
function revive(mail: ParsedMail): ParsedMail {
  return {
    ...mail,
    attachments: mail.attachments.map((a) => ({ ...a, content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength) })),
  };
}
