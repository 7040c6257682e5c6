import { LANGUAGES, type Language } from '../../../shared/domain.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid } from '../errors.ts';
import { loadCustomerActor, type CustomerActor } from './customer-actor.ts';
import { endCustomerSessions } from './customer-session.service.ts';
import { getPortalCustomerView, type PortalCustomerView } from './portal-customer.view.ts';

/** What customers may change about themselves; the address and login stay with the help desk. */
export interface OwnProfileChange {
  firstName?: string;
  lastName?: string;
  /** Empty text or null removes the number. */
  phone?: string | null;
  language?: Language;
}

/** Changes the signed-in customer's own name, phone or language; answers the new profile. */
export async function updateOwnProfile(ctx: ServiceContext, customer: CustomerActor, input: OwnProfileChange): Promise<PortalCustomerView> {
  const set: { first_name?: string; last_name?: string; phone?: string | null; language?: Language } = {};
  for (const [field, column] of [['firstName', 'first_name'], ['lastName', 'last_name']] as const) {
    const value = input[field];
    if (value === undefined) continue;
    if (!value.trim()) throw invalid(field, 'must not be empty');
    if (value.trim().length > 100) throw invalid(field, 'must be at most 100 characters');
    set[column] = value.trim();
  }
  if (input.phone !== undefined) {
    const phone = input.phone?.trim() || null;
    if ((phone?.length ?? 0) > 50) throw invalid('phone', 'must be at most 50 characters');
    set.phone = phone;
  }
  if (input.language !== undefined) {
    if (!LANGUAGES.includes(input.language)) throw invalid('language', `must be one of ${LANGUAGES.join(', ')}`);
    set.language = input.language;
  }
  return inTransaction(ctx, async (tx) => {
    if (Object.keys(set).length > 0) {
      await tx.db.updateTable('customer_user').set({ ...set, changed_at: nowIso(tx) }).where('id', '=', customer.customerUserId).execute();
    }
    const updated = await loadCustomerActor(tx, customer.customerUserId);
    if (!updated) throw new DomainError('UNAUTHENTICATED', 'This customer account is no longer valid.');
    return getPortalCustomerView(tx, updated);
  });
}

/**
 * Changes the signed-in customer's password after checking the current one, and ends their
 * other sessions (a browser left signed in elsewhere), keeping the one given.
 */
export async function changeOwnPassword(
  ctx: ServiceContext,
  customer: CustomerActor,
  input: { currentPassword: string; newPassword: string; keepSessionToken?: string },
): Promise<void> {
  const row = await ctx.db.selectFrom('customer_user').select('password_hash').where('id', '=', customer.customerUserId).executeTakeFirst();
  if (!(await verifyPassword(row?.password_hash ?? null, input.currentPassword))) throw invalid('currentPassword', 'is not your current password');
  const problem = passwordProblem(input.newPassword);
  if (problem) throw invalid('newPassword', problem);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await tx.db.updateTable('customer_user').set({ password_hash: passwordHash, changed_at: nowIso(tx) }).where('id', '=', customer.customerUserId).execute();
    await endCustomerSessions(tx, customer.customerUserId, input.keepSessionToken);
  });
}
