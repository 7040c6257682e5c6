import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { prepareRawMail, processPreparedMails, type MailParser } from './intake-batch.ts';
import type { IngestResult } from './process-parsed-mail.ts';
import { receiveRawMail, type ReceiveInput } from './raw-mail.service.ts';

export { receiveRawMail } from './raw-mail.service.ts';
export type { IngestResult } from './process-parsed-mail.ts';

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
 * Already processed mail is left as it is. The intake queue processes many at once through
 * intake-batch.ts; this is the same for one mail.
 */
export async function processRawMail(ctx: ServiceContext, rawMailId: number, options: { retryFailed?: boolean; parse?: MailParser } = {}): Promise<IngestResult> {
  const prepared = await prepareRawMail(ctx, rawMailId, options);
  if (!('row' in prepared)) return prepared;
  const { results } = await processPreparedMails(ctx, [prepared]);
  return results[0] as IngestResult;
}

/** Runs a stored mail through intake again (admins), e.g. after a parser fix or a new filter. */
export async function reprocessRawMail(ctx: ServiceContext, actor: Actor, rawMailId: number): Promise<IngestResult> {
  requireAdmin(actor);
  const row = await ctx.db.selectFrom('raw_mail').select('status').where('id', '=', rawMailId).executeTakeFirst();
  if (!row) throw notFound(`Raw mail ${rawMailId}`);
  if (row.status === 'ignored') await ctx.db.updateTable('raw_mail').set({ status: 'received' }).where('id', '=', rawMailId).execute();
  return processRawMail(ctx, rawMailId, { retryFailed: true });
}
