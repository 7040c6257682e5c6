import { describe, expect, it } from 'vitest';
import { checkDigit, formatTicketNumber, hasValidCheckDigit, localDate, ticketNumberPattern } from './ticket-number.ts';

describe('ticket numbers', () => {
  it('DateChecksum matches the OTRS example 2002062310100011', () => {
    // OTRS documentation example: date 20020623, SystemID 10, counter 10001 → check digit 1.
    expect(formatTicketNumber({ generator: 'DateChecksum', systemId: '10', counter: 10001, date: '20020623', minCounterSize: 5 })).toBe('2002062310100011');
  });

  it('check digit weights 1,2,1,2 without digit sums and maps 10 to 1', () => {
    // 1*1 + 2*2 = 5 → 10-5 = 5
    expect(checkDigit('12')).toBe(5);
    // sum 0 → c = 10 → 1
    expect(checkDigit('000')).toBe(1);
    // 9*1 + 9*2 = 27 → 10-7 = 3 (a digit-summing variant would give 10-(9+9)%10 = 2)
    expect(checkDigit('99')).toBe(3);
  });

  it('Date numbers carry the unpadded daily counter; AutoIncrement pads to the minimum size', () => {
    expect(formatTicketNumber({ generator: 'Date', systemId: '10', counter: 138, date: '20020623', minCounterSize: 5 })).toBe('200206231013' + '8');
    expect(formatTicketNumber({ generator: 'AutoIncrement', systemId: '10', counter: 138, date: '', minCounterSize: 5 })).toBe('1000138');
  });

  it('detection patterns find generated numbers and a wrong check digit is noticed', () => {
    const tn = formatTicketNumber({ generator: 'DateChecksum', systemId: '10', counter: 42, date: '20261128', minCounterSize: 5 });
    expect(new RegExp(`^${ticketNumberPattern('DateChecksum', '10', 5)}$`).test(tn)).toBe(true);
    expect(hasValidCheckDigit(tn)).toBe(true);
    expect(hasValidCheckDigit(tn.slice(0, -1) + String((Number(tn.slice(-1)) + 1) % 10))).toBe(false);
  });

  it('the date is the local date of the desk, not UTC', () => {
    // 23:30 UTC on 27 November is already 28 November in Berlin.
    expect(localDate(new Date('2026-11-27T23:30:00Z'), 'Europe/Berlin')).toBe('20261128');
    expect(localDate(new Date('2026-11-27T23:30:00Z'), 'UTC')).toBe('20261127');
  });
});
