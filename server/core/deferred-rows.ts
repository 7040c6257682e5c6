import type { Insertable, Kysely } from 'kysely';
import type { Database, TicketEventTable, TicketHistoryTable } from '../db/schema.ts';
import { insertEventRows, insertHistoryRows, updateRawMailOutcomes, type RawMailOutcome } from './bulk-rows.ts';

/** Where a batch's row lists stood, to go back to when one mail of it is rolled back. */
export interface DeferredRowsMark {
  history: number;
  events: number;
  rawMails: number;
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
    await insertHistoryRows(db, history);
    await insertEventRows(db, events);
    await updateRawMailOutcomes(db, rawMails, now);
  }
}
