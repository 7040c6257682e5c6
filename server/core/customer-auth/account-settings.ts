/** What the customer-account services need from the configuration; passed in by the channels. */
export interface AccountSettings {
  /** Where customers reach the desk, without trailing slash (PUBLIC_URL), for links in mails. */
  publicUrl: string;
  /** Customers may register themselves (PORTAL_SELF_REGISTRATION). */
  selfRegistration: boolean;
  /** Mail domains allowed to self-register, lower-case; empty = any (PORTAL_REGISTRATION_DOMAINS). */
  registrationDomains: string[];
}

/** The portal pages the account mails link to (the web app serves them). */
export const PORTAL_PAGES = {
  confirm: '/customer/confirm',
  resetPassword: '/customer/reset-password',
  start: '/customer/',
} as const;

/** A link to a portal page, with the one-time token when there is one. */
export function portalLink(settings: AccountSettings, page: string, token?: string): string {
  return `${settings.publicUrl}${page}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}
