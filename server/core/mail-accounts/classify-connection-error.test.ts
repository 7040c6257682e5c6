import { describe, expect, it } from 'vitest';
import { classifyConnectionError } from './classify-connection-error.ts';

const err = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('classifyConnectionError', () => {
  it('refused, reset and unresolvable connections are network errors', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']) {
      expect(classifyConnectionError(err(code))?.kind).toBe('network');
    }
  });

  it('time-outs are their own kind', () => {
    expect(classifyConnectionError(err('ETIMEDOUT'))?.kind).toBe('timeout');
    expect(classifyConnectionError(new Error('Socket timed out'))?.kind).toBe('timeout');
  });

  it('certificate and handshake failures are TLS errors', () => {
    expect(classifyConnectionError(err('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'))?.kind).toBe('tls');
    expect(classifyConnectionError(err('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"))?.kind).toBe('tls');
    expect(classifyConnectionError(err('ERR_SSL_WRONG_VERSION_NUMBER', 'ssl3_get_record:wrong version number'))?.kind).toBe('tls');
    expect(classifyConnectionError(Object.assign(new Error('write EPROTO'), { code: 'EPROTO', library: 'SSL routines' }))?.kind).toBe('tls');
  });

  it('leaves other errors to the protocol classifier', () => {
    expect(classifyConnectionError(new Error('Command failed'))).toBeNull();
    expect(classifyConnectionError(undefined)).toBeNull();
  });
});
