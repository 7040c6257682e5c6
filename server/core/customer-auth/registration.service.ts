import type { Language } from '../../../shared/domain.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, isUniqueViolation } from '../errors.ts';
import { isMailAddress } from '../outbox/mail-address.ts';
import { enqueueAccountMail, mayMailAccount } from './account-mail.service.ts';
import { PORTAL_PAGES, portalLink, type AccountSettings } from './account-settings.ts';
import { openCustomerSession, type NewCustomerSession } from './customer-session.service.ts';
import { consumeCustomerToken, issueCustomerToken } from './customer-token.ts';

/** What a customer enters to register. */
export interface RegistrationInput {
  email: string;
  firstName: string;
  lastName: string;
  password: string;
  /** Language of the portal and of every mail the customer gets. */
  language: Language;
}

/**
 * Self-registration (OTRS CustomerPanelCreateAccount): creates a disabled customer user whose
 * login is the address and mails a link to confirm it within 24 hours. For an address that
 * has an account already, mails that person a note instead; the caller answers the same in
 * both cases, so the form does not tell who has an account.
 */
export async function registerCustomer(ctx: ServiceContext, settings: AccountSettings, input: RegistrationInput): Promise<void> {
  if (!settings.selfRegistration) throw new DomainError('REGISTRATION_DISABLED', 'Self-registration is not enabled; please ask the help desk for an account.');
  checkRegistration(settings, { ...input, email: input.email.trim() });
  // Hashed even when the address exists, so both answers take about as long.
  const passwordHash = await hashPassword(input.password);
  try {
    await registerInTransaction(ctx, settings, input, passwordHash);
  } catch (error) {
    // The same address sent twice at once (a double click): the second finds the first's account.
    if (!isUniqueViolation(error)) throw error;
    await registerInTransaction(ctx, settings, input, passwordHash);
  }
}

async function registerInTransaction(ctx: ServiceContext, settings: AccountSettings, input: RegistrationInput, passwordHash: string): Promise<void> {
  const email = input.email.trim();
  const address = email.toLowerCase();
  await inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .selectFrom('customer_user')
      .select(['id', 'login', 'first_name', 'last_name', 'language'])
      .where((eb) => eb.or([eb(eb.fn('lower', ['email']), '=', address), eb(eb.fn('lower', ['login']), '=', address)]))
      .orderBy('id')
      .executeTakeFirst();
    if (!(await mayMailAccount(tx, address))) return;
    if (existing) {
      const language: Language = existing.language === 'en' ? 'en' : 'de';
      const name = `${existing.first_name} ${existing.last_name}`.trim();
      await enqueueAccountMail(tx, { kind: 'already_registered', to: email, name, login: existing.login, language, link: portalLink(settings, PORTAL_PAGES.start) });
      return;
    }
    const now = nowIso(tx);
    const user = await tx.db
      .insertInto('customer_user')
      .values({
        login: address, email, first_name: input.firstName.trim(), last_name: input.lastName.trim(), customer_company_id: null, phone: null,
        password_hash: passwordHash, language: input.language, comment: null, is_valid: false, email_confirmed_at: null, created_at: now, changed_at: now,
      })
      .returning(['id', 'login'])
      .executeTakeFirstOrThrow();
    const token = await issueCustomerToken(tx, user.id, 'confirm_email');
    const name = `${input.firstName.trim()} ${input.lastName.trim()}`;
    await enqueueAccountMail(tx, { kind: 'confirm_email', to: email, name, login: user.login, language: input.language, link: portalLink(settings, PORTAL_PAGES.confirm, token) });
  });
}

/** Confirms a registration from the mailed link: the account becomes valid and is signed in. */
export async function confirmRegistration(ctx: ServiceContext, token: string): Promise<NewCustomerSession> {
  return inTransaction(ctx, async (tx) => {
    const customerUserId = await consumeCustomerToken(tx, token, 'confirm_email');
    const now = nowIso(tx);
    await tx.db.updateTable('customer_user').set({ is_valid: true, email_confirmed_at: now, changed_at: now }).where('id', '=', customerUserId).execute();
    return openCustomerSession(tx, customerUserId);
  });
}

/** The problems of a registration, each naming its field; also whether the domain may register. */
function checkRegistration(settings: AccountSettings, input: RegistrationInput): void {
  if (!isMailAddress(input.email) || input.email.length > 200) throw invalid('email', 'is not an e-mail address');
  const domain = input.email.slice(input.email.lastIndexOf('@') + 1).toLowerCase();
  if (settings.registrationDomains.length > 0 && !settings.registrationDomains.includes(domain)) {
    throw invalid('email', `addresses at ${domain} cannot register here; allowed: ${settings.registrationDomains.join(', ')}`);
  }
  for (const field of ['firstName', 'lastName'] as const) {
    if (!input[field].trim()) throw invalid(field, 'must not be empty');
    if (input[field].trim().length > 100) throw invalid(field, 'must be at most 100 characters');
  }
  const problem = passwordProblem(input.password);
  if (problem) throw invalid('password', problem);
}
