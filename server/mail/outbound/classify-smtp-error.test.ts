import { describe, expect, it } from 'vitest';
import { classifySmtpError } from './classify-smtp-error.ts';

describe('classifySmtpError', () => {
  it('5xx for the message or recipients is permanent, with the command and answer', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 No such user', command: 'RCPT TO' })).toEqual({ permanent: true, message: 'RCPT TO: 550 5.1.1 No such user' });
    expect(classifySmtpError({ code: 'EMESSAGE', responseCode: 554, response: '554 spam', command: 'DATA' }).permanent).toBe(true);
  });
  it('4xx, connection, TLS and login problems are retried', () => {
    expect(classifySmtpError({ code: 'EENVELOPE', responseCode: 451, response: '451 try later', command: 'RCPT TO' })).toEqual({ permanent: false, message: 'RCPT TO: 451 try later' });
    expect(classifySmtpError({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1', command: 'CONN' })).toEqual({ permanent: false, message: 'ECONNECTION: connect ECONNREFUSED 127.0.0.1:1' });
    expect(classifySmtpError({ code: 'EAUTH', responseCode: 535, response: '535 bad credentials', command: 'AUTH PLAIN' }).permanent).toBe(false);
    expect(classifySmtpError(new Error('boom')).permanent).toBe(false);
  });
});
