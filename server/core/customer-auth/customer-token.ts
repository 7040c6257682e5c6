import { randomBytes } from 'node:crypto';
import { nowIso, type ServiceContext } from '../context.ts';
import { DomainError } from '../errors.ts';
import { hashToken } from '../auth/session.service.ts';

/** What a mailed one-time link is for. */
export type CustomerTokenPurpose = 'confirm_email' | 'reset_password';

/** How long a mailed link works: a day to confirm an address, an hour to reset a password. */
export const TOKEN_LIFETIME_MINUTES: Record<CustomerTokenPurpose, number> = { confirm_email: 24 * 60, reset_password: 60 };

/**
 * Issues a one-time token for a mailed link: 32 random bytes (base64url), of which only the
 * sha256 is stored. Earlier unused tokens of the same purpose stop working, so only the
 * newest mail's link does.
 */
export async function issueCustomerToken(ctx: ServiceContext, customerUserId: number, purpose: CustomerTokenPurpose): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await ctx.db
    .updateTable('customer_token')
    .set({ expires_at: now.toISOString() })
    .where('customer_user_id', '=', customerUserId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .execute();
  await ctx.db
    .insertInto('customer_token')
    .values({
      token_hash: hashToken(token),
      customer_user_id: customerUserId,
      purpose,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + TOKEN_LIFETIME_MINUTES[purpose] * 60_000).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/**
 * Uses up a token: answers its customer user, or throws TOKEN_INVALID for an unknown, used,
 * expired or superseded one. Two simultaneous uses cannot both succeed (conditional update).
 */
export async function consumeCustomerToken(ctx: ServiceContext, token: string, purpose: CustomerTokenPurpose): Promise<number> {
  const now = nowIso(ctx);
  const tokenHash = hashToken(token);
  const row = await ctx.db
    .selectFrom('customer_token')
    .select(['customer_user_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at !== null || Date.parse(row.expires_at) <= Date.parse(now)) throw tokenInvalid(purpose);
  const used = await ctx.db.updateTable('customer_token').set({ used_at: now }).where('token_hash', '=', tokenHash).where('used_at', 'is', null).executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) throw tokenInvalid(purpose);
  return row.customer_user_id;
}

/** Whether the customer user came from self-registration (a confirmation link was issued for it). */
export async function wasSelfRegistered(ctx: ServiceContext, customerUserId: number): Promise<boolean> {
  const row = await ctx.db.selectFrom('customer_token').select('token_hash').where('customer_user_id', '=', customerUserId).where('purpose', '=', 'confirm_email').executeTakeFirst();
  return row !== undefined;
}

function tokenInvalid(purpose: CustomerTokenPurpose): DomainError {
  const what = purpose === 'confirm_email' ? 'confirmation link' : 'password-reset link';
  return new DomainError('TOKEN_INVALID', `This ${what} is unknown, already used or expired; request a new one.`, { field: 'token' });
}
