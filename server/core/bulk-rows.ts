import { PostgresAdapter, sql, type Insertable, type Kysely } from 'kysely';
import type { Database, TicketEventTable, TicketHistoryTable } from '../db/schema.ts';

/**
 * Many rows in few statements, for mail intake's batches. On PostgreSQL every statement is a
 * round trip, and a connection keeps a named statement per SQL text (db/connect.ts), so the
 * rows go as one array per column through `unnest`: one statement of one text for any number
 * of rows. SQLite has no arrays and no round trips; there a multi-row statement's text depends
 * on its row count, which chunks of a power of two keep to a few texts.
 */

/** What became of a raw mail, every column given (mail intake's "processed" and "duplicate"). */
export interface RawMailOutcome {
  status: string;
  error: string | null;
  message_id: string | null;
  content_hash: string | null;
  ticket_id: number | null;
  article_id: number | null;
}

export async function insertHistoryRows(db: Kysely<Database>, rows: Insertable<TicketHistoryTable>[]): Promise<void> {
  if (rows.length === 0) return;
  if (!onPostgres(db)) {
    for (const chunk of chunksOfPowerOfTwo(rows)) await db.insertInto('ticket_history').values(chunk).execute();
    return;
  }
  const column = <T>(pick: (row: Insertable<TicketHistoryTable>) => T | null | undefined) => rows.map((row) => pick(row) ?? null);
  await sql`insert into ticket_history (ticket_id, article_id, history_type, field, old_value, new_value, agent_id, customer_user_id, created_at)
    select * from unnest(${column((r) => r.ticket_id)}::integer[], ${column((r) => r.article_id)}::integer[], ${column((r) => r.history_type)}::text[],
      ${column((r) => r.field)}::text[], ${column((r) => r.old_value)}::text[], ${column((r) => r.new_value)}::text[], ${column((r) => r.agent_id)}::integer[],
      ${column((r) => r.customer_user_id)}::integer[], ${column((r) => r.created_at)}::timestamptz[])`.execute(db);
}

export async function insertEventRows(db: Kysely<Database>, rows: Insertable<TicketEventTable>[]): Promise<void> {
  if (rows.length === 0) return;
  if (!onPostgres(db)) {
    for (const chunk of chunksOfPowerOfTwo(rows)) await db.insertInto('ticket_event').values(chunk).execute();
    return;
  }
  await sql`insert into ticket_event (name, ticket_id, payload, created_at)
    select * from unnest(${rows.map((r) => r.name)}::text[], ${rows.map((r) => r.ticket_id)}::integer[], ${rows.map((r) => r.payload)}::text[],
      ${rows.map((r) => r.created_at)}::timestamptz[])`.execute(db);
}

/** Sets many raw mails' outcomes with one UPDATE … FROM the list of them; `now` is their processed_at. */
export async function updateRawMailOutcomes(db: Kysely<Database>, rows: (RawMailOutcome & { id: number })[], now: string): Promise<void> {
  if (rows.length === 0) return;
  const set = sql`status = outcome.status, error = outcome.error, message_id = outcome.message_id, content_hash = outcome.content_hash,
    ticket_id = outcome.ticket_id, article_id = outcome.article_id, attempts = attempts + 1, processed_at = ${now}`;
  if (onPostgres(db)) {
    await sql`update raw_mail set ${set}
      from unnest(${rows.map((r) => r.id)}::integer[], ${rows.map((r) => r.status)}::text[], ${rows.map((r) => r.error)}::text[],
        ${rows.map((r) => r.message_id)}::text[], ${rows.map((r) => r.content_hash)}::text[], ${rows.map((r) => r.ticket_id)}::integer[],
        ${rows.map((r) => r.article_id)}::integer[]) as outcome (id, status, error, message_id, content_hash, ticket_id, article_id)
      where raw_mail.id = outcome.id`.execute(db);
    return;
  }
  // SQLite names a VALUES list's columns only through a WITH. A repeated last row sets the same
  // values again: filled up to a power of two, a batch needs one UPDATE.
  for (const chunk of inListChunks(rows)) {
    const values = chunk.map((r) => sql`(${r.id}, ${r.status}, ${r.error}, ${r.message_id}, ${r.content_hash}, ${r.ticket_id}, ${r.article_id})`);
    await sql`with outcome (id, status, error, message_id, content_hash, ticket_id, article_id) as (values ${sql.join(values)})
      update raw_mail set ${set} from outcome where raw_mail.id = outcome.id`.execute(db);
  }
}

function onPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Splits rows into chunks of 256, 128, … 1 rows: at most nine statement texts per table, whatever the batch sizes. */
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
