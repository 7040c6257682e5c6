import { LANGUAGES, type Language } from '../../../shared/domain.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { hashToken } from '../auth/session.service.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor, AgentActor } from '../permissions/actor.ts';
import { may } from '../permissions/permission.service.ts';
import { applyPreferencesPatch, readPreferences, type AgentPreferences, type AgentPreferencesPatch } from './agent-preferences.ts';

export const MAX_SIGNATURE_LENGTH = 4000;

/** The logged-in agent as they see and edit themselves (GET/PATCH /me). */
export interface AgentProfile {
  id: number;
  login: string;
  firstName: string;
  lastName: string;
  email: string;
  language: Language;
  /** Plain text appended under replies; null when none. */
  signature: string | null;
  preferences: AgentPreferences;
}

/** What an agent may change about themselves here; names stay with PATCH /agents/:id. */
export interface UpdateProfileInput {
  language?: Language;
  /** Empty or null removes the signature. */
  signature?: string | null;
  preferences?: AgentPreferencesPatch;
}

/** Only an agent has a profile; the system actor (mail, jobs) has none. */
function requireAgent(actor: Actor): AgentActor {
  if (actor.kind !== 'agent') throw new DomainError('PERMISSION_DENIED', 'Only agents have a profile.');
  return actor;
}

/** The actor's own profile with defaults filled in for preferences never chosen. */
export async function getMyProfile(ctx: ServiceContext, actor: Actor): Promise<AgentProfile> {
  const { agentId } = requireAgent(actor);
  const row = await ctx.db
    .selectFrom('agent')
    .select(['id', 'login', 'first_name', 'last_name', 'email', 'language', 'signature', 'preferences'])
    .where('id', '=', agentId)
    .executeTakeFirst();
  if (!row) throw notFound(`Agent ${agentId}`);
  return {
    id: row.id,
    login: row.login,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    // A language outside the list (set by an older import) shows as English, the default.
    language: (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : 'en',
    signature: row.signature,
    preferences: readPreferences(row.preferences),
  };
}

/** Changes the actor's own language, signature and preferences; returns the new profile. */
export async function updateMyProfile(ctx: ServiceContext, actor: Actor, input: UpdateProfileInput): Promise<AgentProfile> {
  const agent = requireAgent(actor);
  if (input.language !== undefined && !LANGUAGES.includes(input.language)) throw invalid('language', `must be one of ${LANGUAGES.join(', ')}`);
  const signature = input.signature === undefined ? undefined : input.signature?.trim() ? input.signature.replace(/\s+$/, '') : null;
  if (signature && signature.length > MAX_SIGNATURE_LENGTH) throw invalid('signature', `must be at most ${MAX_SIGNATURE_LENGTH} characters`);
  return inTransaction(ctx, async (tx) => {
    const current = await getMyProfile(tx, agent);
    const preferences = input.preferences ? applyPreferencesPatch(current.preferences, input.preferences) : undefined;
    const queueId = input.preferences?.defaultQueueView?.queueId;
    if (typeof queueId === 'number') await requireVisibleQueue(tx, agent, queueId);
    await tx.db
      .updateTable('agent')
      .set({
        ...(input.language !== undefined ? { language: input.language } : {}),
        ...(signature !== undefined ? { signature } : {}),
        ...(preferences ? { preferences: JSON.stringify(preferences) } : {}),
        changed_at: nowIso(tx),
      })
      .where('id', '=', agent.agentId)
      .execute();
    return getMyProfile(tx, agent);
  });
}

/** A default queue must be one the agent can open; otherwise the same answer as a missing one. */
async function requireVisibleQueue(ctx: ServiceContext, actor: AgentActor, queueId: number): Promise<void> {
  const queue = await ctx.db.selectFrom('queue').select('group_id').where('id', '=', queueId).executeTakeFirst();
  if (!queue || !may(actor, queue.group_id, 'ro')) throw invalid('preferences.defaultQueueView.queueId', `queue ${queueId} does not exist or is not visible to you`);
}

/** A password change by the agent themselves. */
export interface ChangeOwnPasswordInput {
  currentPassword: string;
  newPassword: string;
  /** Cookie token of the session making the change: it stays open, every other one ends. */
  keepSessionToken?: string | undefined;
}

/**
 * Changes the actor's own password after checking the current one, and ends all their other
 * sessions: whoever else was logged in with the old password is logged out.
 */
export async function changeOwnPassword(ctx: ServiceContext, actor: Actor, input: ChangeOwnPasswordInput): Promise<void> {
  const { agentId } = requireAgent(actor);
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalid('newPassword', problem);
  const row = await ctx.db.selectFrom('agent').select('password_hash').where('id', '=', agentId).executeTakeFirst();
  if (!(await verifyPassword(row?.password_hash ?? null, input.currentPassword))) {
    throw new DomainError('VALIDATION_FAILED', 'currentPassword: is not your current password', { field: 'currentPassword' });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('agent').set({ password_hash: passwordHash, changed_at: nowIso(tx) }).where('id', '=', agentId).execute();
    let others = tx.db.deleteFrom('agent_session').where('agent_id', '=', agentId);
    if (input.keepSessionToken) others = others.where('token_hash', '!=', hashToken(input.keepSessionToken));
    await others.execute();
  });
}
