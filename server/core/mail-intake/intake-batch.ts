import { sql } from 'kysely';
import type { ConfigCache } from '../config-cache.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DeferredRows } from '../deferred-rows.ts';
import { isDatabaseUnavailable, notFound } from '../errors.ts';
import { IntakeLookups } from './batch-lookups.ts';
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
 * Processes prepared mails in one transaction (group commit: one disk flush for many mails).
 * A crash at any point leaves every mail of the batch "received", to be processed exactly once
 * on restart.
 *
 * The first attempt writes the mails one after another without savepoints, and reads what
 * every mail looks up (twins, senders) for all of them at once: on PostgreSQL each statement
 * saved is a round trip. If one mail breaks, the whole attempt is rolled back and the batch
 * runs again with each mail in its own savepoint, looking up for itself, so that the broken
 * mail's work alone is undone and it is filed in Postmaster for a person. An error of the
 * transaction itself, or a mail's error that says the database is down or locked, is not
 * retried here: the mails stay "received" for the recovery. Inside a caller's transaction
 * every mail gets its savepoint.
 *
 * Stops taking further mails once `budgetMs` has passed, so a mail's wait for the commit stays
 * short; those not processed come back in `rest`.
 */
export async function processPreparedMails(
  ctx: ServiceContext,
  mails: PreparedMail[],
  options: BatchOptions = {},
): Promise<{ results: IngestResult[]; rest: PreparedMail[] }> {
  // Inside a caller's transaction a failed attempt could not be rolled back on its own.
  if (ctx.db.isTransaction) return processBatch(ctx, mails, options, ONE_BY_ONE);
  try {
    return await processBatch(ctx, mails, options, TOGETHER);
  } catch (error) {
    if (!(error instanceof MailBrokeBatch)) throw error;
    // A database that is down or locked would only fail each mail again, after another wait.
    if (isDatabaseUnavailable(error.cause)) throw error.cause;
    return processBatch(ctx, mails, options, ONE_BY_ONE);
  }
}

export interface BatchOptions {
  /** Stop taking further mails after this long (see processPreparedMails). */
  budgetMs?: number;
  /** Configuration kept from earlier batches (the intake queue keeps one); without it each batch reads its own. */
  config?: ConfigCache;
}

/** How a batch is written: its lookups, how each mail is processed, and what waits for the batch's end. */
interface BatchMode {
  lookUp(tx: ServiceContext, mails: PreparedMail[]): Promise<IntakeLookups>;
  processOne(tx: ServiceContext, mail: PreparedMail, lookups: IntakeLookups): Promise<IngestResult>;
  /**
   * The raw mails' outcomes are written together at the end, and a failure there (the database
   * refusing one mail's outcome) sends the batch one by one: there each mail writes its own
   * outcome, in its own savepoint, and only the refused one goes to Postmaster.
   */
  holdsOutcomes: boolean;
}

const TOGETHER: BatchMode = {
  async lookUp(tx, mails) {
    const toLookUp = mails.flatMap((m) => ('mail' in m.parsed ? [{ rawMailId: m.row.id, mail: m.parsed.mail }] : []));
    // A value of some mail that breaks the read (one PostgreSQL refuses) sends the batch one by one.
    return IntakeLookups.read(tx, toLookUp).catch((error: unknown) => {
      throw new MailBrokeBatch(error);
    });
  },
  processOne: processDirectly,
  holdsOutcomes: true,
};

const ONE_BY_ONE: BatchMode = {
  lookUp: async () => IntakeLookups.none(),
  processOne: processInSavepoint,
  holdsOutcomes: false,
};

async function processBatch(ctx: ServiceContext, mails: PreparedMail[], options: BatchOptions, mode: BatchMode) {
  const budgetMs = options.budgetMs ?? Infinity;
  return inTransaction(ctx, async (txCtx) => {
    // Configuration every mail reads (filters, addresses, queues …) is read once per batch or
    // kept from earlier ones, and history and event rows and the raw mails' outcomes are
    // written together at its end.
    const deferred = new DeferredRows(mode.holdsOutcomes);
    const memo = options.config ? await options.config.memoFor(txCtx) : new Map<string, unknown>();
    const tx: ServiceContext = { ...txCtx, memo, rowMemo: new Map(), deferred };
    const started = performance.now();
    const lookups = await mode.lookUp(tx, mails);
    const results: IngestResult[] = [];
    let rest: PreparedMail[] = [];
    for (const [index, mail] of mails.entries()) {
      if (index > 0 && performance.now() - started > budgetMs) {
        rest = mails.slice(index);
        break;
      }
      results.push(await mode.processOne(tx, mail, lookups));
    }
    await deferred.flush(tx.db, nowIso(tx)).catch((error: unknown) => {
      throw mode.holdsOutcomes ? new MailBrokeBatch(error) : error;
    });
    return { results, rest };
  });
}

/** A mail's processing failed in an attempt without savepoints; the batch must run again with them. */
class MailBrokeBatch extends Error {
  constructor(cause: unknown) {
    super('A mail of the batch failed', { cause });
  }
}

async function processDirectly(tx: ServiceContext, mail: PreparedMail, lookups: IntakeLookups): Promise<IngestResult> {
  const { parsed } = mail;
  try {
    if ('error' in parsed) return await fileUnreadableMail(tx, mail.row, mail.raw, 'Parsing failed', parsed.error);
    return await processParsedMail(tx, mail.row, parsed.mail, lookups);
  } catch (error) {
    throw new MailBrokeBatch(error);
  }
}

async function processInSavepoint(tx: ServiceContext, mail: PreparedMail, lookups: IntakeLookups): Promise<IngestResult> {
  const { parsed } = mail;
  if ('error' in parsed) return inSavepoint(tx, () => fileUnreadableMail(tx, mail.row, mail.raw, 'Parsing failed', parsed.error));
  try {
    return await inSavepoint(tx, () => processParsedMail(tx, mail.row, parsed.mail, lookups));
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
