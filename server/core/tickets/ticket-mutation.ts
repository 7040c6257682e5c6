import type { PermissionKind } from '../../../shared/domain.ts';
import type { Updateable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { refreshTicketEscalation } from '../escalation/escalation.service.ts';
import { enqueueTicketEvent, type TicketEventName } from '../events/ticket-event.repository.ts';
import { writeHistory, type HistoryEntry } from '../history/history.repository.ts';
import type { Actor } from '../permissions/actor.ts';
import { may, requirePermission } from '../permissions/permission.service.ts';
import { findTicketView, type findTicketRow } from './ticket.repository.ts';
import type { TicketView } from './ticket.types.ts';

export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicketRow>>>;
export type TicketChanges = Omit<Updateable<Database['ticket']>, 'id' | 'tn' | 'version' | 'created_at' | 'changed_at'>;

/** What a ticket mutation needs before it may run. */
export interface MutationGuard {
  ticketId: number;
  /** The version the client last saw; a different current version is a STALE_VERSION conflict. */
  expectedVersion?: number | undefined;
  /** Permission kinds the actor needs on the ticket's queue. */
  permissions: PermissionKind[];
  /** Allowed while another agent holds the lock (internal notes, as in OTRS). */
  allowWhenLockedByOther?: boolean;
  /**
   * The ticket as a system actor's caller read it earlier in the same transaction (an
   * auto-response in mail intake): it is not read again. Ignored for agents and customers.
   */
  readBySystem?: TicketRow;
  /**
   * The system created the ticket earlier in the same, uncommitted transaction (mail intake's
   * automatic answer to a new ticket): no one else can hold a version of it yet, so a change
   * that sets no columns leaves `version` and `changed_at` as the creation set them. Ignored
   * for agents and customers.
   */
  createdInThisTransaction?: boolean;
}

/** What a mutation decided: columns to set, history to write, the event to emit. */
export interface MutationOutcome {
  changes: TicketChanges;
  history: HistoryEntry[];
  event?: TicketEventName;
  eventPayload?: Record<string, unknown>;
  /**
   * The change cannot move an escalation clock: no state, queue or SLA change and no article
   * from an agent or customer (an automatic answer, a loop-protection note). Skips recomputing.
   */
  keepsEscalation?: boolean;
}

/**
 * The one path every ticket change takes. In one transaction it checks visibility,
 * permission, version and lock; applies the change with an optimistic version bump;
 * writes the history rows and the event. Returns the ticket as it is afterwards.
 */
export async function mutateTicket(
  ctx: ServiceContext,
  actor: Actor,
  guard: MutationGuard,
  apply: (txCtx: ServiceContext, ticket: TicketRow) => Promise<MutationOutcome>,
): Promise<TicketView> {
  return inTransaction(ctx, async (tx) => {
    const ticketId = await applyTicketMutation(tx, actor, guard, apply);
    const view = await findTicketView(tx, ticketId);
    if (!view) throw notFound('Ticket');
    return view;
  });
}

/** `mutateTicket` for callers that need no view of the ticket afterwards (mail intake); returns its id. */
export async function applyTicketMutation(
  ctx: ServiceContext,
  actor: Actor,
  guard: MutationGuard,
  apply: (txCtx: ServiceContext, ticket: TicketRow) => Promise<MutationOutcome>,
): Promise<number> {
  return inTransaction(ctx, async (tx) => {
    const ticket = await loadGuardedTicket(tx, actor, guard);
    const outcome = await apply(tx, ticket);
    const unseen = actor.kind === 'system' && guard.createdInThisTransaction === true && Object.keys(outcome.changes).length === 0;
    if (!unseen) await bumpVersion(tx, ticket, outcome.changes);
    // After the change: a new state, queue, SLA or article moves the escalation clocks.
    if (!outcome.keepsEscalation) await refreshTicketEscalation(tx, ticket.id);
    await writeHistory(tx, actor, ticket.id, outcome.history);
    await enqueueTicketEvent(tx, outcome.event ?? 'ticket.updated', ticket.id, outcome.eventPayload ?? {});
    return ticket.id;
  });
}

/** Writes the changes with the optimistic version bump; a row changed meanwhile is STALE_VERSION. */
async function bumpVersion(tx: ServiceContext, ticket: TicketRow, changes: TicketChanges): Promise<void> {
  const result = await tx.db
    .updateTable('ticket')
    .set({ ...changes, changed_at: nowIso(tx), version: ticket.version + 1 })
    .where('id', '=', ticket.id)
    .where('version', '=', ticket.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) await throwStale(tx, ticket.id);
}

/** Loads a ticket and enforces the guard; a ticket the actor may not see is "not found". */
export async function loadGuardedTicket(ctx: ServiceContext, actor: Actor, guard: MutationGuard): Promise<TicketRow> {
  // The system may do anything to any ticket, so a row it read already needs no permission check.
  const ticket = actor.kind === 'system' && guard.readBySystem?.id === guard.ticketId ? guard.readBySystem : await loadPermittedTicket(ctx, actor, guard);
  if (ticket.merged_into_id !== null) {
    throw new DomainError('CONFLICT', `This ticket was merged into ticket ${ticket.merged_into_id} and can no longer be changed.`);
  }
  if (guard.expectedVersion !== undefined && guard.expectedVersion !== ticket.version) await throwStale(ctx, ticket.id);
  if (!guard.allowWhenLockedByOther) await requireNotLockedByOther(ctx, actor, ticket);
  return ticket;
}

async function loadPermittedTicket(ctx: ServiceContext, actor: Actor, guard: MutationGuard): Promise<TicketRow> {
  const { ticket, queue } = await requireVisibleTicket(ctx, actor, guard.ticketId);
  for (const kind of guard.permissions) requirePermission(actor, queue, kind);
  return ticket;
}

/** Loads a ticket the actor may see (ro on its queue); any other is "not found", so ids reveal nothing. */
export async function requireVisibleTicket(ctx: ServiceContext, actor: Actor, ticketId: number): Promise<{ ticket: TicketRow; queue: { group_id: number; full_name: string } }> {
  // Ticket and queue in one read: every ticket route starts here.
  const row = await ctx.db
    .selectFrom('ticket as t')
    .innerJoin('queue as q', 'q.id', 't.queue_id')
    .selectAll('t')
    .select(['q.group_id as queue_group_id', 'q.full_name as queue_full_name'])
    .where('t.id', '=', ticketId)
    .executeTakeFirst();
  if (!row || !may(actor, row.queue_group_id, 'ro')) throw notFound(`Ticket ${ticketId}`);
  const { queue_group_id, queue_full_name, ...ticket } = row;
  return { ticket, queue: { group_id: queue_group_id, full_name: queue_full_name } };
}

/** Throws TICKET_LOCKED when another agent holds the ticket's lock. */
export async function requireNotLockedByOther(ctx: ServiceContext, actor: Actor, ticket: TicketRow): Promise<void> {
  if (actor.kind !== 'agent' || ticket.lock === 'unlock' || ticket.owner_id === actor.agentId) return;
  const holder = await ctx.db.selectFrom('agent').select(['login', 'first_name', 'last_name']).where('id', '=', ticket.owner_id).executeTakeFirst();
  const name = holder ? `${holder.first_name} ${holder.last_name} (${holder.login})` : `agent ${ticket.owner_id}`;
  throw new DomainError('TICKET_LOCKED', `Ticket ${ticket.tn} is locked by ${name}.`, { current: await findTicketView(ctx, ticket.id) });
}

async function throwStale(ctx: ServiceContext, ticketId: number): Promise<never> {
  const current = await findTicketView(ctx, ticketId);
  throw new DomainError('STALE_VERSION', 'The ticket was changed by someone else in the meantime; reload it and try again.', { current });
}
