import { createHash } from 'node:crypto';
import { sendAutoResponse } from '../auto-responses/auto-response.service.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import { systemActor, type Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { runPostmasterFilters } from '../postmaster/postmaster.service.ts';
import { detectFollowUp } from './follow-up.ts';
import { appendFollowUp, attachBounce, createTicketFromMail, createUnreadableMailTicket } from './mail-to-ticket.ts';
import { detectBounce } from './bounce.ts';
import { parseMail } from './parse-mail.ts';
import type { ParsedMail } from './parsed-mail.ts';
import { receiveRawMail, type ReceiveInput } from './raw-mail.service.ts';

export { receiveRawMail } from './raw-mail.service.ts';

/** What became of one raw mail. */
export interface IngestResult {
  rawMailId: number;
  status: 'processed' | 'duplicate' | 'ignored' | 'failed';
  ticketId: number | null;
  articleId: number | null;
  isFollowUp: boolean;
}

const MAIL = systemActor('mail');

/** Stores and then processes a mail: for the importer and tests (listeners acknowledge in between). */
export async function ingestRawMail(ctx: ServiceContext, input: ReceiveInput): Promise<IngestResult> {
  const { rawMailId } = await receiveRawMail(ctx, input);
  return processRawMail(ctx, rawMailId);
}

/**
 * Turns a stored raw mail into a ticket or article: parse, filters, follow-up detection,
 * article, auto-response — all in one transaction together with the raw mail's new status,
 * so a crash at any point leaves the mail "received" and it is processed exactly once on
 * restart. Mail that cannot be parsed still becomes a ticket in the Postmaster queue.
 * Already processed mail is left as it is.
 */
export async function processRawMail(ctx: ServiceContext, rawMailId: number, options: { retryFailed?: boolean } = {}): Promise<IngestResult> {
  const row = await ctx.db.selectFrom('raw_mail').selectAll().where('id', '=', rawMailId).executeTakeFirst();
  if (!row) throw notFound(`Raw mail ${rawMailId}`);
  const done = (status: IngestResult['status'], extra: Partial<IngestResult> = {}): IngestResult => ({
    rawMailId, status, ticketId: row.ticket_id, articleId: row.article_id, isFollowUp: false, ...extra,
  });
  if (row.status !== 'received' && !(options.retryFailed && row.status === 'failed')) return done(row.status as IngestResult['status']);
  const raw = await ctx.blobs.get(row.sha256);

  const fail = (what: string, error: unknown) =>
    inTransaction(ctx, async (tx) => {
      const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      const ticket = await createUnreadableMailTicket(tx, MAIL, { rawMailId, raw, error: message, existingTicketId: row.ticket_id });
      await setRawMailOutcome(tx, rawMailId, { status: 'failed', error: message, ticket_id: ticket.ticketId, article_id: ticket.articleId });
      return done('failed', { ticketId: ticket.ticketId, articleId: ticket.articleId });
    });

  let mail: ParsedMail;
  try {
    mail = await parseMail(raw);
  } catch (error) {
    return fail('Parsing failed', error);
  }
  try {
    return await processParsedMail(ctx, row, mail, done);
  } catch (error) {
    // The mail's content broke processing (a value the database refuses …): file it in
    // Postmaster for a person. If even that fails (database down), the error propagates and
    // the mail stays "received" to be retried.
    return fail('Processing failed', error);
  }
}

type RawMailRow = { id: number; is_trusted: boolean; queue_id: number | null };
type Done = (status: IngestResult['status'], extra?: Partial<IngestResult>) => IngestResult;

async function processParsedMail(ctx: ServiceContext, row: RawMailRow, mail: ParsedMail, done: Done): Promise<IngestResult> {
  const rawMailId = row.id;
  return inTransaction(ctx, async (tx) => {
    const contentHash = hashContent(mail);
    const twin = await findProcessedTwin(tx, rawMailId, mail.messageId, contentHash);
    if (twin) {
      await setRawMailOutcome(tx, rawMailId, { status: 'duplicate', message_id: mail.messageId, content_hash: contentHash, ticket_id: twin.ticket_id, article_id: twin.article_id });
      return done('duplicate', { ticketId: twin.ticket_id, articleId: twin.article_id });
    }
    const filters = await runPostmasterFilters(tx, mail, { trusted: row.is_trusted });
    if (filters.ignore) {
      await setRawMailOutcome(tx, rawMailId, { status: 'ignored', message_id: mail.messageId, content_hash: contentHash, error: `Ignored by ${filters.matched.map((m) => m.name).join(', ') || 'a trusted header'}` });
      return done('ignored');
    }

    const bounce = detectBounce(mail);
    const bounced = bounce ? await attachBounce(tx, MAIL, { mail, rawMailId, bounce }) : null;
    const followUp = bounced ? null : await detectFollowUp(tx, mail);
    const outcome = bounced
      ? { ...bounced, isFollowUp: true, autoResponse: null }
      : followUp
        ? await appendFollowUp(tx, MAIL, { mail, rawMailId, ticketId: followUp.ticketId, presets: filters.followUp, newTicketPresets: filters.newTicket })
        : await createTicketFromMail(tx, MAIL, { mail, rawMailId, presets: filters.newTicket, accountQueueId: row.queue_id });

    if (outcome.autoResponse) {
      await sendAutoResponse(tx, { ticketId: outcome.ticketId, articleId: outcome.articleId, event: outcome.autoResponse, mail, isAutoGenerated: filters.isAutoGenerated });
    }
    await setRawMailOutcome(tx, rawMailId, {
      status: 'processed', error: null, message_id: mail.messageId, content_hash: contentHash, ticket_id: outcome.ticketId, article_id: outcome.articleId,
    });
    return done('processed', { ticketId: outcome.ticketId, articleId: outcome.articleId, isFollowUp: outcome.isFollowUp });
  });
}

/** Runs a stored mail through intake again (admins), e.g. after a parser fix or a new filter. */
export async function reprocessRawMail(ctx: ServiceContext, actor: Actor, rawMailId: number): Promise<IngestResult> {
  requireAdmin(actor);
  const row = await ctx.db.selectFrom('raw_mail').select('status').where('id', '=', rawMailId).executeTakeFirst();
  if (!row) throw notFound(`Raw mail ${rawMailId}`);
  if (row.status === 'ignored') await ctx.db.updateTable('raw_mail').set({ status: 'received' }).where('id', '=', rawMailId).execute();
  return processRawMail(ctx, rawMailId, { retryFailed: true });
}

type Outcome = {
  status: string;
  error?: string | null;
  message_id?: string | null;
  content_hash?: string | null;
  ticket_id?: number | null;
  article_id?: number | null;
};

async function setRawMailOutcome(ctx: ServiceContext, rawMailId: number, outcome: Outcome): Promise<void> {
  await ctx.db
    .updateTable('raw_mail')
    .set((eb) => ({ ...outcome, attempts: eb('attempts', '+', 1), processed_at: nowIso(ctx) }))
    .where('id', '=', rawMailId)
    .execute();
}

/** "Same message": same Message-ID and same content, whatever the transport headers say. */
function hashContent(mail: ParsedMail): string {
  const hash = createHash('sha256');
  for (const part of [mail.messageId ?? '', mail.from?.address ?? '', mail.subject, mail.text, mail.html ?? '']) hash.update(part).update('\u0000');
  for (const file of mail.attachments) hash.update(createHash('sha256').update(file.content).digest('hex'));
  return hash.digest('hex');
}

async function findProcessedTwin(ctx: ServiceContext, rawMailId: number, messageId: string | null, contentHash: string) {
  if (!messageId) return undefined;
  return ctx.db
    .selectFrom('raw_mail')
    .select(['ticket_id', 'article_id'])
    .where('message_id', '=', messageId)
    .where('content_hash', '=', contentHash)
    .where('status', 'in', ['processed', 'duplicate'])
    .where('id', '!=', rawMailId)
    .executeTakeFirst();
}
