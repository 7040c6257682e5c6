import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, TicketEventTable, TicketHistoryTable } from '../db/schema.ts';

/** Where a batch's row lists stood, to go back to when one mail of it is rolled back. */
export interface DeferredRowsMark {
  history: number;
  events: number;
  rawMails: number;
}

/** What became of a raw mail, every column given (mail intake's "processed" and "duplicate"). */
export interface RawMailOutcome {
  status: string;
  error: string | null;
  message_id: string | null;
  content_hash: string | null;
  ticket_id: number | null;
  article_id: number | null;
}

/**
 * History and event rows of many ticket changes, and the raw mails' outcomes, written when the
 * transaction that made them is about to commit: one statement per table for a whole intake
 * batch instead of one per change (on PostgreSQL each is a round trip). Only for transactions
 * in which nothing reads these rows back; they still commit or roll back with the changes that
 * made them.
 */
export class DeferredRows {
  private history: Insertable<TicketHistoryTable>[] = [];
  private events: Insertable<TicketEventTable>[] = [];
  private rawMails: (RawMailOutcome & { id: number })[] = [];

  /**
   * @param holdsRawMailOutcomes whether raw mails' outcomes are held too. Only where a failing
   *   one can be dealt with: it fails the flush, not its own mail (see intake-batch.ts).
   */
  constructor(private readonly holdsRawMailOutcomes = false) {}

  addHistory(rows: Insertable<TicketHistoryTable>[]): void {
    this.history.push(...rows);
  }

  addEvent(row: Insertable<TicketEventTable>): void {
    this.events.push(row);
  }

  /** Holds the raw mail's new status and what it became, if these rows hold outcomes; `processed_at` is the flush's time. */
  holdRawMailOutcome(rawMailId: number, outcome: RawMailOutcome): boolean {
    if (this.holdsRawMailOutcomes) this.rawMails.push({ id: rawMailId, ...outcome });
    return this.holdsRawMailOutcomes;
  }

  mark(): DeferredRowsMark {
    return { history: this.history.length, events: this.events.length, rawMails: this.rawMails.length };
  }

  /** Forgets the rows added after `mark`: their changes were rolled back (a savepoint). */
  undo(mark: DeferredRowsMark): void {
    this.history.length = mark.history;
    this.events.length = mark.events;
    this.rawMails.length = mark.rawMails;
  }

  /** Writes every row held, in the order they were added, and empties the lists; `now` is the raw mails' processed_at. */
  async flush(db: Kysely<Database>, now: string): Promise<void> {
    const { history, events, rawMails } = this;
    this.history = [];
    this.events = [];
    this.rawMails = [];
    for (const chunk of chunksOfPowerOfTwo(history)) await db.insertInto('ticket_history').values(chunk).execute();
    for (const chunk of chunksOfPowerOfTwo(events)) await db.insertInto('ticket_event').values(chunk).execute();
    // A repeated last row sets the same values again: filled up, a batch needs one UPDATE.
    for (const chunk of inListChunks(rawMails)) await updateRawMails(db, chunk, now);
  }
}

/**
 * Sets many raw mails' outcomes with one UPDATE … FROM a list of values (both databases; SQLite
 * names a VALUES list's columns only through a WITH). PostgreSQL reads untyped parameters in a
 * VALUES list as text, hence the casts of the id columns.
 */
async function updateRawMails(db: Kysely<Database>, rows: (RawMailOutcome & { id: number })[], now: string): Promise<void> {
  const int = (value: number | null) => sql`cast(${value} as integer)`;
  const values = rows.map(
    (r) => sql`(${int(r.id)}, ${r.status}, ${r.error}, ${r.message_id}, ${r.content_hash}, ${int(r.ticket_id)}, ${int(r.article_id)})`,
  );
  await sql`with outcome (id, status, error, message_id, content_hash, ticket_id, article_id) as (values ${sql.join(values)})
    update raw_mail set status = outcome.status, error = outcome.error, message_id = outcome.message_id,
      content_hash = outcome.content_hash, ticket_id = outcome.ticket_id, article_id = outcome.article_id,
      attempts = attempts + 1, processed_at = ${now}
    from outcome where raw_mail.id = outcome.id`.execute(db);
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
