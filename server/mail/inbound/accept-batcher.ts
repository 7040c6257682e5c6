import type { ServiceContext } from '../../core/context.ts';
import { receiveRawMails } from '../../core/mail-intake/raw-mail.service.ts';
import { isTrustedSmtpClient } from '../../core/postmaster/trusted-client.service.ts';

/** A received message as an SMTP or LMTP session hands it over, before its 250. */
export interface AcceptRequest {
  raw: Buffer;
  /** "smtp 192.0.2.10", "lmtp". */
  source: string;
  /** The client's IP address, to decide whether its X-Ticketwerk-* headers are honoured. */
  clientAddress: string;
}

/** Stores messages of many sessions with shared commits. */
export interface AcceptBatcher {
  /** Resolves once the message is durably stored (then, and only then, the session says 250). */
  accept(request: AcceptRequest): Promise<{ rawMailId: number; duplicate: boolean }>;
}

interface Waiting {
  request: AcceptRequest;
  resolve: (stored: { rawMailId: number; duplicate: boolean }) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for acknowledgements. While a commit runs, the messages that sessions finish
 * meanwhile wait and are then written together in the next one: one INSERT each, one disk flush
 * for all, and each session hears 250 only after the commit that holds its message. A failed
 * commit fails every message of it (451, the senders retry); a message that fails on its own
 * (its blob file not writable) fails alone.
 *
 * A batch is taken one event-loop turn after the previous commit (or after the first message
 * of an idle spell). SQLite commits synchronously, so sessions' data that arrived during the
 * commit is read only in that turn; taking the batch at once would find it empty, and each
 * message would again get a commit of its own.
 */
export function createAcceptBatcher(ctx: ServiceContext, options: { maxBatch?: number } = {}): AcceptBatcher {
  const maxBatch = options.maxBatch ?? 64;
  const waiting: Waiting[] = [];
  let writing = false;

  async function write(batch: Waiting[]): Promise<void> {
    try {
      const trusted = await trustedAddresses(ctx, batch.map((w) => w.request.clientAddress));
      const inputs = batch.map(({ request }) => ({ raw: request.raw, source: request.source, trusted: trusted.has(request.clientAddress) }));
      const results = await receiveRawMails(ctx, inputs);
      batch.forEach((w, index) => {
        const result = results[index];
        if (result && !('error' in result)) w.resolve(result);
        else w.reject(result?.error ?? new Error('the message was not stored'));
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  async function run(): Promise<void> {
    while (waiting.length > 0) {
      await new Promise((resolve) => setImmediate(resolve));
      await write(waiting.splice(0, maxBatch));
    }
    writing = false;
  }

  return {
    accept(request) {
      return new Promise((resolve, reject) => {
        waiting.push({ request, resolve, reject });
        if (writing) return;
        writing = true;
        void run();
      });
    },
  };
}

/** Which of these client addresses are trusted: one lookup per distinct address and batch. */
async function trustedAddresses(ctx: ServiceContext, addresses: string[]): Promise<Set<string>> {
  const distinct = [...new Set(addresses)];
  const trusted = await Promise.all(distinct.map((address) => isTrustedSmtpClient(ctx, address)));
  return new Set(distinct.filter((_, index) => trusted[index]));
}
