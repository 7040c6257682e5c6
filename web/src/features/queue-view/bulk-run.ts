/**
 * Runs one request per selected ticket (the API has no bulk endpoint, and per-ticket requests keep
 * each ticket's own permission, lock and version checks) with a few in flight at once, and gathers
 * what was changed and what the server refused, with its reason.
 */

export interface BulkTicket {
  id: number;
  number: string;
}

export interface BulkRefusal<T extends BulkTicket> {
  ticket: T;
  /** The server's sentence, e.g. "The ticket is locked by Anna Admin." */
  message: string;
  /** The server's code, e.g. TICKET_LOCKED, STALE_VERSION, FORBIDDEN. */
  code: string;
}

export interface BulkResult<T extends BulkTicket> {
  changed: T[];
  refused: BulkRefusal<T>[];
}

function describe(error: unknown): { message: string; code: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : 'ERROR';
  const message = error instanceof Error ? error.message : String(error);
  return { message, code };
}

/** Calls perform for every ticket, at most `concurrency` at once; never throws. Results keep the selection's order. */
export async function runBulk<T extends BulkTicket>(
  tickets: readonly T[],
  perform: (ticket: T) => Promise<unknown>,
  options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<BulkResult<T>> {
  const outcome: ({ ok: true } | { ok: false; message: string; code: string })[] = new Array(tickets.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < tickets.length) {
      const index = next++;
      try {
        await perform(tickets[index]!);
        outcome[index] = { ok: true };
      } catch (error) {
        outcome[index] = { ok: false, ...describe(error) };
      }
      done++;
      options.onProgress?.(done, tickets.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 4, tickets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  const result: BulkResult<T> = { changed: [], refused: [] };
  tickets.forEach((ticket, index) => {
    const o = outcome[index] ?? { ok: false, message: '', code: 'ERROR' };
    if (o.ok) result.changed.push(ticket);
    else result.refused.push({ ticket, message: o.message, code: o.code });
  });
  return result;
}

/** The tickets a merge changes: every selected one except the target it goes into. */
export function mergeSources<T extends BulkTicket>(tickets: readonly T[], targetId: number): T[] {
  return tickets.filter((t) => t.id !== targetId);
}

/** A typed ticket number as the API knows it: without "#" and blanks. */
export function cleanTicketNumber(input: string): string {
  return input.trim().replace(/^#/, '').replace(/\s+/g, '');
}
