import { describe, expect, it } from 'vitest';
import { formatAddress, parseAddressList } from './mail-address.ts';
import { replyReferences, subjectWithTicketTag, textToHtml } from './mail-compose.ts';
import { quoteLines, renderPlaceholders, unknownPlaceholders } from './placeholders.ts';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMinutes } from './retry-schedule.ts';

describe('subjectWithTicketTag', () => {
  const tag = { hook: 'Ticket#', tn: '2026112810000017' };
  it.each([
    ['Cannot log in', false, '[Ticket#2026112810000017] Cannot log in'],
    ['Cannot log in', true, 'Re: [Ticket#2026112810000017] Cannot log in'],
    ['Re: AW: RE: Cannot log in', true, 'Re: [Ticket#2026112810000017] Cannot log in'],
    ['Re: [Ticket#2026112810000017] AW: [Ticket#2026112810000017] Cannot log in', true, 'Re: [Ticket#2026112810000017] Cannot log in'],
    ['WG: Fwd: Passwort', false, '[Ticket#2026112810000017] Passwort'],
    ['Fwd: [Ticket#2026112810000017] Passwort', true, 'Fwd: [Ticket#2026112810000017] Passwort'],
  ])('%s (reply: %s) → %s', (subject, isReply, expected) => {
    expect(subjectWithTicketTag(subject, { ...tag, isReply })).toBe(expected);
  });
});

describe('addresses', () => {
  it('splits lists, keeps names with commas in quotes, and refuses non-addresses', () => {
    expect(parseAddressList('Sam <sam@x.de>, "Doe, Jo" <jo@y.de>; other@z.de')).toEqual([
      { address: 'sam@x.de', name: 'Sam' },
      { address: 'jo@y.de', name: 'Doe, Jo' },
      { address: 'other@z.de', name: '' },
    ]);
    expect(parseAddressList('')).toEqual([]);
    expect(parseAddressList('not an address')).toBeNull();
    expect(formatAddress({ address: 'a@b.de', name: 'Müller "IT"' })).toBe('"Müller \\"IT\\"" <a@b.de>');
  });
});

describe('threading and bodies', () => {
  it('References end with the parent and keep at most 20 ids', () => {
    expect(replyReferences({ messageId: '<p@x>', references: '<a@x> <b@x>' })).toBe('<a@x> <b@x> <p@x>');
    const many = Array.from({ length: 30 }, (_, i) => `<${i}@x>`).join(' ');
    const refs = replyReferences({ messageId: '<p@x>', references: many })?.split(' ') ?? [];
    expect(refs).toHaveLength(20);
    expect(refs[0]).toBe('<0@x>');
    expect(refs.at(-1)).toBe('<p@x>');
    expect(replyReferences(undefined)).toBeNull();
  });
  it('escapes text for HTML', () => {
    expect(textToHtml('a < b & "c"\nnext')).toBe('a &lt; b &amp; &quot;c&quot;<br>\nnext');
  });
});

describe('placeholders', () => {
  it('fills values, quotes the first n lines of the mail, cuts subjects and keeps OTRS names working', () => {
    const values = { CUSTOMER_REALNAME: 'Jana Meier', CUSTOMER_EMAIL: 'one\n\ntwo\nthree', CUSTOMER_SUBJECT: 'A very long subject line', TICKET_NUMBER: '42' };
    expect(renderPlaceholders('Dear <CUSTOMER_REALNAME>, <OTRS_TICKET_NUMBER>', values)).toBe('Dear Jana Meier, 42');
    expect(renderPlaceholders('<CUSTOMER_EMAIL[3]>', values)).toBe('> one\n>\n> two');
    expect(renderPlaceholders('Re: <CUSTOMER_SUBJECT[6]>', values)).toBe('Re: A very...');
    expect(renderPlaceholders('<QUEUE> <UNKNOWN>', values)).toBe('<QUEUE> <UNKNOWN>');
    expect(quoteLines('a\nb\n')).toBe('> a\n> b');
  });
  it('names placeholders it does not know', () => {
    expect(unknownPlaceholders('<CUSTOMER_NAME> <TICKET_NUMBER> <OTRS_AGENT_FIRSTNAME>')).toEqual(['CUSTOMER_NAME']);
  });
});

describe('retry schedule', () => {
  it('waits 1, 5, 15, 60 minutes … and gives up after the last attempt', () => {
    expect([1, 2, 3, 4].map(retryDelayMinutes)).toEqual([1, 5, 15, 60]);
    expect(retryDelayMinutes(MAX_DELIVERY_ATTEMPTS)).toBeNull();
  });
});
