import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { enqueueTicketEvent } from '../events/ticket-event.repository.ts';
import { writeHistory } from '../history/history.repository.ts';
import { systemActor } from '../permissions/actor.ts';
import { findOutboxRow, toOutboxContent } from './outbox.repository.ts';
import type { OutboxMailContent } from './outbox.types.ts';
import { retryDelayMinutes } from './retry-schedule.ts';

const MAIL = systemActor('mail');

/** How a delivery worker claims work. */
export interface ClaimOptions {
  /** Unique per worker process; only the owner of a lease may record its outcome. */
  workerId: string;
  /** Most rows to claim at once. */
  limit: number;
  /** How long the claim holds; a worker that dies mid-send frees its rows after this. */
  leaseMinutes: number;
}

/**
 * Claims due messages for one worker. Each row is taken by a conditional UPDATE that only
 * one of several concurrent workers can win (PostgreSQL re-checks the WHERE after waiting for
 * a competing update), so a message is never sent by two workers at once. Rows whose lease
 * ran out (a worker crashed while sending) are due again.
 */
export async function claimDueMail(ctx: ServiceContext, options: ClaimOptions): Promise<OutboxMailContent[]> {
  const now = nowIso(ctx);
  const leaseUntil = new Date(ctx.clock.now().getTime() + options.leaseMinutes * 60_000).toISOString();
  const isDue = (eb: ExpressionBuilder<Database, 'outbox_mail'>) =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_expires_at', '<=', now)]),
    ]);
  const candidates = await ctx.db.selectFrom('outbox_mail').select('id').where(isDue).orderBy('next_attempt_at').orderBy('id').limit(options.limit).execute();
  const claimed: OutboxMailContent[] = [];
  for (const { id } of candidates) {
    const result = await ctx.db
      .updateTable('outbox_mail')
      .set((eb) => ({ status: 'sending', lease_owner: options.workerId, lease_expires_at: leaseUntil, attempts: eb('attempts', '+', 1), changed_at: now }))
      .where('id', '=', id)
      .where(isDue)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue;
    const row = await findOutboxRow(ctx, id);
    if (row) claimed.push(toOutboxContent(row));
  }
  return claimed;
}

/** Records that the relay accepted a message, with its answer. False when the lease was lost. */
export async function recordDelivered(ctx: ServiceContext, input: { id: number; workerId: string; response: string }): Promise<boolean> {
  const now = nowIso(ctx);
  const result = await ctx.db
    .updateTable('outbox_mail')
    .set({ status: 'sent', sent_at: now, relay_response: input.response.slice(0, 2000), lease_owner: null, lease_expires_at: null, changed_at: now })
    .where('id', '=', input.id)
    .where('lease_owner', '=', input.workerId)
    .where('status', '=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What went wrong with one attempt. */
export interface DeliveryFailure {
  id: number;
  workerId: string;
  /** The relay's answer or the connection error, for admins and the article view. */
  error: string;
  /** 5xx for this message: retrying cannot help. */
  permanent: boolean;
}

/**
 * Records a failed attempt: back to the queue with a later next attempt, or failed for good
 * after a permanent answer or the last attempt (then the ticket's history says so).
 */
export async function recordDeliveryFailure(ctx: ServiceContext, failure: DeliveryFailure): Promise<{ status: 'queued' | 'failed'; nextAttemptAt: string | null } | null> {
  return inTransaction(ctx, async (tx) => {
    const row = await findOutboxRow(tx, failure.id);
    if (!row || row.status !== 'sending' || row.lease_owner !== failure.workerId) return null;
    const delay = failure.permanent ? null : retryDelayMinutes(row.attempts);
    const now = nowIso(tx);
    const nextAttemptAt = delay === null ? null : new Date(tx.clock.now().getTime() + delay * 60_000).toISOString();
    await tx.db
      .updateTable('outbox_mail')
      .set({ status: nextAttemptAt ? 'queued' : 'failed', next_attempt_at: nextAttemptAt ?? row.next_attempt_at, last_error: failure.error.slice(0, 2000), lease_owner: null, lease_expires_at: null, changed_at: now })
      .where('id', '=', row.id)
      .execute();
    if (!nextAttemptAt && row.ticket_id !== null) {
      await writeHistory(tx, MAIL, row.ticket_id, [{ type: 'Misc', articleId: row.article_id, field: 'delivery', newValue: `failed: ${failure.error.slice(0, 900)}` }]);
      await enqueueTicketEvent(tx, 'ticket.updated', row.ticket_id, { articleId: row.article_id, delivery: 'failed' });
    }
    return { status: nextAttemptAt ? 'queued' : 'failed', nextAttemptAt };
  });
}
