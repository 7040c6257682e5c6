import type { ServiceContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { mutateTicket } from './ticket-mutation.ts';
import { requireOwnerCandidate } from './ticket-owner.ts';
import type { TicketView } from './ticket.types.ts';

/** Input of lock and unlock. */
export interface LockInput {
  ticketId: number;
  expectedVersion?: number;
  /** An admin takes over a ticket another agent has locked; recorded in history. */
  takeOver?: boolean;
}

/**
 * Locks a ticket for the acting agent, who becomes its owner (as in OTRS). A ticket locked
 * by someone else is refused, unless an admin takes it over explicitly.
 */
export async function lockTicket(ctx: ServiceContext, actor: Actor, input: LockInput): Promise<TicketView> {
  if (actor.kind !== 'agent') throw new DomainError('PERMISSION_DENIED', 'Only agents can lock tickets.');
  const takeOver = requireTakeOverRight(actor, input.takeOver);
  return mutateTicket(ctx, actor, { ...input, permissions: ['owner'], allowWhenLockedByOther: takeOver }, async (tx, ticket) => {
    if (ticket.lock !== 'unlock' && ticket.owner_id === actor.agentId) {
      throw new DomainError('CONFLICT', `You already hold the lock of ticket ${ticket.tn}.`);
    }
    const queue = await tx.db.selectFrom('queue').select(['group_id', 'full_name']).where('id', '=', ticket.queue_id).executeTakeFirstOrThrow();
    await requireOwnerCandidate(tx, actor.agentId, queue, 'ownerId');
    const lockedByOther = ticket.lock !== 'unlock';
    return {
      changes: { lock: 'lock', owner_id: actor.agentId },
      history: [
        { type: lockedByOther ? 'LockTakeover' : 'Lock', field: 'lock', oldValue: lockedByOther ? `lock (agent ${ticket.owner_id})` : ticket.lock, newValue: 'lock' },
        ...(ticket.owner_id !== actor.agentId ? [{ type: 'OwnerUpdate' as const, field: 'owner', oldValue: String(ticket.owner_id), newValue: String(actor.agentId) }] : []),
      ],
    };
  });
}

/** Unlocks a ticket. Only the lock holder may, or an admin taking it over (recorded). */
export async function unlockTicket(ctx: ServiceContext, actor: Actor, input: LockInput): Promise<TicketView> {
  const takeOver = actor.kind === 'system' || requireTakeOverRight(actor, input.takeOver);
  return mutateTicket(ctx, actor, { ...input, permissions: ['owner'], allowWhenLockedByOther: takeOver }, async (_tx, ticket) => {
    if (ticket.lock === 'unlock') throw new DomainError('CONFLICT', `Ticket ${ticket.tn} is not locked.`);
    const byOther = actor.kind === 'agent' && ticket.owner_id !== actor.agentId;
    return {
      changes: { lock: 'unlock' },
      history: [{ type: byOther ? 'LockTakeover' : 'Unlock', field: 'lock', oldValue: byOther ? `lock (agent ${ticket.owner_id})` : ticket.lock, newValue: 'unlock' }],
    };
  });
}

function requireTakeOverRight(actor: Actor, takeOver: boolean | undefined): boolean {
  if (!takeOver) return false;
  if (actor.kind === 'agent' && !actor.isAdmin) throw new DomainError('PERMISSION_DENIED', 'Only administrators may take over a ticket locked by someone else.');
  return true;
}
