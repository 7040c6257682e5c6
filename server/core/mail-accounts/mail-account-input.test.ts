import { describe, expect, it } from 'vitest';
import { normaliseMailAccountInput } from './mail-account-input.ts';

const base = { protocol: 'imaps' as const, host: 'imap.uni-spree.de', login: 'support', password: 'secret' };

describe('normaliseMailAccountInput', () => {
  it('fills the defaults of OTRS: port by protocol, TLS, INBOX, delete, every 10 minutes, dispatch by filter', () => {
    expect(normaliseMailAccountInput(base)).toMatchObject({ port: 993, security: 'tls', folder: 'INBOX', afterFetch: 'delete', pollIntervalMinutes: 10, queueId: null, trusted: false, valid: true });
    expect(normaliseMailAccountInput({ ...base, protocol: 'pop3' })).toMatchObject({ port: 110, security: 'starttls' });
  });

  it('names the field at fault', () => {
    const cases: [object, string][] = [
      [{ host: 'bad host' }, 'host'],
      [{ port: 70000 }, 'port'],
      [{ security: 'none' }, 'security'],
      [{ login: '  ' }, 'login'],
      [{ password: 'a\r\nDELE 1' }, 'password'],
      [{ afterFetch: 'move' }, 'moveToFolder'],
      [{ afterFetch: 'move', moveToFolder: 'INBOX' }, 'moveToFolder'],
      [{ pollIntervalMinutes: 0 }, 'pollIntervalMinutes'],
      [{ protocol: 'pop3', afterFetch: 'mark_seen' }, 'afterFetch'],
      [{ protocol: 'pop3', folder: 'Archive' }, 'folder'],
    ];
    for (const [override, field] of cases) {
      expect(() => normaliseMailAccountInput({ ...base, ...override } as never), field).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field } }));
    }
  });

  it('keeps the target folder only when messages are moved', () => {
    expect(normaliseMailAccountInput({ ...base, afterFetch: 'move', moveToFolder: 'Done' }).moveToFolder).toBe('Done');
    expect(normaliseMailAccountInput({ ...base, afterFetch: 'mark_seen', moveToFolder: 'Done' }).moveToFolder).toBeNull();
  });
});
