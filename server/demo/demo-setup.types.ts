import type { ServiceContext } from '../core/context.ts';
import type { AgentActor } from '../core/permissions/actor.ts';
import type { DemoGroupKey, DemoRoleKey } from './demo-catalog.ts';
import type { DemoCase } from './demo-cases.ts';

/** A demo agent ready to act: the actor carries the grants of their role. */
export interface DemoAgentRef {
  actor: AgentActor;
  login: string;
  name: string;
}

/** A created demo queue. */
export interface DemoQueueRef {
  id: number;
  fullName: string;
  group: DemoGroupKey;
}

/** What the configuration step created, as the ticket step needs it. */
export interface DemoSetup {
  /** By the catalog's queue key. */
  queues: Map<string, DemoQueueRef>;
  teams: Record<DemoRoleKey, DemoAgentRef[]>;
  /** Customer user id by mail address. */
  customerByEmail: Map<string, number>;
  /** Ticket state ids by name (new, open, closed successful …). */
  stateIds: Map<string, number>;
}

/** A created demo ticket and where its story left it, for the merge and link steps. */
export interface DemoTicketRecord {
  ticketId: number;
  demoCase: DemoCase;
  queueKey: string;
  /** The agent who worked it last (holds its lock if it is locked). */
  handler: DemoAgentRef | null;
  outcome: 'new' | 'open' | 'pending' | 'closed';
}

/** A copy of the context whose clock stands at `time`, so rows get realistic timestamps. */
export function atTime(ctx: ServiceContext, time: number): ServiceContext {
  const instant = new Date(time);
  return { ...ctx, clock: { now: () => new Date(instant) } };
}
