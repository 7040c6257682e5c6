/**
 * X-Ticketwerk-* control headers (and the X-OTRS-* spellings of desks migrating from OTRS):
 * a trusted sender (a web form, a monitoring system, a forwarding script) sets ticket
 * attributes by name. Only mail from sources admins trust may use them; the caller decides.
 */

/** Prefixes read, in order of increasing precedence: X-Ticketwerk-* wins over X-OTRS-*. */
const PREFIXES = ['x-otrs-', 'x-ticketwerk-'] as const;

/** Ticket attributes by name, as the headers carry them. */
export interface NamedSets {
  /** Queue full name, e.g. "Service Desk::2nd Level". */
  queue?: string;
  priority?: string;
  state?: string;
  type?: string;
  /** Service full name. */
  service?: string;
  sla?: string;
  /** Agent login. */
  owner?: string;
  responsible?: string;
  /** Customer user login (or mail address). */
  customerUser?: string;
  title?: string;
  senderType?: string;
  isVisibleForCustomer?: string;
  /** email, web, phone, fax … (X-Ticketwerk-Channel). */
  channel?: string;
  /** Values by custom field name as written in the header (any case). */
  customFields?: Record<string, string>;
}

type NamedKey = Exclude<keyof NamedSets, 'customFields'>;

const KEYS: Record<string, NamedKey> = {
  queue: 'queue',
  priority: 'priority',
  state: 'state',
  type: 'type',
  service: 'service',
  sla: 'sla',
  owner: 'owner',
  responsible: 'responsible',
  customeruser: 'customerUser',
  title: 'title',
  sendertype: 'senderType',
  isvisibleforcustomer: 'isVisibleForCustomer',
  channel: 'channel',
};

const FIELD_PREFIXES = ['customfield-', 'dynamicfield-'];

/** The control headers of one mail. */
export interface ControlHeaders {
  ignore: boolean;
  newTicket: NamedSets;
  followUp: NamedSets;
  /** Every control header found, as "Name: value", for the dry run. */
  found: { header: string; value: string }[];
}

/** Reads control headers from decoded headers (lower-case names, as ParsedMail holds them). */
export function readControlHeaders(headers: Map<string, string[]>): ControlHeaders {
  const result: ControlHeaders = { ignore: false, newTicket: {}, followUp: {}, found: [] };
  for (const prefix of PREFIXES) {
    for (const [name, values] of headers) {
      const value = values[0]?.trim();
      if (!name.startsWith(prefix) || value === undefined) continue;
      if (applyHeader(result, name.slice(prefix.length), value)) result.found.push({ header: name, value });
    }
  }
  return result;
}

function applyHeader(result: ControlHeaders, suffix: string, value: string): boolean {
  if (suffix === 'ignore') {
    result.ignore ||= isYes(value);
    return true;
  }
  const followUp = suffix.startsWith('followup-');
  const target = followUp ? result.followUp : result.newTicket;
  const key = followUp ? suffix.slice('followup-'.length) : suffix;
  const fieldPrefix = FIELD_PREFIXES.find((p) => key.startsWith(p));
  if (fieldPrefix) {
    target.customFields = { ...target.customFields, [key.slice(fieldPrefix.length)]: value };
    return true;
  }
  const named = KEYS[key];
  if (!named) return false;
  target[named] = value;
  return true;
}

/** yes/true/1 as OTRS accepts them for X-OTRS-Ignore and X-OTRS-IsVisibleForCustomer. */
export function isYes(value: string): boolean {
  return /^(yes|true|1)$/i.test(value.trim());
}

/** no/false/0. */
export function isNo(value: string): boolean {
  return /^(no|false|0)$/i.test(value.trim());
}
