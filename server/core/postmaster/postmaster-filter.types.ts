import type { SenderType, TicketChannel } from '../../../shared/domain.ts';

/** Most match rules per filter, as OTRS's default PostmasterHeaderFieldCount. */
export const MAX_MATCH_RULES = 12;

/** One condition of a filter: a header (or the pseudo-header `Body`) against a value. */
export interface MatchRule {
  /** Any header name (From, To, Cc, Subject, X-Spam-Flag, List-Id …) or `Body`. */
  header: string;
  /** Text (case-insensitive substring) or, with isRegex, a case-insensitive regular expression. */
  value: string;
  isRegex: boolean;
  /** The rule holds when the value does NOT match (or the header is missing). */
  negate: boolean;
}

/**
 * What a filter sets on a new ticket or a follow-up. References are ids, checked when the
 * filter is saved; title and custom field values may contain `[***]`, replaced by the
 * first captured group of the match rules, as in OTRS.
 */
/** Ticket attributes a filter (or a trusted X-Ticketwerk-* header) sets on a new ticket or follow-up. */
export interface TicketPresets {
  queueId?: number;
  priorityId?: number;
  stateId?: number;
  typeId?: number;
  serviceId?: number;
  slaId?: number;
  ownerId?: number;
  responsibleId?: number;
  customerUserId?: number;
  title?: string;
  customFields?: Record<string, unknown>;
  senderType?: SenderType;
  isVisibleForCustomer?: boolean;
  /** How the mail reached the desk, for the new ticket and the article (a fax gateway: `fax`). */
  channel?: TicketChannel;
}

/** What a filter sets as stored: like TicketPresets, with custom field values as text. */
export type FilterSets = Omit<TicketPresets, 'customFields'> & {
  /** Values by custom field name, as text (checkbox: 1/0, multiselect: comma-separated). */
  customFields?: Record<string, string>;
};

/** A filter as admins see and edit it. */
export interface PostmasterFilter {
  id: number;
  name: string;
  position: number;
  isValid: boolean;
  stopAfterMatch: boolean;
  /** Store matching mail without making a ticket or article. */
  ignore: boolean;
  match: MatchRule[];
  newTicket: FilterSets;
  followUp: FilterSets;
  comment: string | null;
  createdAt: string;
  changedAt: string;
}

/** The editable part of a filter (create and full update). */
export interface PostmasterFilterInput {
  name: string;
  position?: number;
  isValid?: boolean;
  stopAfterMatch?: boolean;
  ignore?: boolean;
  match: MatchRule[];
  newTicket?: FilterSets;
  followUp?: FilterSets;
  comment?: string | null;
}
