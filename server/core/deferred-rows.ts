import type { Insertable, Kysely } from 'kysely';
import type { Database, TicketEventTable, TicketHistoryTable } from '../db/schema.ts';

/** Where a batch's row lists stood, to go back to when one mail of it is rolled back. */
export interface DeferredRowsMark {
  history: number;
  events: number;
}

/**
 * History and event rows of many ticket changes, written when the transaction that made them
 * is about to commit: one INSERT per table for a whole intake batch instead of one per change
 * (on PostgreSQL each is a round trip). Only for transactions in which nothing reads these
 * rows back; they still commit or roll back with the changes that made them.
 */
export class DeferredRows {
  private history: Insertable<TicketHistoryTable>[] = [];
  private events: Insertable<TicketEventTable>[] = [];

  addHistory(rows: Insertable<TicketHistoryTable>[]): void {
    this.history.push(...rows);
  }

  addEvent(row: Insertable<TicketEventTable>): void {
    this.events.push(row);
  }

  mark(): DeferredRowsMark {
    return { history: this.history.length, events: this.events.length };
  }

  /** Forgets the rows added after `mark`: their changes were rolled back (a savepoint). */
  undo(mark: DeferredRowsMark): void {
    this.history.length = mark.history;
    this.events.length = mark.events;
  }

  /** Writes every row held, in the order they were added, and empties the lists. */
  async flush(db: Kysely<Database>): Promise<void> {
    const history = this.history;
    const events = this.events;
    this.history = [];
    this.events = [];
    for (const chunk of chunksOfPowerOfTwo(history)) await db.insertInto('ticket_history').values(chunk).execute();
    for (const chunk of chunksOfPowerOfTwo(events)) await db.insertInto('ticket_event').values(chunk).execute();
  }
}

/**
 * Splits rows into chunks of 256, 128, … 1 rows. A multi-row INSERT's text depends on its row
 * count, and PostgreSQL connections keep a named statement per text (db/connect.ts): this way
 * a table needs at most nine of them, whatever the batch sizes.
 */
export function* chunksOfPowerOfTwo<T>(rows: T[], max = 256): Generator<T[]> {
  let start = 0;
  while (start < rows.length) {
    let size = max;
    while (size > rows.length - start) size /= 2;
    yield rows.slice(start, start + size);
    start += size;
  }
}

/**
 * Values for `IN (…)` lists in chunks of 256, 128, … 1, the last one filled up to its power of
 * two by repeating its last value (a repeated value changes no IN list's result). Like
 * `chunksOfPowerOfTwo` it keeps the statement texts few, and it needs one statement where
 * that needs several: 5 values are one list of 8, not one of 4 and one of 1.
 */
export function* inListChunks<T>(values: T[], max = 256): Generator<T[]> {
  for (let start = 0; start < values.length; start += max) {
    const chunk = values.slice(start, start + max);
    let size = 1;
    while (size < chunk.length) size *= 2;
    const last = chunk[chunk.length - 1] as T;
    while (chunk.length < size) chunk.push(last);
    yield chunk;
  }
}
