import type { MailAccountError } from './mail-account.types.ts';

/** The parts of a Node.js socket or TLS error the classification looks at. */
interface ErrorFacts {
  code?: unknown;
  message?: unknown;
  library?: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED', 'EADDRNOTAVAIL', 'NoConnection', 'EConnectionClosed']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ETIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
// Certificate problems Node reports by OpenSSL's names; all mean "an admin must look".
const CERTIFICATE_CODES = /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET_ISSUER_CERT|VERIFY_LEAF_SIGNATURE)|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/;

/**
 * Classifies the connection-level part of a poll failure — the socket, DNS, TLS and time
 * limits — the same way for IMAP and POP3. Returns null when the error is not one of these,
 * so the protocol's own classifier decides.
 */
export function classifyConnectionError(error: unknown): MailAccountError | null {
  if (!error || typeof error !== 'object') return null;
  const facts = error as ErrorFacts;
  const code = typeof facts.code === 'string' ? facts.code : '';
  const message = typeof facts.message === 'string' ? facts.message : '';
  if (CERTIFICATE_CODES.test(code) || facts.library === 'SSL routines' || /\b(ssl|tls)\b.*(alert|handshake|wrong version|certificate)|certificate|self[- ]signed/i.test(message)) {
    return { kind: 'tls', message: `TLS failed: ${message || code}` };
  }
  if (TIMEOUT_CODES.has(code) || /timed? ?out/i.test(message)) {
    return { kind: 'timeout', message: `The server did not answer in time: ${message || code}` };
  }
  if (NETWORK_CODES.has(code)) {
    return { kind: 'network', message: networkMessage(code, message) };
  }
  if (/socket (hang up|closed)|connection (closed|reset|refused)|unexpected close|closed unexpectedly/i.test(message)) {
    return { kind: 'network', message: `The connection broke off: ${message}` };
  }
  return null;
}

function networkMessage(code: string, message: string): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host name could not be resolved: ${message || code}`;
  if (code === 'ECONNREFUSED') return `The server refused the connection: ${message || code}`;
  return `The connection failed: ${message || code}`;
}
