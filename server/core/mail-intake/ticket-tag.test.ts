import { describe, expect, it } from 'vitest';
import { findTicketNumbers, stripReplyPrefixes, stripTicketTag, ticketTag } from './ticket-tag.ts';

const settings = { ticketHook: 'Ticket#', ticketNumberGenerator: 'DateChecksum' as const, systemId: '10', ticketCounterMinSize: 5 };
const tn = '2026112810000017';

describe('ticket tags in subjects', () => {
  it('finds the number behind reply and forward prefixes of many mail clients', () => {
    for (const subject of [
      `[Ticket#${tn}] Moodle`,
      `Re: [Ticket#${tn}] Moodle`,
      `AW: AW: [Ticket#${tn}] Moodle`,
      `WG: Fwd: [ticket#${tn}] Moodle`,
      `RE[2]: [Ticket#${tn}] Moodle`,
      `Moodle [Ticket#${tn}]`,
      `Frage zu Ticket: ${tn}`,
      `Frage zu Ticket:  ${tn}`,
    ]) {
      expect(findTicketNumbers(subject, settings), subject).toEqual([tn]);
    }
  });

  it('ignores other numbers and numbers of other systems', () => {
    expect(findTicketNumbers('Matrikelnummer 4711123, Raum 2026112810000017', settings)).toEqual([]);
    expect(findTicketNumbers('[Ticket#2026112899000017]', settings)).toEqual([]);
    expect(findTicketNumbers(`[Ticket#${tn}9999999999999999999999999999999999999999]`, settings)).toEqual([]);
  });

  it('writes the tag as OTRS does and strips it together with prefixes', () => {
    expect(ticketTag('Ticket#', tn)).toBe(`[Ticket#${tn}]`);
    expect(stripTicketTag(`AW: Re: [Ticket#${tn}] WLAN im Wohnheim`, settings)).toBe('WLAN im Wohnheim');
    expect(stripReplyPrefixes('Antw: SV: Drucker')).toBe('Drucker');
    expect(stripReplyPrefixes('Reisekosten')).toBe('Reisekosten');
  });

  it('AutoIncrement numbers are found with their own pattern', () => {
    const auto = { ...settings, ticketNumberGenerator: 'AutoIncrement' as const };
    expect(findTicketNumbers('Re: [Ticket#1000042] Drucker', auto)).toEqual(['1000042']);
  });
});
