import type { TFunction } from 'i18next';

/** A ticket state in words a customer understands, by its type (agents' state names stay internal). */
export function stateInWords(type: string, t: TFunction): string {
  switch (type) {
    case 'new':
      return t('Received');
    case 'open':
      return t('In progress');
    case 'pending reminder':
    case 'pending auto':
      return t('Waiting');
    case 'closed':
      return t('Closed');
    case 'merged':
      return t('Merged into another ticket');
    default:
      return t('Removed');
  }
}

/** "4 Dec 2026, 13:05" in the portal's language. */
export function formatDateTime(iso: string, language: string | undefined): string {
  return new Date(iso).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A topic's name or description in the portal's language, the other language when that one is empty. */
export function inLanguage(text: { en: string; de: string }, language: string | undefined): string {
  return language === 'de' ? text.de || text.en : text.en || text.de;
}

/** Whether the address's domain is one of the allowed ones, as the server checks it (subdomains only when listed; none listed: any). */
export function isAllowedDomain(email: string, domains: readonly string[]): boolean {
  if (domains.length === 0) return true;
  const domain = email.trim().toLowerCase().split('@').pop() ?? '';
  return domains.some((allowed) => domain === allowed.toLowerCase());
}
