import { nowIso, type ServiceContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';
import { claimMailAccountLease, findMailAccountRow, listDueMailAccountIds, releaseMailAccountLease, saveImapCursor, toMailAccountConnection } from './mail-account.repository.ts';
import type { MailAccountConnection, PollReport } from './mail-account.types.ts';
import { needsAdmin, nextPollAt } from './poll-schedule.ts';

/**
 * How long a poll may hold an account. Longer than a poll of the per-poll limit takes; a
 * process that dies mid-poll frees the account when it runs out.
 */
export const POLL_LEASE_MINUTES = 15;

/** Ids of valid accounts due now and not being polled. */
export async function listDueMailAccounts(ctx: ServiceContext, limit = 50): Promise<number[]> {
  return listDueMailAccountIds(ctx.db, nowIso(ctx), limit);
}

/** Options of beginMailAccountPoll. */
export interface BeginPollInput {
  accountId: number;
  /** Who polls: unique per process, recorded in the lease. */
  owner: string;
  /** true for scheduled polls (skip unless due); false for "poll now" (must run or say why). */
  onlyIfDue: boolean;
}

/**
 * Takes an account's lease and returns what is needed to connect, or null when a scheduled
 * poll finds it not due or already taken. "Poll now" (onlyIfDue false) throws CONFLICT while
 * another process polls it.
 */
export async function beginMailAccountPoll(ctx: ServiceContext, actor: Actor, input: BeginPollInput): Promise<MailAccountConnection | null> {
  requireAdmin(actor);
  const now = ctx.clock.now();
  const untilIso = new Date(now.getTime() + POLL_LEASE_MINUTES * 60_000).toISOString();
  const claimed = await claimMailAccountLease(ctx.db, { id: input.accountId, owner: input.owner, nowIso: now.toISOString(), untilIso, onlyIfDue: input.onlyIfDue });
  const row = await findMailAccountRow(ctx.db, input.accountId);
  if (!row) {
    if (input.onlyIfDue) return null;
    throw notFound(`Mail account ${input.accountId}`);
  }
  if (claimed) return toMailAccountConnection(row);
  if (input.onlyIfDue) return null;
  throw new DomainError('CONFLICT', `Mail account ${input.accountId} is being polled right now; try again in a moment.`);
}

/** Saves how far the IMAP cursor got, during the poll, so a crash keeps the progress. */
export async function saveMailAccountCursor(ctx: ServiceContext, accountId: number, owner: string, cursor: { uidValidity: string; lastUid: number }): Promise<void> {
  await saveImapCursor(ctx.db, accountId, owner, cursor);
}

/**
 * Records a finished poll — counts, classified error, when it is due again — and gives the
 * lease back in the same statement. Returns whether admins must be alerted: the first of a
 * run of failures that will not heal by itself.
 */
export async function finishMailAccountPoll(ctx: ServiceContext, input: { owner: string; report: PollReport }): Promise<{ alert: boolean }> {
  const { report, owner } = input;
  const row = await findMailAccountRow(ctx.db, report.accountId);
  if (!row) return { alert: false };
  const failures = report.error ? row.consecutive_failures + 1 : 0;
  const now = ctx.clock.now();
  const next = nextPollAt({ now, intervalMinutes: row.poll_interval_minutes, error: report.error, consecutiveFailures: failures, remaining: report.remaining });
  await ctx.db
    .updateTable('mail_account')
    .set({
      last_poll_at: now.toISOString(),
      next_poll_at: next.toISOString(),
      ...(report.error ? {} : { last_success_at: now.toISOString() }),
      last_error_kind: report.error?.kind ?? null,
      last_error: report.error?.message ?? null,
      consecutive_failures: failures,
      last_fetched_count: report.stored,
      total_fetched_count: Number(row.total_fetched_count) + report.stored,
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', report.accountId)
    // A poll that overran its lease must not overwrite the state of the poll that took over.
    .where('lease_owner', '=', owner)
    .execute();
  return { alert: !!report.error && needsAdmin(report.error) && failures === 1 };
}

/** Gives the lease back without recording a poll (the poll could not even start). */
export async function abandonMailAccountPoll(ctx: ServiceContext, accountId: number, owner: string): Promise<void> {
  await releaseMailAccountLease(ctx.db, accountId, owner);
}

/** Makes an account due at once, for a process that does not poll itself (the web role). */
export async function markMailAccountDue(ctx: ServiceContext, actor: Actor, accountId: number): Promise<void> {
  requireAdmin(actor);
  const result = await ctx.db.updateTable('mail_account').set({ next_poll_at: nowIso(ctx) }).where('id', '=', accountId).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound(`Mail account ${accountId}`);
}
