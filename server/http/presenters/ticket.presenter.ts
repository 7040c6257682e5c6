import type { Actor } from '../../core/permissions/actor.ts';
import { may } from '../../core/permissions/permission.service.ts';
import type { TicketView } from '../../core/tickets/ticket.types.ts';

/** A ticket for the API, with what the acting user may do with it. */
export function presentTicket(ticket: TicketView, actor: Actor) {
  const group = ticket.queue.groupId;
  const agentId = actor.kind === 'agent' ? actor.agentId : null;
  const isMerged = ticket.mergedIntoId !== null;
  const lockedByOther = ticket.lock !== 'unlock' && agentId !== null && ticket.owner.id !== agentId;
  const free = !isMerged && !lockedByOther;
  const isAdmin = actor.kind === 'system' || actor.isAdmin;
  return {
    ...ticket,
    abilities: {
      update: free && may(actor, group, 'rw'),
      move: free && may(actor, group, 'move_into'),
      note: !isMerged && may(actor, group, 'note'),
      changeOwner: free && may(actor, group, 'owner'),
      changePriority: free && may(actor, group, 'priority'),
      lock: !isMerged && may(actor, group, 'owner') && (ticket.lock === 'unlock' || (lockedByOther && isAdmin)),
      unlock: !isMerged && ticket.lock !== 'unlock' && (!lockedByOther || isAdmin),
      merge: free && may(actor, group, 'rw'),
    },
  };
}
