import { classifyConnectionError } from '../../../core/mail-accounts/classify-connection-error.ts';
import type { MailAccountError } from '../../../core/mail-accounts/mail-account.types.ts';

/** The fields imapflow puts on its errors that tell one failure from another. */
interface ImapErrorFacts {
  message?: unknown;
  authenticationFailed?: unknown;
  serverResponseCode?: unknown;
  responseStatus?: unknown;
  responseText?: unknown;
  mailboxMissing?: unknown;
  tlsFailed?: unknown;
  code?: unknown;
}

// RFC 5530 response codes that mean "try again later", not "your password is wrong".
const TEMPORARY_CODES = new Set(['UNAVAILABLE', 'INUSE', 'LIMIT', 'OVERQUOTA', 'SERVERBUG']);
const AUTH_CODES = new Set(['AUTHENTICATIONFAILED', 'AUTHORIZATIONFAILED', 'EXPIRED', 'PRIVACYREQUIRED', 'CONTACTADMIN']);

/**
 * Classifies an error of an IMAP poll for the account's status and the retry policy
 * (as Twenty's parse-imap-error.util.ts): a rejected login is "auth" and backs off instead
 * of retrying every interval; a missing folder is "mailbox"; socket trouble is "network".
 */
export function classifyImapError(error: unknown): MailAccountError {
  const facts = (error && typeof error === 'object' ? error : { message: String(error) }) as ImapErrorFacts;
  const code = typeof facts.serverResponseCode === 'string' ? facts.serverResponseCode.toUpperCase() : '';
  const text = [facts.responseText, facts.message].find((v): v is string => typeof v === 'string' && v.length > 0) ?? 'unknown error';
  if (TEMPORARY_CODES.has(code)) return { kind: 'network', message: `The server is temporarily unavailable: ${text}` };
  if (facts.authenticationFailed === true || AUTH_CODES.has(code)) {
    return { kind: 'auth', message: `The server rejected the login: ${text}` };
  }
  if (facts.tlsFailed === true || facts.code === 'STARTTLS_INJECTION') return { kind: 'tls', message: `TLS failed: ${text}` };
  if (facts.mailboxMissing === true || code === 'NONEXISTENT' || code === 'TRYCREATE') {
    return { kind: 'mailbox', message: `The folder does not exist: ${text}` };
  }
  const connection = classifyConnectionError(error);
  if (connection) return connection;
  if (facts.responseStatus === 'NO' || facts.responseStatus === 'BAD') return { kind: 'protocol', message: `The server refused a command: ${text}` };
  return { kind: 'unknown', message: text };
}
