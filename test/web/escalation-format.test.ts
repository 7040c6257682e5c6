import { describe, expect, it } from 'vitest';
import { formatAge, formatEscalation, formatLanguage, formatSpan } from '../../web/src/components/escalation-format';

const now = new Date('2026-11-28T12:00:00Z');
const at = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * 60_000).toISOString();

describe('time to escalation', () => {
  it('says how long until a ticket escalates, in English and German', () => {
    expect(formatEscalation(at(80), now, 'en')).toEqual({ text: 'in 1 h 20 min', escalated: false });
    expect(formatEscalation(at(80), now, 'de')).toEqual({ text: 'in 1 Std. 20 Min.', escalated: false });
    expect(formatEscalation(at(45), now, 'en')?.text).toBe('in 45 min');
    expect(formatEscalation(at(120), now, 'de')?.text).toBe('in 2 Std.');
    expect(formatEscalation(at(60 * 24 * 2 + 180 + 7), now, 'en')?.text).toBe('in 2 d 3 h');
    expect(formatEscalation(at(60 * 24 * 2 + 180 + 7), now, 'de')?.text).toBe('in 2 Tg. 3 Std.');
  });

  it('marks a passed escalation time as escalated and says since when', () => {
    expect(formatEscalation(at(-180), now, 'en')).toEqual({ text: 'escalated 3 h ago', escalated: true });
    expect(formatEscalation(at(-180), now, 'de')).toEqual({ text: 'seit 3 Std. eskaliert', escalated: true });
    expect(formatEscalation(at(-(60 * 24 + 5)), now, 'en')?.text).toBe('escalated 1 d ago');
  });

  it('treats the escalation minute itself and the seconds around it sensibly', () => {
    expect(formatEscalation(now.toISOString(), now, 'en')).toEqual({ text: 'escalated just now', escalated: true });
    expect(formatEscalation(new Date(now.getTime() + 30_000).toISOString(), now, 'en')).toEqual({ text: 'in less than 1 min', escalated: false });
    expect(formatEscalation(new Date(now.getTime() + 30_000).toISOString(), now, 'de')?.text).toBe('in weniger als 1 Min.');
    expect(formatEscalation(new Date(now.getTime() - 30_000).toISOString(), now, 'de')).toEqual({ text: 'gerade eskaliert', escalated: true });
  });

  it('shows nothing when no escalation clock runs', () => {
    expect(formatEscalation(null, now, 'en')).toBeNull();
    expect(formatEscalation(undefined, now, 'de')).toBeNull();
    expect(formatEscalation('not a date', now, 'de')).toBeNull();
  });
});

describe('ticket age and spans', () => {
  it('gives the two largest units', () => {
    expect(formatAge(at(-(60 * 24 * 3 + 60 * 4 + 59)), now, 'en')).toBe('3 d 4 h');
    expect(formatAge(at(-(60 * 24 * 3 + 60 * 4 + 59)), now, 'de')).toBe('3 Tg. 4 Std.');
    expect(formatAge(at(-59), now, 'de')).toBe('59 Min.');
    expect(formatSpan(0, 'en')).toBe('0 min');
  });

  it('never shows a negative age for a clock running ahead', () => {
    expect(formatAge(at(5), now, 'en')).toBe('0 min');
  });

  it('maps i18next languages to the two it formats', () => {
    expect(formatLanguage('de-DE')).toBe('de');
    expect(formatLanguage('en')).toBe('en');
    expect(formatLanguage(undefined)).toBe('en');
  });
});
