import { ticketNumberPattern, type TicketNumberGenerator } from '../tickets/ticket-number.ts';

/** What recognising a ticket number needs from the settings. */
export interface TagSettings {
  ticketHook: string;
  ticketNumberGenerator: TicketNumberGenerator;
  systemId: string;
  ticketCounterMinSize: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The tag written into subjects of mail about a ticket: `[Ticket#2026112810000017]`. */
export function ticketTag(hook: string, tn: string): string {
  return `[${hook}${tn}]`;
}

/**
 * Ticket numbers mentioned after the hook, in order: `Ticket#2026…` as we write it, and
 * `Ticket: 2026…` (hook without '#', a colon and up to two spaces) as OTRS also accepts.
 */
export function findTicketNumbers(text: string, settings: TagSettings): string[] {
  const tn = ticketNumberPattern(settings.ticketNumberGenerator, settings.systemId, settings.ticketCounterMinSize);
  const hook = escape(settings.ticketHook);
  const bare = escape(settings.ticketHook.replace(/[#:]+$/, ''));
  const pattern = new RegExp(`(?:${hook}|${bare}:\\s{0,2})(${tn})(?!\\d)`, 'gi');
  return [...text.matchAll(pattern)].map((m) => m[1] as string);
}

const REPLY_PREFIX = /^\s*(?:(?:re|aw|antw|wg|fw|fwd|sv|vs|tr|rif|r)(?:\[\d+\]|\(\d+\))?\s*:\s*)+/i;

/** True when a subject starts with Re:/AW:/Fwd: … (any language's reply prefix). */
export function hasReplyPrefix(subject: string): boolean {
  return REPLY_PREFIX.test(subject);
}

/** The subject without Re:/AW:/WG:/Fwd: prefixes (any number, any case). */
export function stripReplyPrefixes(subject: string): string {
  return subject.replace(REPLY_PREFIX, '').trim();
}

/** The subject without any ticket tag of ours and without reply prefixes. */
export function stripTicketTag(subject: string, settings: TagSettings): string {
  const tn = ticketNumberPattern(settings.ticketNumberGenerator, settings.systemId, settings.ticketCounterMinSize);
  const withoutTag = subject.replace(new RegExp(`\\[${escape(settings.ticketHook)}${tn}\\]\\s*`, 'gi'), '');
  return stripReplyPrefixes(withoutTag).replace(/\s{2,}/g, ' ').trim();
}
