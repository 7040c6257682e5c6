import type { TFunction } from 'i18next';
import { ApiError } from './portal-api';

/**
 * What a customer reads when the portal refuses something, in the portal's language. Codes the
 * customer can act on get their own sentence; a refusal the server explains field by field keeps
 * the server's text, which the form shows at that field.
 */
export function portalErrorText(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('The server could not be reached. Please try again.');
  if (error.status === 429) return t('Too many attempts. Please wait a few minutes and try again.');
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return t('The login, e-mail address or password is wrong.');
    case 'TOKEN_INVALID':
      return t('This link is no longer valid: it was used already or has expired. Please ask for a new one.');
    case 'REGISTRATION_DISABLED':
      return t('Registering yourself is not possible here. Please contact the help desk.');
    case 'FOLLOW_UP_REJECTED':
      return t('This ticket is closed and cannot be reopened by a reply. Please open a new ticket.');
    case 'NOT_FOUND':
      return t('This ticket does not exist or is not one of yours.');
    case 'UNAUTHENTICATED':
      return t('Your session has ended. Please sign in again.');
    case 'PERMISSION_DENIED':
      return t('You may not do this.');
    default:
      return error.message;
  }
}

/** The server's error for one field (its message without the "field: " prefix), for the form to show there. */
export function fieldErrorText(error: unknown, field: string, t: TFunction): string | undefined {
  if (!(error instanceof ApiError) || error.field !== field) return undefined;
  if (error.code === 'VALIDATION_FAILED' && field === 'email') return t('This e-mail address cannot be used here.');
  // ApiError.message is the server's text in English and a general sentence in German.
  return error.code === 'VALIDATION_FAILED' ? error.message.replace(`${field}: `, '') : portalErrorText(error, t);
}
