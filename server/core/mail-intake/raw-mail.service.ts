import { createHash } from 'node:crypto';
import { nowIso, type ServiceContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/** Where a raw mail came from and how it is to be treated. */
export interface ReceiveInput {
  raw: Buffer;
  /** "smtp 127.0.0.1", "lmtp", "imap:3", "pop3:4", "import". */
  source: string;
  /** The queue a mail account delivers to (filters may still decide otherwise). */
  queueId?: number | null;
  /** X-Ticketwerk-* headers are honoured only for trusted sources. */
  trusted?: boolean;
}

/**
 * Stores a raw mail durably — content fsync'ed in the blob store, row committed — and returns.
 * Only after this resolves may a sender be told 250 or a server copy be deleted. The exact
 * same bytes received again (an IMAP re-fetch after a crash) return the stored row.
 */
export async function receiveRawMail(ctx: ServiceContext, input: ReceiveInput): Promise<{ rawMailId: number; duplicate: boolean }> {
  if (input.raw.length === 0) throw invalid('raw', 'the message is empty');
  if (input.raw.length > ctx.settings.maxMailBytes) throw invalid('raw', `the message is larger than ${ctx.settings.maxMailBytes} bytes`);
  const sha256 = createHash('sha256').update(input.raw).digest('hex');
  const existing = await ctx.db.selectFrom('raw_mail').select('id').where('sha256', '=', sha256).executeTakeFirst();
  if (existing) return { rawMailId: existing.id, duplicate: true };
  await ctx.blobs.put(input.raw);
  const row = await ctx.db
    .insertInto('raw_mail')
    .values({
      sha256,
      size: input.raw.length,
      received_at: nowIso(ctx),
      source: input.source.slice(0, 100),
      status: 'received',
      error: null,
      message_id: null,
      content_hash: null,
      queue_id: input.queueId ?? null,
      is_trusted: input.trusted ?? false,
      ticket_id: null,
      article_id: null,
      processed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { rawMailId: row.id, duplicate: false };
}

/** A stored raw mail as admins see it. */
export interface RawMailView {
  id: number;
  receivedAt: string;
  source: string;
  size: number;
  status: string;
  error: string | null;
  messageId: string | null;
  ticketId: number | null;
  articleId: number | null;
  attempts: number;
  processedAt: string | null;
}

/** Stored raw mails, newest first, optionally by status (e.g. "failed" to reprocess). */
export async function listRawMails(ctx: ServiceContext, actor: Actor, query: { status?: string; limit: number; offset: number }): Promise<{ items: RawMailView[]; total: number }> {
  requireAdmin(actor);
  let base = ctx.db.selectFrom('raw_mail');
  if (query.status) base = base.where('status', '=', query.status);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toView), total: Number(count.n) };
}

/** One raw mail with its bytes (admins only). */
export async function getRawMail(ctx: ServiceContext, actor: Actor, id: number): Promise<{ rawMail: RawMailView; content: Buffer }> {
  requireAdmin(actor);
  const row = await ctx.db.selectFrom('raw_mail').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Raw mail ${id}`);
  return { rawMail: toView(row), content: await ctx.blobs.get(row.sha256) };
}

/** Ids of mails acknowledged but not yet processed (after a crash), oldest first. */
export async function listUnprocessedRawMailIds(ctx: ServiceContext, limit = 500): Promise<number[]> {
  const rows = await ctx.db.selectFrom('raw_mail').select('id').where('status', '=', 'received').orderBy('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

function toView(row: {
  id: number; received_at: string; source: string; size: number; status: string; error: string | null; message_id: string | null;
  ticket_id: number | null; article_id: number | null; attempts: number; processed_at: string | null;
}): RawMailView {
  return {
    id: row.id,
    receivedAt: row.received_at,
    source: row.source,
    size: row.size,
    status: row.status,
    error: row.error,
    messageId: row.message_id,
    ticketId: row.ticket_id,
    articleId: row.article_id,
    attempts: row.attempts,
    processedAt: row.processed_at,
  };
}
