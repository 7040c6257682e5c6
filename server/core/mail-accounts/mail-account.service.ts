import { nowIso, type ServiceContext } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { normaliseMailAccountInput, type MailAccountSettings } from './mail-account-input.ts';
import { findMailAccountRow, settingsColumns, settingsOf, toMailAccountView, type MailAccountRow } from './mail-account.repository.ts';
import type { MailAccountInput, MailAccountPatch, MailAccountView } from './mail-account.types.ts';

/** All mail accounts, by id (admins only). */
export async function listMailAccounts(ctx: ServiceContext, actor: Actor): Promise<MailAccountView[]> {
  requireAdmin(actor);
  const rows = await ctx.db.selectFrom('mail_account').selectAll().orderBy('id').execute();
  return rows.map(toMailAccountView);
}

/** One mail account (admins only). */
export async function getMailAccount(ctx: ServiceContext, actor: Actor, id: number): Promise<MailAccountView> {
  requireAdmin(actor);
  return toMailAccountView(await getRowOrThrow(ctx, id));
}

/** Adds a mail account; it is polled at the next tick of the poller. */
export async function createMailAccount(ctx: ServiceContext, actor: Actor, input: MailAccountInput): Promise<MailAccountView> {
  requireAdmin(actor);
  const settings = normaliseMailAccountInput(input);
  await requireQueue(ctx, settings.queueId);
  const now = nowIso(ctx);
  const row = await ctx.db
    .insertInto('mail_account')
    .values({ ...settingsColumns(settings), next_poll_at: null, created_at: now, changed_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMailAccountView(row);
}

/**
 * Changes a mail account; an omitted password keeps the stored one. A change to where or how
 * it connects makes it due at once and clears the failure count, so an admin who fixed a
 * password sees the result on the next tick instead of after a back-off.
 */
export async function updateMailAccount(ctx: ServiceContext, actor: Actor, id: number, patch: MailAccountPatch): Promise<MailAccountView> {
  requireAdmin(actor);
  const row = await getRowOrThrow(ctx, id);
  const before = settingsOf(row);
  if (patch.password !== undefined && !patch.password) throw invalid('password', 'must not be empty; leave it out to keep the stored one');
  const merged = { ...before, ...definedOnly(patch) };
  // A protocol change brings its own default port and security unless given.
  if (patch.protocol && patch.protocol !== before.protocol) {
    if (patch.port === undefined) delete (merged as Partial<MailAccountSettings>).port;
    if (patch.security === undefined) delete (merged as Partial<MailAccountSettings>).security;
  }
  const settings = normaliseMailAccountInput(merged);
  await requireQueue(ctx, settings.queueId);
  const reconnect = connectionChanged(before, settings);
  const mailboxMoved = before.host !== settings.host || before.login !== settings.login || before.folder !== settings.folder || before.protocol !== settings.protocol;
  const updated = await ctx.db
    .updateTable('mail_account')
    .set({
      ...settingsColumns(settings),
      changed_at: nowIso(ctx),
      ...(reconnect ? { next_poll_at: nowIso(ctx), consecutive_failures: 0 } : {}),
      // The cursor belongs to one mailbox; another mailbox starts from its first message.
      ...(mailboxMoved ? { imap_uid_validity: null, imap_last_uid: 0 } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMailAccountView(updated);
}

/** Removes a mail account; mails already fetched from it stay. */
export async function deleteMailAccount(ctx: ServiceContext, actor: Actor, id: number): Promise<void> {
  requireAdmin(actor);
  await getRowOrThrow(ctx, id);
  await ctx.db.deleteFrom('mail_account').where('id', '=', id).execute();
}

async function getRowOrThrow(ctx: ServiceContext, id: number): Promise<MailAccountRow> {
  const row = await findMailAccountRow(ctx.db, id);
  if (!row) throw notFound(`Mail account ${id}`);
  return row;
}

async function requireQueue(ctx: ServiceContext, queueId: number | null): Promise<void> {
  if (queueId === null) return;
  const queue = await ctx.db.selectFrom('queue').select('id').where('id', '=', queueId).executeTakeFirst();
  if (!queue) throw notFound(`Queue ${queueId}`, 'queueId');
}

function connectionChanged(a: MailAccountSettings, b: MailAccountSettings): boolean {
  const keys = ['protocol', 'host', 'port', 'security', 'login', 'password', 'folder', 'moveToFolder', 'valid'] as const;
  return keys.some((key) => a[key] !== b[key]);
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
