import { describe, expect, it } from 'vitest';
import { parseMail } from '../mail-intake/parse-mail.ts';
import type { ParsedMail } from '../mail-intake/parsed-mail.ts';
import { MAX_BODY_CHARS, matchFilter, runFilters, sortFilters, substituteCapture } from './filter-match.ts';
import type { MatchRule, PostmasterFilter } from './postmaster-filter.types.ts';

const mail = (headers: string, body = 'Hello') => parseMail(Buffer.from(`${headers.trim()}\r\n\r\n${body}`.replace(/\r?\n/g, '\r\n')));
const text = (header: string, value: string, negate = false): MatchRule => ({ header, value, isRegex: false, negate });
const regex = (header: string, value: string, negate = false): MatchRule => ({ header, value, isRegex: true, negate });

function filter(id: number, name: string, match: MatchRule[], extra: Partial<PostmasterFilter> = {}): PostmasterFilter {
  return { id, name, position: 0, isValid: true, stopAfterMatch: false, ignore: false, match, newTicket: {}, followUp: {}, comment: null, createdAt: '', changedAt: '', ...extra };
}

describe('matchFilter', () => {
  let student: ParsedMail;
  it('matches text as a case-insensitive substring and regexes case-insensitively', async () => {
    student = await mail('From: Sam Student <sam@student.uni-spree.de>\nTo: support@uni-spree.de\nSubject: Passwort VERGESSEN', 'Hallo, ich komme nicht in Moodle.');
    expect(matchFilter([text('Subject', 'passwort vergessen')], student).matched).toBe(true);
    expect(matchFilter([text('Subject', 'passwor.')], student).matched).toBe(false);
    expect(matchFilter([regex('Subject', 'passwor(t|d) vergessen')], student).matched).toBe(true);
    expect(matchFilter([regex('From', '@student\\.uni-spree\\.de')], student).matched).toBe(true);
  });

  it('treats the pseudo-header Body as the mail text', async () => {
    expect(matchFilter([text('Body', 'moodle')], student).matched).toBe(true);
    expect(matchFilter([text('Body', 'eduroam')], student).matched).toBe(false);
    const htmlOnly = await mail('From: a@b.de\nContent-Type: text/html; charset=utf-8', '<p>I <b>forgot</b> my password</p>');
    expect(matchFilter([regex('Body', 'forgot.*password')], htmlOnly).matched).toBe(true);
  });

  it('negation holds when the value does not match or the header is missing', async () => {
    const spam = await mail('From: x@spam.example\nX-Spam-Flag: YES\nSubject: Win');
    expect(matchFilter([text('X-Spam-Flag', 'yes', true)], spam)).toMatchObject({ matched: false, failedRule: 0 });
    expect(matchFilter([text('X-Spam-Flag', 'yes', true)], student).matched).toBe(true);
    expect(matchFilter([text('X-Spam-Flag', 'yes')], student).matched).toBe(false);
  });

  it('needs every rule and names the first that failed', () => {
    const rules = [text('To', 'support@'), text('Subject', 'passwort'), text('From', 'staff.uni-spree.de')];
    expect(matchFilter(rules, student)).toEqual({ matched: false, failedRule: 2, capture: '' });
  });

  it('looks at every occurrence of a header', async () => {
    const relayed = await mail('Received: from mx1.uni-spree.de\nReceived: from mail.fh-example.de\nFrom: a@b.de\nSubject: Hi');
    expect(matchFilter([text('Received', 'fh-example')], relayed).matched).toBe(true);
    expect(matchFilter([text('Received', 'fh-example', true)], relayed).matched).toBe(false);
  });

  it('reads only the first 1 MB of the body', async () => {
    const big = { ...(await mail('From: a@b.de\nSubject: log')), text: `${'x'.repeat(MAX_BODY_CHARS)} password forgotten` };
    expect(matchFilter([text('Body', 'password')], big).matched).toBe(false);
    expect(matchFilter([regex('Body', '^x+$')], big).matched).toBe(true);
  });

  it('captures the first group for [***], else the matched text', async () => {
    const monitor = await mail('From: nagios@uni-spree.de\nSubject: PROBLEM: host mail01 is DOWN');
    expect(matchFilter([regex('Subject', 'host (\\w+) is down')], monitor).capture).toBe('mail01');
    expect(matchFilter([text('Subject', 'problem')], monitor).capture).toBe('PROBLEM');
    expect(matchFilter([text('From', 'nagios'), regex('Subject', 'host (\\S+)')], monitor).capture).toBe('mail01');
    expect(substituteCapture('Outage of [***] ([***])', 'mail01')).toBe('Outage of mail01 (mail01)');
  });
});

describe('runFilters', () => {
  it('runs in order: later matches override earlier sets, custom fields merge, captures fill titles', async () => {
    const m = await mail('From: nagios@uni-spree.de\nSubject: PROBLEM: host mail01 is DOWN');
    const result = runFilters(
      [
        filter(1, 'monitoring', [text('From', 'nagios@')], { newTicket: { queueId: 5, priorityId: 3, customFields: { Source: 'nagios' } } }),
        filter(2, 'outage', [regex('Subject', 'host (\\w+) is down')], { newTicket: { priorityId: 5, title: 'Outage: [***]', customFields: { Host: '[***]' } } }),
        filter(3, 'never', [text('Subject', 'RECOVERY')], { newTicket: { queueId: 9 } }),
      ],
      m,
      { newTicket: { queueId: 2 }, followUp: {} },
    );
    expect(result.newTicket).toEqual({ queueId: 5, priorityId: 5, title: 'Outage: mail01', customFields: { Source: 'nagios', Host: 'mail01' } });
    expect(result.trace.map((t) => t.status)).toEqual(['matched', 'matched', 'not_matched']);
  });

  it('stops after a matching filter marked stop-after-match; later ones are skipped', async () => {
    const m = await mail('From: a@b.de\nSubject: Spam offer');
    const result = runFilters(
      [
        filter(1, 'miss', [text('Subject', 'nothing')], { stopAfterMatch: true }),
        filter(2, 'spam', [text('Subject', 'spam')], { stopAfterMatch: true, ignore: true }),
        filter(3, 'catch-all', [regex('From', '.')], { newTicket: { queueId: 7 } }),
      ],
      m,
      { newTicket: {}, followUp: {} },
    );
    expect(result.ignore).toBe(true);
    expect(result.newTicket).toEqual({});
    expect(result.trace.map((t) => t.status)).toEqual(['not_matched', 'matched', 'skipped']);
  });

  it('keeps new-ticket and follow-up sets apart', async () => {
    const m = await mail('From: a@b.de\nSubject: Urgent');
    const result = runFilters([filter(1, 'urgent', [text('Subject', 'urgent')], { newTicket: { priorityId: 4 }, followUp: { priorityId: 5, stateId: 4 } })], m, { newTicket: {}, followUp: {} });
    expect(result.newTicket).toEqual({ priorityId: 4 });
    expect(result.followUp).toEqual({ priorityId: 5, stateId: 4 });
  });
});

describe('sortFilters', () => {
  it('orders by position, ties by name in byte order as OTRS', () => {
    const sorted = sortFilters([
      { position: 20, name: 'a' },
      { position: 10, name: 'b' },
      { position: 10, name: 'B' },
      { position: 10, name: '010-spam' },
    ]);
    expect(sorted.map((f) => `${f.position}:${f.name}`)).toEqual(['10:010-spam', '10:B', '10:b', '20:a']);
  });
});
