import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { MailAccountTable } from '../../db/schema-mail-accounts.ts';
import type { AfterFetchAction, MailAccountConnection, MailAccountErrorKind, MailAccountProtocol, MailAccountSettings, MailAccountView, MailSecurity } from './mail-account.types.ts';

export type MailAccountRow = Selectable<MailAccountTable>;
type Db = Kysely<Database>;

/** Columns of settings, as stored. */
export function settingsColumns(s: MailAccountSettings): Updateable<MailAccountTable> & Omit<Insertable<MailAccountTable>, 'created_at' | 'changed_at'> {
  return {
    protocol: s.protocol,
    host: s.host,
    port: s.port,
    security: s.security,
    login: s.login,
    password: s.password,
    folder: s.folder,
    after_fetch: s.afterFetch,
    move_to_folder: s.moveToFolder,
    queue_id: s.queueId,
    is_trusted: s.trusted,
    poll_interval_minutes: s.pollIntervalMinutes,
    comment: s.comment,
    is_valid: s.valid,
  };
}

/** Stored settings back in input form, to merge a patch into. */
export function settingsOf(row: MailAccountRow): MailAccountSettings {
  return {
    protocol: row.protocol as MailAccountProtocol,
    host: row.host,
    port: row.port,
    security: row.security as MailSecurity,
    login: row.login,
    password: row.password,
    folder: row.folder,
    afterFetch: row.after_fetch as AfterFetchAction,
    moveToFolder: row.move_to_folder,
    queueId: row.queue_id,
    trusted: row.is_trusted,
    pollIntervalMinutes: row.poll_interval_minutes,
    comment: row.comment,
    valid: row.is_valid,
  };
}

/** One account row, or undefined. */
export async function findMailAccountRow(db: Db, id: number): Promise<MailAccountRow | undefined> {
  return db.selectFrom('mail_account').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Ids of valid accounts due at `nowIso` and not leased by a live poll, oldest due first. */
export async function listDueMailAccountIds(db: Db, nowIso: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('mail_account')
    .select('id')
    .where('is_valid', '=', true)
    .where((eb) => eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', nowIso)]))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
    .orderBy('next_poll_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Takes the account's lease for `owner` until `untilIso` in one conditional UPDATE, so of two
 * processes racing for it exactly one wins. With `onlyIfDue` the account must also be due.
 */
export async function claimMailAccountLease(db: Db, input: { id: number; owner: string; nowIso: string; untilIso: string; onlyIfDue: boolean }): Promise<boolean> {
  let query = db
    .updateTable('mail_account')
    .set({ lease_owner: input.owner, lease_until: input.untilIso })
    .where('id', '=', input.id)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', input.nowIso)]));
  if (input.onlyIfDue) {
    query = query.where('is_valid', '=', true).where((eb) => eb.or([eb('next_poll_at', 'is', null), eb('next_poll_at', '<=', input.nowIso)]));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives the lease back, if `owner` still holds it. */
export async function releaseMailAccountLease(db: Db, id: number, owner: string): Promise<void> {
  await db.updateTable('mail_account').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/** Saves the IMAP cursor while `owner` holds the lease. */
export async function saveImapCursor(db: Db, id: number, owner: string, cursor: { uidValidity: string; lastUid: number }): Promise<void> {
  await db
    .updateTable('mail_account')
    .set({ imap_uid_validity: cursor.uidValidity, imap_last_uid: cursor.lastUid })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .execute();
}

/** Row → what admins see. */
export function toMailAccountView(row: MailAccountRow): MailAccountView {
  const s = settingsOf(row);
  return {
    id: row.id,
    protocol: s.protocol,
    host: s.host,
    port: s.port,
    security: s.security,
    login: s.login,
    hasPassword: row.password.length > 0,
    folder: s.folder,
    afterFetch: s.afterFetch,
    moveToFolder: s.moveToFolder,
    queueId: s.queueId,
    trusted: s.trusted,
    pollIntervalMinutes: s.pollIntervalMinutes,
    comment: s.comment,
    valid: s.valid,
    lastPollAt: row.last_poll_at,
    lastSuccessAt: row.last_success_at,
    nextPollAt: row.next_poll_at,
    lastError: row.last_error_kind ? { kind: row.last_error_kind as MailAccountErrorKind, message: row.last_error ?? '' } : null,
    consecutiveFailures: row.consecutive_failures,
    lastFetchedCount: row.last_fetched_count,
    totalFetchedCount: Number(row.total_fetched_count),
    createdAt: row.created_at,
    changedAt: row.changed_at,
  };
}

/** Row → what a poller connects with. */
export function toMailAccountConnection(row: MailAccountRow): MailAccountConnection {
  const { protocol, host, port, security, login, password, folder, afterFetch, moveToFolder, queueId, trusted } = settingsOf(row);
  return {
    id: row.id,
    protocol, host, port, security, login, password, folder, afterFetch, moveToFolder, queueId, trusted,
    cursor: { uidValidity: row.imap_uid_validity, lastUid: Number(row.imap_last_uid) },
  };
}
