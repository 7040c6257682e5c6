import type { Language } from '../../../shared/domain.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { enqueueAccountMail, mayMailAccount } from './account-mail.service.ts';
import { PORTAL_PAGES, portalLink, type AccountSettings } from './account-settings.ts';
import { endCustomerSessions } from './customer-session.service.ts';
import { consumeCustomerToken, issueCustomerToken, wasSelfRegistered } from './customer-token.ts';

/**
 * Mails a password-reset link (valid one hour) to every account with this address that may
 * sign in, or is waiting for its registration to be confirmed. Silent for unknown addresses
 * and for accounts an admin disabled: the caller always answers the same.
 */
export async function requestPasswordReset(ctx: ServiceContext, settings: AccountSettings, input: { email: string }): Promise<void> {
  const address = input.email.trim().toLowerCase();
  await inTransaction(ctx, async (tx) => {
    const accounts = await tx.db
      .selectFrom('customer_user')
      .select(['id', 'login', 'email', 'first_name', 'last_name', 'language', 'is_valid', 'email_confirmed_at'])
      .where((eb) => eb(eb.fn('lower', ['email']), '=', address))
      .orderBy('id')
      .execute();
    for (const account of accounts) {
      if (!(await mayResetPassword(tx, account))) continue;
      if (!(await mayMailAccount(tx, address))) return;
      const token = await issueCustomerToken(tx, account.id, 'reset_password');
      const language: Language = account.language === 'en' ? 'en' : 'de';
      await enqueueAccountMail(tx, {
        kind: 'reset_password', to: account.email.trim(), name: `${account.first_name} ${account.last_name}`.trim(), login: account.login, language,
        link: portalLink(settings, PORTAL_PAGES.resetPassword, token),
      });
    }
  });
}

/**
 * Sets a new password from the mailed link and ends every session of the account. A
 * registration still waiting for confirmation is confirmed too: the link proved the mailbox.
 */
export async function confirmPasswordReset(ctx: ServiceContext, input: { token: string; password: string }): Promise<void> {
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('password', problem);
  const passwordHash = await hashPassword(input.password);
  await inTransaction(ctx, async (tx) => {
    const customerUserId = await consumeCustomerToken(tx, input.token, 'reset_password');
    const account = await tx.db.selectFrom('customer_user').select(['id', 'is_valid', 'email_confirmed_at']).where('id', '=', customerUserId).executeTakeFirstOrThrow();
    const now = nowIso(tx);
    // An account disabled after the mail went out stays disabled; only its password changes.
    const confirms = !account.is_valid && (await isAwaitingConfirmation(tx, account));
    await tx.db
      .updateTable('customer_user')
      .set({ password_hash: passwordHash, changed_at: now, ...(confirms ? { is_valid: true, email_confirmed_at: now } : {}) })
      .where('id', '=', customerUserId)
      .execute();
    await endCustomerSessions(tx, customerUserId);
  });
}

type AccountState = { id: number; is_valid: boolean; email_confirmed_at: string | null };

async function mayResetPassword(ctx: ServiceContext, account: AccountState): Promise<boolean> {
  return account.is_valid || (await isAwaitingConfirmation(ctx, account));
}

/** Registered themselves and never confirmed (as opposed to disabled by an admin). */
async function isAwaitingConfirmation(ctx: ServiceContext, account: AccountState): Promise<boolean> {
  return account.email_confirmed_at === null && (await wasSelfRegistered(ctx, account.id));
}
