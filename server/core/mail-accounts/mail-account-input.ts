import { invalid } from '../errors.ts';
import {
  AFTER_FETCH_ACTIONS,
  DEFAULT_POLL_INTERVAL_MINUTES,
  MAIL_ACCOUNT_PROTOCOLS,
  MAIL_SECURITY_MODES,
  type MailAccountInput,
  type MailAccountProtocol,
  type MailAccountSettings,
} from './mail-account.types.ts';

export type { MailAccountSettings };


const DEFAULT_PORTS: Record<MailAccountProtocol, number> = { imap: 143, imaps: 993, pop3: 110, pop3s: 995 };

/** True for IMAP accounts, which have folders and after-fetch actions. */
export function isImap(protocol: MailAccountProtocol): boolean {
  return protocol === 'imap' || protocol === 'imaps';
}

/**
 * Applies defaults and checks an account's settings, throwing VALIDATION_FAILED naming the
 * field at fault. Pure: whether the queue exists is checked by the service.
 */
export function normaliseMailAccountInput(input: MailAccountInput): MailAccountSettings {
  if (!MAIL_ACCOUNT_PROTOCOLS.includes(input.protocol)) throw invalid('protocol', `must be one of ${MAIL_ACCOUNT_PROTOCOLS.join(', ')}`);
  const protocol = input.protocol;
  const host = input.host.trim();
  if (!/^[A-Za-z0-9.:[\]_-]+$/.test(host)) throw invalid('host', 'must be a host name or IP address');
  const port = input.port ?? DEFAULT_PORTS[protocol];
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalid('port', 'must be between 1 and 65535');
  const security = input.security ?? (protocol.endsWith('s') ? 'tls' : 'starttls');
  if (!MAIL_SECURITY_MODES.includes(security)) throw invalid('security', `must be one of ${MAIL_SECURITY_MODES.join(', ')}`);
  if (protocol.endsWith('s') && security !== 'tls') throw invalid('security', `${protocol} always uses tls`);
  const login = input.login.trim();
  if (!login) throw invalid('login', 'must not be empty');
  if (!input.password) throw invalid('password', 'must not be empty');
  // Line breaks would end the USER/PASS or LOGIN command early and inject another one.
  if (/[\r\n]/.test(login)) throw invalid('login', 'must not contain line breaks');
  if (/[\r\n]/.test(input.password)) throw invalid('password', 'must not contain line breaks');
  return { protocol, host, port, security, login, password: input.password, ...fetchSettings(input, protocol), ...scheduleSettings(input) };
}

function fetchSettings(input: MailAccountInput, protocol: MailAccountProtocol): Pick<MailAccountSettings, 'folder' | 'afterFetch' | 'moveToFolder'> {
  const folder = (input.folder ?? 'INBOX').trim();
  const afterFetch = input.afterFetch ?? 'delete';
  if (!AFTER_FETCH_ACTIONS.includes(afterFetch)) throw invalid('afterFetch', `must be one of ${AFTER_FETCH_ACTIONS.join(', ')}`);
  if (!isImap(protocol)) {
    if (folder !== 'INBOX') throw invalid('folder', 'POP3 has only the INBOX');
    if (afterFetch !== 'delete') throw invalid('afterFetch', 'POP3 accounts can only delete fetched messages');
    return { folder, afterFetch, moveToFolder: null };
  }
  if (!folder) throw invalid('folder', 'must not be empty');
  const moveToFolder = input.moveToFolder?.trim() || null;
  if (afterFetch === 'move') {
    if (!moveToFolder) throw invalid('moveToFolder', 'is required when fetched messages are moved');
    if (moveToFolder === folder) throw invalid('moveToFolder', 'must differ from the folder fetched from');
    return { folder, afterFetch, moveToFolder };
  }
  return { folder, afterFetch, moveToFolder: null };
}

function scheduleSettings(input: MailAccountInput): Pick<MailAccountSettings, 'queueId' | 'trusted' | 'pollIntervalMinutes' | 'comment' | 'valid'> {
  const pollIntervalMinutes = input.pollIntervalMinutes ?? DEFAULT_POLL_INTERVAL_MINUTES;
  if (!Number.isInteger(pollIntervalMinutes) || pollIntervalMinutes < 1 || pollIntervalMinutes > 1440) {
    throw invalid('pollIntervalMinutes', 'must be a whole number of minutes from 1 to 1440');
  }
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 250) throw invalid('comment', 'must be at most 250 characters');
  return { queueId: input.queueId ?? null, trusted: input.trusted ?? false, pollIntervalMinutes, comment, valid: input.valid ?? true };
}
