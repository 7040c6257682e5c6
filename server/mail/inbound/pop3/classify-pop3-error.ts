import { classifyConnectionError } from '../../../core/mail-accounts/classify-connection-error.ts';
import type { MailAccountError } from '../../../core/mail-accounts/mail-account.types.ts';

/** The parts of a POP3 error (Pop3Error) the classification reads. */
interface Pop3ErrorFacts {
  message?: unknown;
  command?: unknown;
  status?: { code?: unknown; text?: unknown };
}

// RFC 2449/3206: the mailbox is busy or the server has a passing problem; the login itself is fine.
const TEMPORARY_CODES = new Set(['IN-USE', 'LOGIN-DELAY', 'SYS/TEMP']);

/**
 * Classifies an error of a POP3 poll. A -ERR to USER or PASS is a rejected login unless the
 * server says (RFC 3206) that the mailbox is locked or it has a temporary problem; many
 * servers send no code at all, so a refused PASS counts as a wrong password.
 */
export function classifyPop3Error(error: unknown): MailAccountError {
  const facts = (error && typeof error === 'object' ? error : { message: String(error) }) as Pop3ErrorFacts;
  const message = typeof facts.message === 'string' ? facts.message : 'unknown error';
  const code = typeof facts.status?.code === 'string' ? facts.status.code : '';
  if (facts.status) {
    if (TEMPORARY_CODES.has(code)) return { kind: 'network', message: `The server is temporarily unavailable: ${message}` };
    if (code === 'AUTH' || code === 'SYS/PERM' || facts.command === 'USER' || facts.command === 'PASS') {
      return { kind: 'auth', message: `The server rejected the login: ${message}` };
    }
    if (facts.command === 'STLS') return { kind: 'tls', message: `The server does not offer STARTTLS (STLS): ${message}` };
    return { kind: 'protocol', message: `The server refused a command: ${message}` };
  }
  const connection = classifyConnectionError(error);
  if (connection) return connection;
  if ((error as { code?: unknown }).code === 'EPROTOCOL') return { kind: 'protocol', message };
  return { kind: 'unknown', message };
}
