import { describe, expect, it } from 'vitest';
import { emailOf, formatAddress, invalidAddresses, isValidAddress, joinAddressList, parseAddressList } from '../../web/src/components/address-list';
import { bytesToBase64, fitsLimit, formatBytes, MAX_ATTACHMENT_BYTES, safeContentType, safeFilename } from '../../web/src/components/file-base64';
import { htmlFromText, textFromHtml } from '../../web/src/components/html-text';
import { buildArticle, isDraftChanged, type ComposeFields } from '../../web/src/features/ticket-zoom/compose/compose-article';

describe('address lists', () => {
  it('splits at commas and semicolons but not inside quoted names or angle brackets', () => {
    expect(parseAddressList('"Berg, Anna" <anna@uni.example>; bob@uni.example,  ,Carl <carl@uni.example>')).toEqual(['"Berg, Anna" <anna@uni.example>', 'bob@uni.example', 'Carl <carl@uni.example>']);
    expect(parseAddressList('')).toEqual([]);
    expect(parseAddressList(null)).toEqual([]);
  });

  it('accepts plain and named addresses and refuses broken ones', () => {
    expect(isValidAddress('anna@uni.example')).toBe(true);
    expect(isValidAddress('Anna Berg <anna@uni.example>')).toBe(true);
    expect(invalidAddresses(['anna@uni', 'no at sign', 'a@b.de', 'Anna <anna@uni.example', '<>'])).toEqual(['anna@uni', 'no at sign', 'Anna <anna@uni.example', '<>']);
    expect(emailOf('Anna <anna@uni.example>')).toBe('anna@uni.example');
  });

  it('formats names safely and joins for the API', () => {
    expect(formatAddress('Anna Berg', 'anna@uni.example')).toBe('Anna Berg <anna@uni.example>');
    expect(formatAddress('Berg, Anna', 'anna@uni.example')).toBe('"Berg, Anna" <anna@uni.example>');
    expect(formatAddress('', 'anna@uni.example')).toBe('anna@uni.example');
    expect(joinAddressList([' a@b.de ', '', 'c@d.de'])).toBe('a@b.de, c@d.de');
    expect(joinAddressList([])).toBeNull();
  });
});

describe('text from HTML', () => {
  it('separates blocks with a blank line and keeps line breaks and list items', () => {
    expect(textFromHtml('<p>Hallo Anna,</p><p>Zeile 1<br>Zeile 2</p><ul><li><p>eins</p></li><li><p>zwei</p></li></ul><blockquote><p>alt &amp; &lt;gut&gt;</p></blockquote>')).toBe(
      'Hallo Anna,\n\nZeile 1\nZeile 2\n\n- eins\n\n- zwei\n\nalt & <gut>',
    );
  });

  it('turns text into escaped paragraphs', () => {
    expect(htmlFromText('a < b\nnext\n\nsecond')).toBe('<p>a &lt; b<br>next</p><p>second</p>');
  });
});

describe('attachments', () => {
  it('encodes bytes as base64, also beyond one chunk', () => {
    expect(bytesToBase64(new TextEncoder().encode('Grüße'))).toBe(Buffer.from('Grüße').toString('base64'));
    const big = new Uint8Array(100_000).map((_, i) => i % 251);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('keeps the total size within 20 MB', () => {
    expect(fitsLimit([{ size: 15 * 1024 * 1024 }], [{ size: 5 * 1024 * 1024 }])).toBe(true);
    expect(fitsLimit([{ size: 15 * 1024 * 1024 }], [{ size: 5 * 1024 * 1024 + 1 }])).toBe(false);
    expect(MAX_ATTACHMENT_BYTES).toBe(20 * 1024 * 1024);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.2 * 1024 * 1024)).toBe('3.2 MB');
  });

  it('sends names and types the server accepts', () => {
    expect(safeFilename('a/b\\c.pdf')).toBe('a_b_c.pdf');
    expect(safeContentType('')).toBe('application/octet-stream');
    expect(safeContentType('text/plain; charset=utf-8')).toBe('text/plain');
  });
});

describe('article from the composer', () => {
  const fields: ComposeFields = {
    from: 'Service Desk <desk@uni.example>', to: ['Anna <anna@uni.example>'], cc: [], bcc: ['boss@uni.example'], subject: ' Re: VPN ', bodyHtml: '<p>Hi</p>', bodyText: 'Hi',
    inReplyTo: '<m1@x>', references: '<m0@x> <m1@x>', timeUnits: 5, visibleForCustomer: false, direction: 'inbound',
  };

  it('sends replies as agent mail with recipients and threading headers', () => {
    expect(buildArticle('reply', fields, [])).toMatchObject({ channel: 'email', senderType: 'agent', isVisibleForCustomer: true, to: 'Anna <anna@uni.example>', cc: null, bcc: 'boss@uni.example', subject: 'Re: VPN', inReplyTo: '<m1@x>', timeUnits: 5 });
  });

  it('keeps notes internal unless made visible, and records calls by direction', () => {
    expect(buildArticle('note', fields, [])).toMatchObject({ channel: 'note', isVisibleForCustomer: false });
    expect(buildArticle('note', { ...fields, visibleForCustomer: true }, [])).toMatchObject({ isVisibleForCustomer: true });
    expect(buildArticle('note', fields, [])).not.toHaveProperty('to');
    expect(buildArticle('phone', fields, [])).toMatchObject({ channel: 'phone', senderType: 'customer' });
    expect(buildArticle('phone', { ...fields, direction: 'outbound' }, [])).toMatchObject({ channel: 'phone', senderType: 'agent' });
  });

  it('notices an edited draft but not an untouched prefill', () => {
    expect(isDraftChanged(fields, fields, 0, 0)).toBe(false);
    expect(isDraftChanged({ ...fields, bodyText: 'Hi there' }, fields, 0, 0)).toBe(true);
    expect(isDraftChanged(fields, fields, 1, 0)).toBe(true);
  });
});
