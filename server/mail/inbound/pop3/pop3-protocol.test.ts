import { describe, expect, it } from 'vitest';
import { parseStat, parseStatusLine, parseUidlListing, Pop3Reader, unstuffDots } from './pop3-protocol.ts';

describe('parseStatusLine', () => {
  it('reads +OK and -ERR with and without RFC 2449 response codes', () => {
    expect(parseStatusLine('+OK Dovecot ready.')).toEqual({ ok: true, text: 'Dovecot ready.', code: null });
    expect(parseStatusLine('-ERR [AUTH] Authentication failed.')).toEqual({ ok: false, text: 'Authentication failed.', code: 'AUTH' });
    expect(parseStatusLine('-ERR [SYS/TEMP] try later')).toMatchObject({ code: 'SYS/TEMP' });
    expect(parseStatusLine('+OK')).toEqual({ ok: true, text: '', code: null });
  });

  it('rejects a line that is no POP3 answer', () => {
    expect(() => parseStatusLine('* OK IMAP4rev1 ready')).toThrow(/Not a POP3 answer/);
  });
});

describe('listings', () => {
  it('STAT gives count and size', () => {
    expect(parseStat('3 1024')).toEqual({ count: 3, size: 1024 });
    expect(() => parseStat('nonsense')).toThrow();
  });

  it('UIDL gives message numbers with their ids', () => {
    expect(parseUidlListing(Buffer.from('1 000000015ff1a2b3\r\n2 000000025ff1a2b3\r\n'))).toEqual([
      { number: 1, uid: '000000015ff1a2b3' },
      { number: 2, uid: '000000025ff1a2b3' },
    ]);
  });
});

describe('dot-unstuffing', () => {
  it('removes the extra dot the server put before lines starting with a dot, and nothing else', () => {
    expect(unstuffDots(Buffer.from('Subject: x\r\n\r\n..hidden\r\n...\r\nplain.\r\n')).toString()).toBe('Subject: x\r\n\r\n.hidden\r\n..\r\nplain.\r\n');
  });

  it('keeps 8-bit bytes exactly', () => {
    const body = Buffer.concat([Buffer.from('A: '), Buffer.from([0xe4, 0xf6, 0xfc, 0xff]), Buffer.from('\r\n')]);
    expect(unstuffDots(body).equals(body)).toBe(true);
  });
});

describe('Pop3Reader', () => {
  it('hands out a multi-line answer only once its terminator arrived, across chunk borders', () => {
    const reader = new Pop3Reader();
    reader.push(Buffer.from('+OK 20 octets\r\nline 1\r\n..dot'));
    expect(reader.readLine()).toBe('+OK 20 octets');
    expect(reader.readMultiline()).toBeNull();
    reader.push(Buffer.from('\r\n.'));
    expect(reader.readMultiline()).toBeNull();
    reader.push(Buffer.from('\r\n+OK next\r\n'));
    expect(reader.readMultiline()?.toString()).toBe('line 1\r\n.dot\r\n');
    expect(reader.readLine()).toBe('+OK next');
    expect(reader.pending).toBe(0);
  });

  it('reads an empty listing', () => {
    const reader = new Pop3Reader();
    reader.push(Buffer.from('.\r\n'));
    expect(reader.readMultiline()?.length).toBe(0);
  });
});
