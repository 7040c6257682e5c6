import { describe, expect, it } from 'vitest';
import { classifyImapError } from './classify-imap-error.ts';

describe('classifyImapError', () => {
  it('a rejected login is an auth error', () => {
    const error = Object.assign(new Error('Command failed'), { authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED', responseText: 'Authentication failed.' });
    expect(classifyImapError(error)).toEqual({ kind: 'auth', message: 'The server rejected the login: Authentication failed.' });
  });

  it('a login refused because the server is unavailable is not a wrong password', () => {
    const error = Object.assign(new Error('Command failed'), { authenticationFailed: true, serverResponseCode: 'UNAVAILABLE', responseText: 'Auth backend down' });
    expect(classifyImapError(error).kind).toBe('network');
  });

  it('a missing folder is a mailbox error', () => {
    expect(classifyImapError(Object.assign(new Error('Command failed'), { responseStatus: 'NO', mailboxMissing: true })).kind).toBe('mailbox');
    expect(classifyImapError(Object.assign(new Error('Command failed'), { responseStatus: 'NO', serverResponseCode: 'NONEXISTENT' })).kind).toBe('mailbox');
  });

  it('required STARTTLS the server does not offer is a TLS error', () => {
    expect(classifyImapError(Object.assign(new Error('Server does not support STARTTLS'), { tlsFailed: true })).kind).toBe('tls');
  });

  it('socket errors and time-outs come from the shared connection classification', () => {
    expect(classifyImapError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })).kind).toBe('network');
    expect(classifyImapError(Object.assign(new Error('Failed to receive greeting from server in required time'), { code: 'GREETING_TIMEOUT' })).kind).toBe('timeout');
    expect(classifyImapError(Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).kind).toBe('tls');
  });

  it('another refused command is a protocol error; anything else is unknown', () => {
    expect(classifyImapError(Object.assign(new Error('Command failed'), { responseStatus: 'BAD', responseText: 'Error in IMAP command' })).kind).toBe('protocol');
    expect(classifyImapError('weird').kind).toBe('unknown');
  });
});
