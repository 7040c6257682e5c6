import type { PermissionKind } from '../../../shared/domain.ts';

/** Permission kinds per group id, as granted to one agent (directly or through roles). */
export type Grants = ReadonlyMap<number, ReadonlySet<PermissionKind>>;

/** A logged-in agent, with the grants loaded once per request. */
export interface AgentActor {
  kind: 'agent';
  agentId: number;
  /** rw on the `admin` group, as OTRS decides who is an admin. */
  isAdmin: boolean;
  grants: Grants;
}

/** Ticketwerk itself: mail intake, scheduled jobs, the demo loader. Holds every permission. */
export interface SystemActor {
  kind: 'system';
  /** What acts, for logs and history ("mail", "scheduler", "demo"). */
  name: string;
}

/** Who performs a core operation. Passed explicitly to every service. */
export type Actor = AgentActor | SystemActor;

/** The system actor for a subsystem. */
export function systemActor(name: string): SystemActor {
  return { kind: 'system', name };
}

/** The agent id to record in history for an actor (null for the system). */
export function actorAgentId(actor: Actor): number | null {
  return actor.kind === 'agent' ? actor.agentId : null;
}
