/**
 * Pure time formatting for ticket lists: "time to escalation" and ticket age. Kept free of React and
 * i18next so it can be unit-tested; the language is passed in (the UI passes i18next's language).
 */

export type FormatLanguage = 'de' | 'en';

const UNITS = {
  en: { day: 'd', hour: 'h', minute: 'min' },
  de: { day: 'Tg.', hour: 'Std.', minute: 'Min.' },
} as const;

const MINUTE = 60_000;

/** A span as its two largest units, e.g. "1 h 20 min", "2 d 3 h", "5 min"; under a minute is "0 min". */
export function formatSpan(milliseconds: number, language: FormatLanguage): string {
  const units = UNITS[language];
  const minutes = Math.floor(Math.abs(milliseconds) / MINUTE);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} ${units.day} ${hours} ${units.hour}` : `${days} ${units.day}`;
  if (hours > 0) return rest > 0 ? `${hours} ${units.hour} ${rest} ${units.minute}` : `${hours} ${units.hour}`;
  return `${rest} ${units.minute}`;
}

export interface EscalationText {
  /** What the agent reads, e.g. "in 1 h 20 min" or "escalated 3 h ago". */
  text: string;
  /** True once the escalation time has passed: show it in red. */
  escalated: boolean;
}

/**
 * The backend's `escalation.at` as time to escalation, or null when no escalation clock runs
 * (pending, closed, no SLA). Escalation is due at `at`; at that very minute it counts as escalated.
 */
export function formatEscalation(at: string | null | undefined, now: Date, language: FormatLanguage): EscalationText | null {
  if (!at) return null;
  const due = Date.parse(at);
  if (Number.isNaN(due)) return null;
  const left = due - now.getTime();
  if (left > 0) {
    if (left < MINUTE) return { text: language === 'de' ? 'in weniger als 1 Min.' : 'in less than 1 min', escalated: false };
    return { text: `in ${formatSpan(left, language)}`, escalated: false };
  }
  if (-left < MINUTE) return { text: language === 'de' ? 'gerade eskaliert' : 'escalated just now', escalated: true };
  const span = formatSpan(left, language);
  return { text: language === 'de' ? `seit ${span} eskaliert` : `escalated ${span} ago`, escalated: true };
}

/** A ticket's age since createdAt, e.g. "2 d 3 h"; a ticket from the future (clock skew) is "0 min" old. */
export function formatAge(createdAt: string, now: Date, language: FormatLanguage): string {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return '';
  return formatSpan(Math.max(0, now.getTime() - created), language);
}

/** i18next's language as one this module formats. */
export function formatLanguage(language: string | undefined): FormatLanguage {
  return language?.startsWith('de') ? 'de' : 'en';
}
