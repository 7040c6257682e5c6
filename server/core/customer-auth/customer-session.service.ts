import { randomBytes } from 'node:crypto';
import { nowIso, type ServiceContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { verifyPassword } from '../auth/password.ts';
import { hashToken } from '../auth/session.service.ts';

/** A new portal session: the token goes into the customer cookie, the CSRF token to the client. */
export interface NewCustomerSession {
  token: string;
  csrfToken: string;
  customerUserId: number;
}

/**
 * Checks a customer's login (or e-mail address) and password and opens a portal session.
 * The same error for every failure, so the answer does not tell which accounts exist.
 */
export async function customerLogin(ctx: ServiceContext, input: { login: string; password: string }): Promise<NewCustomerSession> {
  const name = input.login.trim().toLowerCase();
  const candidates = await ctx.db
    .selectFrom('customer_user')
    .select(['id', 'password_hash', 'is_valid', 'login'])
    .where((eb) => eb.or([eb(eb.fn('lower', ['login']), '=', name), eb(eb.fn('lower', ['email']), '=', name)]))
    .execute();
  // A login wins over another user's e-mail address that happens to equal it.
  const customer = candidates.find((c) => c.login.toLowerCase() === name) ?? (candidates.length === 1 ? candidates[0] : undefined);
  const ok = await verifyPassword(customer?.password_hash ?? null, input.password);
  if (!customer || !ok || !customer.is_valid) throw new DomainError('INVALID_CREDENTIALS', 'Login or password is wrong.');
  return openCustomerSession(ctx, customer.id);
}

/** Opens a portal session for a customer user already proven (login, confirmed e-mail link). */
export async function openCustomerSession(ctx: ServiceContext, customerUserId: number): Promise<NewCustomerSession> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = nowIso(ctx);
  await ctx.db
    .insertInto('customer_session')
    .values({ token_hash: hashToken(token), customer_user_id: customerUserId, csrf_token: csrfToken, created_at: now, last_seen_at: now })
    .execute();
  return { token, csrfToken, customerUserId };
}

/** The portal session behind a cookie token, if still valid; refreshes its idle timer. */
export async function resolveCustomerSession(
  ctx: ServiceContext,
  token: string,
  idleHours: number,
): Promise<{ customerUserId: number; csrfToken: string } | null> {
  const tokenHash = hashToken(token);
  const session = await ctx.db.selectFrom('customer_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!session) return null;
  const now = ctx.clock.now();
  if (now.getTime() - Date.parse(session.last_seen_at) > idleHours * 3_600_000) {
    await ctx.db.deleteFrom('customer_session').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  // Touch at most once a minute, as agent sessions do.
  if (now.getTime() - Date.parse(session.last_seen_at) > 60_000) {
    await ctx.db.updateTable('customer_session').set({ last_seen_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
  }
  return { customerUserId: session.customer_user_id, csrfToken: session.csrf_token };
}

/** Ends one portal session. */
export async function customerLogout(ctx: ServiceContext, token: string): Promise<void> {
  await ctx.db.deleteFrom('customer_session').where('token_hash', '=', hashToken(token)).execute();
}

/** Ends every portal session of a customer user (password reset or change), except `keepToken`'s. */
export async function endCustomerSessions(ctx: ServiceContext, customerUserId: number, keepToken?: string): Promise<void> {
  let query = ctx.db.deleteFrom('customer_session').where('customer_user_id', '=', customerUserId);
  if (keepToken) query = query.where('token_hash', '<>', hashToken(keepToken));
  await query.execute();
}
