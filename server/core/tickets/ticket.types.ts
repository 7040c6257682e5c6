import type { LockState, StateType } from '../../../shared/domain.ts';

/** A reference to a named configuration item. */
export interface Ref {
  id: number;
  name: string;
}

/** A person as shown on a ticket. */
export interface PersonRef {
  id: number;
  login: string;
  name: string;
}

/** A ticket with its names resolved, as services return it. */
export interface TicketView {
  id: number;
  number: string;
  title: string;
  queue: Ref & { groupId: number };
  state: Ref & { type: StateType };
  priority: Ref;
  type: Ref | null;
  service: Ref | null;
  sla: Ref | null;
  owner: PersonRef;
  responsible: PersonRef | null;
  lock: LockState;
  customerUser: (PersonRef & { email: string }) | null;
  customerCompany: { id: number; customerId: string; name: string } | null;
  channel: string;
  pendingUntil: string | null;
  mergedIntoId: number | null;
  version: number;
  createdAt: string;
  changedAt: string;
  escalation: TicketEscalation;
  /** Custom field values by field name; only in single-ticket views. */
  customFields?: Record<string, unknown>;
}

/** When the ticket escalates (ISO timestamps; null where no clock runs). */
export interface TicketEscalation {
  /** The earliest of the three below. */
  at: string | null;
  /** First response due (until an agent answers the customer). */
  firstResponseAt: string | null;
  /** Update due (while the customer waits for an answer). */
  updateAt: string | null;
  /** Solution due (until the ticket is closed). */
  solutionAt: string | null;
  /** When the first response was given. */
  firstResponseDoneAt: string | null;
}
