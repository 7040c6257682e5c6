import { parentPort } from 'node:worker_threads';
import { parseMail } from '../../core/mail-intake/parse-mail.ts';

/**
 * Runs in a worker thread of the parse pool: parses raw mails so that the main thread's
 * event loop stays free for SMTP sessions, HTTP requests and database work.
 */
if (!parentPort) throw new Error('parse-worker.ts runs only as a worker thread');
const port = parentPort;
port.on('message', (request: { id: number; raw: Uint8Array }) => {
  parseMail(Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength)).then(
    (mail) => port.postMessage({ id: request.id, mail }),
    (error: unknown) => port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
