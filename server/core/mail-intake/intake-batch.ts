import { sql } from 'kysely';
import { inTransaction, type ServiceContext } from '../context.ts';
import { DeferredRows } from '../deferred-rows.ts';
import { notFound } from '../errors.ts';
import { parseMail } from './parse-mail.ts';
import type { ParsedMail } from './parsed-mail.ts';
import { fileUnreadableMail, processParsedMail, type IngestResult, type RawMailRow } from './process-parsed-mail.ts';

/** Turns raw bytes into a parsed mail; the intake queue hands in one that runs in a worker thread. */
export type MailParser = (raw: Buffer) => Promise<ParsedMail>;

/** A stored mail, read and parsed outside any transaction, ready for its database work. */
export interface PreparedMail {
  row: RawMailRow;
  raw: Buffer;
  parsed: { mail: ParsedMail } | { error: unknown };
}

/**
 * Reads a stored mail and parses it. Returns the mail's result instead when there is nothing
 * to do: it was processed already (or failed, unless `retryFailed`).
 */
export async function prepareRawMail(
  ctx: ServiceContext,
  rawMailId: number,
  options: { parse?: MailParser; retryFailed?: boolean } = {},
): Promise<PreparedMail | IngestResult> {
  // The content comes with the row (small mails are stored in it); larger ones are blob files.
  const stored = await ctx.db
    .selectFrom('raw_mail')
    .select(['id', 'sha256', 'status', 'is_trusted', 'queue_id', 'ticket_id', 'article_id', 'content'])
    .where('id', '=', rawMailId)
    .executeTakeFirst();
  if (!stored) throw notFound(`Raw mail ${rawMailId}`);
  const { content, ...row } = stored;
  if (row.status !== 'received' && !(options.retryFailed && row.status === 'failed')) {
    return { rawMailId, status: row.status as IngestResult['status'], ticketId: row.ticket_id, articleId: row.article_id, isFollowUp: false };
  }
  const raw = content ?? (await ctx.blobs.get(row.sha256));
  const parse = options.parse ?? parseMail;
  const parsed = await parse(raw).then(
    (mail) => ({ mail }),
    (error: unknown) => ({ error }),
  );
  return { row, raw, parsed };
}

/**
 * Processes prepared mails in one transaction (group commit: one disk flush for many mails),
 * each inside its own savepoint so that one mail's failure undoes only that mail's work,
 * which is then filed in Postmaster for a person. A crash at any point leaves every mail of
 * the batch "received", to be processed exactly once on restart.
 *
 * Stops taking further mails once `budgetMs` has passed, so a mail's wait for the commit stays
 * short; those not processed come back in `rest`.
 */
export async function processPreparedMails(
  ctx: ServiceContext,
  mails: PreparedMail[],
  options: { budgetMs?: number } = {},
): Promise<{ results: IngestResult[]; rest: PreparedMail[] }> {
  const budgetMs = options.budgetMs ?? Infinity;
  return inTransaction(ctx, async (txCtx) => {
    // Configuration every mail reads (filters, addresses, queues …) is read once per batch, and
    // history and event rows are written together at its end.
    const deferred = new DeferredRows();
    const tx: ServiceContext = { ...txCtx, memo: new Map(), deferred };
    const started = performance.now();
    const results: IngestResult[] = [];
    let rest: PreparedMail[] = [];
    for (const [index, mail] of mails.entries()) {
      if (index > 0 && performance.now() - started > budgetMs) {
        rest = mails.slice(index);
        break;
      }
      results.push(await processOne(tx, mail));
    }
    await deferred.flush(tx.db);
    return { results, rest };
  });
}

async function processOne(tx: ServiceContext, mail: PreparedMail): Promise<IngestResult> {
  const { parsed } = mail;
  if ('error' in parsed) return inSavepoint(tx, () => fileUnreadableMail(tx, mail.row, mail.raw, 'Parsing failed', parsed.error));
  try {
    return await inSavepoint(tx, () => processParsedMail(tx, mail.row, parsed.mail));
  } catch (error) {
    // The mail's content broke processing (a value the database refuses …): file it in
    // Postmaster for a person. If even that fails (database down), the error ends the whole
    // transaction and every mail of it stays "received" to be retried.
    return inSavepoint(tx, () => fileUnreadableMail(tx, mail.row, mail.raw, 'Processing failed', error));
  }
}

/** Runs `work` so that its failure rolls back only its own writes (SQL savepoints, both databases). */
async function inSavepoint<T>(tx: ServiceContext, work: () => Promise<T>): Promise<T> {
  await sql`SAVEPOINT intake_mail`.execute(tx.db);
  const mark = tx.deferred?.mark();
  try {
    const result = await work();
    await sql`RELEASE SAVEPOINT intake_mail`.execute(tx.db);
    return result;
  } catch (error) {
    if (mark) tx.deferred?.undo(mark);
    await sql`ROLLBACK TO SAVEPOINT intake_mail`.execute(tx.db);
    await sql`RELEASE SAVEPOINT intake_mail`.execute(tx.db);
    throw error;
  }
}
