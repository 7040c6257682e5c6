import { createHash, randomBytes } from 'node:crypto';
import { nowIso, type ServiceContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { verifyPassword } from './password.ts';

/** A new session: the token goes into the cookie, the CSRF token to the client. */
export interface NewSession {
  token: string;
  csrfToken: string;
  agentId: number;
}

/** sha256 hex of a secret; only hashes of tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Checks login and password of an agent and opens a session. Same error for any failure. */
export async function login(ctx: ServiceContext, input: { login: string; password: string }): Promise<NewSession> {
  const agent = await ctx.db
    .selectFrom('agent')
    .select(['id', 'password_hash', 'is_valid'])
    .where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.trim().toLowerCase()))
    .executeTakeFirst();
  const ok = await verifyPassword(agent?.password_hash ?? null, input.password);
  if (!agent || !ok || !agent.is_valid) throw new DomainError('INVALID_CREDENTIALS', 'Login or password is wrong.');
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = nowIso(ctx);
  await ctx.db.insertInto('agent_session').values({ token_hash: hashToken(token), agent_id: agent.id, csrf_token: csrfToken, created_at: now, last_seen_at: now }).execute();
  return { token, csrfToken, agentId: agent.id };
}

/** The session behind a cookie token, if still valid; refreshes its idle timer. */
export async function resolveSession(ctx: ServiceContext, token: string, idleHours: number): Promise<{ agentId: number; csrfToken: string } | null> {
  const tokenHash = hashToken(token);
  const session = await ctx.db.selectFrom('agent_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!session) return null;
  const now = ctx.clock.now();
  if (now.getTime() - Date.parse(session.last_seen_at) > idleHours * 3_600_000) {
    await ctx.db.deleteFrom('agent_session').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  // Touch at most once a minute: a busy agent should not cause a write per request.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await ctx.db.updateTable('agent_session').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
  }
  return { agentId: session.agent_id, csrfToken: session.csrf_token };
}

/** Ends a session. */
export async function logout(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.db.deleteFrom('agent_session').where('token_hash', '=', hashToken(token)).execute();
}
