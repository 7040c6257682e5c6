import { describe, expect, it } from 'vitest';
import { Pop3Error } from './pop3-client.ts';
import { classifyPop3Error } from './classify-pop3-error.ts';

describe('classifyPop3Error', () => {
  it('a refused PASS is a wrong login, with or without the [AUTH] code', () => {
    expect(classifyPop3Error(new Pop3Error('PASS', { ok: false, code: 'AUTH', text: 'Authentication failed.' })).kind).toBe('auth');
    expect(classifyPop3Error(new Pop3Error('PASS', { ok: false, code: null, text: 'invalid password' })).kind).toBe('auth');
  });

  it('a locked mailbox or a temporary server problem is retried, not reported as a wrong password', () => {
    expect(classifyPop3Error(new Pop3Error('PASS', { ok: false, code: 'IN-USE', text: 'Mailbox locked' })).kind).toBe('network');
    expect(classifyPop3Error(new Pop3Error('PASS', { ok: false, code: 'SYS/TEMP', text: 'try later' })).kind).toBe('network');
  });

  it('a server without STLS fails a starttls account as a TLS error', () => {
    expect(classifyPop3Error(new Pop3Error('STLS', { ok: false, code: null, text: 'Unknown command' })).kind).toBe('tls');
  });

  it('another refused command is a protocol error', () => {
    expect(classifyPop3Error(new Pop3Error('RETR', { ok: false, code: null, text: 'no such message' })).kind).toBe('protocol');
  });

  it('socket errors come from the shared connection classification', () => {
    expect(classifyPop3Error(Object.assign(new Error('getaddrinfo ENOTFOUND pop.example'), { code: 'ENOTFOUND' }))).toMatchObject({ kind: 'network', message: expect.stringContaining('resolved') });
    expect(classifyPop3Error(Object.assign(new Error('The POP3 server did not answer in time'), { code: 'ETIMEDOUT' })).kind).toBe('timeout');
  });
});
