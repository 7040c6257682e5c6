import { createHash } from 'node:crypto';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
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
 * Raw mails up to this size are kept in their raw_mail row; larger ones go to the blob store.
 * Text and HTML mails with small attachments, most of what a desk receives, stay under it and
 * are stored by the one commit that acknowledges them, without a file and its two fsyncs (file
 * and folder). Mails with big attachments stay files: in the database every byte would be
 * written twice (SQLite: WAL, then checkpoint; PostgreSQL: WAL, then TOAST pages), and SQLite
 * reads blobs above roughly 100 KB faster from files (sqlite.org, "Internal Versus External
 * BLOBs"). 256 KiB keeps a 40 KB HTML mail with a few images inline and a mail with a PDF out.
 */
export const INLINE_RAW_MAIL_MAX_BYTES = 256 * 1024;

/** What became of one mail handed to receiveRawMails: stored (or found stored), or why not. */
export type ReceiveResult = { rawMailId: number; duplicate: boolean } | { error: unknown };

/**
 * Stores a raw mail durably — the row committed, with the bytes in it or, for a large mail,
 * fsync'ed in the blob store first — and returns. Only after this resolves may a sender be
 * told 250 or a server copy be deleted. The exact same bytes received again (an IMAP re-fetch
 * after a crash) return the stored row.
 */
export async function receiveRawMail(ctx: ServiceContext, input: ReceiveInput): Promise<{ rawMailId: number; duplicate: boolean }> {
  const [result] = await receiveRawMails(ctx, [input]);
  if (!result || 'error' in result) throw result?.error;
  return result;
}

/**
 * Stores many raw mails with one commit (group commit for SMTP sessions that finish at the same
 * time), with receiveRawMail's promise for each: a mail's result says stored only once the
 * commit holding it is durable. One mail's failure (too large, its blob not writable) costs only
 * that mail; a failed commit fails every mail of it. Equal bytes, stored before or earlier in
 * the same call, give the same row.
 */
export async function receiveRawMails(ctx: ServiceContext, inputs: ReceiveInput[]): Promise<ReceiveResult[]> {
  const mails = await Promise.all(inputs.map((input) => checkAndStoreLarge(ctx, input).catch((error: unknown) => ({ error }))));
  const stored = await findStored(ctx, mails.flatMap((mail) => ('error' in mail ? [] : [mail.sha256])));
  const results: Array<ReceiveResult | undefined> = mails.map((mail) => {
    if ('error' in mail) return mail;
    const id = stored.get(mail.sha256);
    return id === undefined ? undefined : { rawMailId: id, duplicate: true };
  });
  const toWrite = mails.flatMap((mail, index) => ('error' in mail || results[index] ? [] : [{ mail, index }]));
  try {
    await inTransaction(ctx, async (tx) => {
      const written = new Map<string, number>();
      for (const { mail, index } of toWrite) {
        const twin = written.get(mail.sha256);
        if (twin !== undefined) results[index] = { rawMailId: twin, duplicate: true };
        else {
          const rawMailId = await insertRawMail(tx, mail);
          written.set(mail.sha256, rawMailId);
          results[index] = { rawMailId, duplicate: false };
        }
      }
    });
  } catch (error) {
    for (const { index } of toWrite) results[index] = { error };
  }
  return results as ReceiveResult[];
}

/** Ids of raw mails already stored with these sha256s. */
async function findStored(ctx: ServiceContext, shas: string[]): Promise<Map<string, number>> {
  const stored = new Map<string, number>();
  if (shas.length === 0) return stored;
  const rows = await ctx.db.selectFrom('raw_mail').select(['id', 'sha256']).where('sha256', 'in', [...new Set(shas)]).orderBy('id').execute();
  for (const row of rows) if (!stored.has(row.sha256)) stored.set(row.sha256, row.id);
  return stored;
}

interface CheckedMail {
  input: ReceiveInput;
  sha256: string;
  /** The bytes for the row; null when they are in the blob store. */
  content: Buffer | null;
}

/** Refuses empty and oversized mails; writes a large one to the blob store (fsync'ed). */
async function checkAndStoreLarge(ctx: ServiceContext, input: ReceiveInput): Promise<CheckedMail> {
  if (input.raw.length === 0) throw invalid('raw', 'the message is empty');
  if (input.raw.length > ctx.settings.maxMailBytes) throw invalid('raw', `the message is larger than ${ctx.settings.maxMailBytes} bytes`);
  if (input.raw.length <= INLINE_RAW_MAIL_MAX_BYTES) {
    return { input, sha256: createHash('sha256').update(input.raw).digest('hex'), content: input.raw };
  }
  const { sha256 } = await ctx.blobs.put(input.raw);
  return { input, sha256, content: null };
}

async function insertRawMail(tx: ServiceContext, mail: CheckedMail): Promise<number> {
  const { input } = mail;
  const row = await tx.db
    .insertInto('raw_mail')
    .values({
      sha256: mail.sha256,
      size: input.raw.length,
      received_at: nowIso(tx),
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
      content: mail.content,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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

/** The columns behind a RawMailView; lists never read the content. */
const VIEW_COLUMNS = ['id', 'received_at', 'source', 'size', 'status', 'error', 'message_id', 'ticket_id', 'article_id', 'attempts', 'processed_at'] as const;

/** Stored raw mails, newest first, optionally by status (e.g. "failed" to reprocess). */
export async function listRawMails(ctx: ServiceContext, actor: Actor, query: { status?: string; limit: number; offset: number }): Promise<{ items: RawMailView[]; total: number }> {
  requireAdmin(actor);
  let base = ctx.db.selectFrom('raw_mail');
  if (query.status) base = base.where('status', '=', query.status);
  const [rows, count] = await Promise.all([
    base.select(VIEW_COLUMNS).orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toView), total: Number(count.n) };
}

/** One raw mail with its bytes (admins only). */
export async function getRawMail(ctx: ServiceContext, actor: Actor, id: number): Promise<{ rawMail: RawMailView; content: Buffer }> {
  requireAdmin(actor);
  const row = await ctx.db.selectFrom('raw_mail').select([...VIEW_COLUMNS, 'sha256', 'content']).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Raw mail ${id}`);
  return { rawMail: toView(row), content: row.content ?? (await ctx.blobs.get(row.sha256)) };
}

/** The bytes of a stored raw mail: from its row when kept inline, otherwise from the blob store. */
export async function readRawMailContent(ctx: ServiceContext, rawMailId: number): Promise<Buffer> {
  const row = await ctx.db.selectFrom('raw_mail').select(['sha256', 'content']).where('id', '=', rawMailId).executeTakeFirst();
  if (!row) throw notFound(`Raw mail ${rawMailId}`);
  return row.content ?? ctx.blobs.get(row.sha256);
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
