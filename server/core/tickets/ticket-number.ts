/**
 * Ticket number formats, exactly as OTRS's Kernel/System/Ticket/Number/*.pm, so that
 * numbers in old mails and desks moved from OTRS keep being recognised.
 */

export type TicketNumberGenerator = 'DateChecksum' | 'Date' | 'AutoIncrement';

/** Inputs of one ticket number. */
export interface TicketNumberParts {
  generator: TicketNumberGenerator;
  systemId: string;
  /** Counter value: per day for date-based generators, overall for AutoIncrement. */
  counter: number;
  /** Local date as YYYYMMDD (ignored by AutoIncrement). */
  date: string;
  /** Minimal counter width for AutoIncrement (OTRS MinCounterSize). */
  minCounterSize: number;
}

/** Formats a ticket number. */
export function formatTicketNumber(parts: TicketNumberParts): string {
  switch (parts.generator) {
    case 'AutoIncrement':
      return parts.systemId + String(parts.counter).padStart(parts.minCounterSize, '0');
    case 'Date':
      return parts.date + parts.systemId + String(parts.counter);
    case 'DateChecksum': {
      const base = parts.date + parts.systemId + String(parts.counter).padStart(5, '0');
      return base + checkDigit(base);
    }
  }
}

/**
 * DateChecksum check digit: digits weighted 1,2,1,2… from the left, products summed
 * without digit sums, c = 10 − (sum mod 10), and 10 becomes 1.
 */
export function checkDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (i % 2 === 0 ? 1 : 2);
  const c = 10 - (sum % 10);
  return c === 10 ? 1 : c;
}

/** Counter scope: one counter per local day for date-based generators, one overall otherwise. */
export function counterScope(generator: TicketNumberGenerator, date: string): string {
  return generator === 'AutoIncrement' ? 'all' : date;
}

// Building an Intl.DateTimeFormat costs more than the rest of numbering a ticket; a desk uses one zone.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** The local date (YYYYMMDD) of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

/** A regular expression source matching numbers of this generator and system id. */
export function ticketNumberPattern(generator: TicketNumberGenerator, systemId: string, minCounterSize: number): string {
  switch (generator) {
    case 'AutoIncrement':
      return `${systemId}\\d{${minCounterSize},${minCounterSize + 5}}`;
    case 'Date':
      return `\\d{8}${systemId}\\d{1,40}`;
    case 'DateChecksum':
      return `\\d{8}${systemId}\\d{4,40}`;
  }
}

/** True when a DateChecksum number's last digit is its check digit. */
export function hasValidCheckDigit(tn: string): boolean {
  return tn.length > 1 && checkDigit(tn.slice(0, -1)) === Number(tn.slice(-1));
}
