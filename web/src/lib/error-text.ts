import { i18next } from './i18n';

const t = (key: string, options?: Record<string, string>) => i18next.t(key, options);

/**
 * The server explains refusals in English. In another language the client says the same by the
 * error's code, so a German agent never reads an English sentence; the original stays available
 * as ApiError.serverMessage.
 */
export function localErrorText(code: string, serverMessage: string): string {
  if (i18next.resolvedLanguage === 'en' || !i18next.resolvedLanguage) return serverMessage;
  switch (code) {
    case 'TICKET_LOCKED': {
      const holder = /locked by (.+?)\.?$/.exec(serverMessage)?.[1];
      return holder ? t('The ticket is locked by {{name}}.', { name: holder }) : t('The ticket is locked by a colleague.');
    }
    case 'STALE_VERSION':
      return t('Someone else changed the ticket meanwhile. The page shows the current state; please check and try again.');
    case 'PERMISSION_DENIED':
      return t('You may not do this here.');
    case 'NOT_FOUND':
      return t('Not found, or you may not see it.');
    case 'UNAUTHENTICATED':
      return t('Your session has ended. Please log in again.');
    case 'INVALID_CREDENTIALS':
      return t('Login or password is wrong.');
    case 'CONFLICT':
      return t('This conflicts with existing data (for example, the name is taken).');
    case 'RATE_LIMITED':
    case 'HTTP_429':
      return t('Too many attempts. Please wait a few minutes and try again.');
    case 'UNAVAILABLE':
      return t('The database cannot be reached right now. Nothing was changed; please try again in a moment.');
    case 'VALIDATION_FAILED':
      // Shown at the field it names, or beside the form; the field's label says which input.
      return t('This input is not valid.');
    default:
      return t('The server could not carry this out. Please try again.');
  }
}
