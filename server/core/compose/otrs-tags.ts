import { escapeHtml } from '../outbox/mail-compose.ts';
import { quoteLines } from '../outbox/placeholders.ts';

/**
 * OTRS tags in templates, salutations and signatures (`<OTRS_CUSTOMER_REALNAME>`,
 * `<OTRS_TICKET_TicketNumber>`, `<OTRS_CONFIG_Ticket::Hook>` …). As in OTRS, an `OTRS_` tag
 * without a value becomes "-", so a template never mails a raw tag to a customer. The short
 * Ticketwerk names (`<CUSTOMER_REALNAME>`, `<AGENT_FIRSTNAME>` …) of the seeded texts work too;
 * other upper-case `<WORDS>` are left alone because HTML may contain them.
 */

/** Facts the tags stand for. */
export interface TagFacts {
  customerRealname: string;
  /** The customer's mail address. */
  customerEmail: string;
  /** The text of the mail answered; `<OTRS_CUSTOMER_EMAIL[n]>` quotes its first n lines. */
  customerMailBody: string;
  customerSubject: string;
  ticketNumber: string;
  ticketId: number;
  ticketTitle: string;
  queue: string;
  ticketHook: string;
  agentFirstname: string;
  agentLastname: string;
  agentEmail: string;
}

/** Tag name (lower-case, without `OTRS_`) → value. */
function tagTable(f: TagFacts): Map<string, string> {
  const fullname = `${f.agentFirstname} ${f.agentLastname}`.trim();
  return new Map([
    ['customer_realname', f.customerRealname],
    ['customer_email', f.customerEmail],
    ['customer_subject', f.customerSubject],
    ['customer_data_useremail', f.customerEmail],
    ['ticket_ticketnumber', f.ticketNumber],
    ['ticket_ticketid', String(f.ticketId)],
    ['ticket_title', f.ticketTitle],
    ['ticket_queue', f.queue],
    ['queue', f.queue],
    ['config_ticket::hook', f.ticketHook],
    ['current_userfirstname', f.agentFirstname],
    ['current_userlastname', f.agentLastname],
    ['current_userfullname', fullname],
    ['current_useremail', f.agentEmail],
    // Ticketwerk's own short names (seeded salutation and signature).
    ['ticket_number', f.ticketNumber],
    ['agent_firstname', f.agentFirstname],
    ['agent_lastname', f.agentLastname],
  ]);
}

const SHORT_NAMES = new Set(['CUSTOMER_REALNAME', 'CUSTOMER_EMAIL', 'CUSTOMER_SUBJECT', 'TICKET_NUMBER', 'TICKET_TITLE', 'QUEUE', 'AGENT_FIRSTNAME', 'AGENT_LASTNAME']);

const TAG = /(?:<|&lt;)(OTRS_[A-Za-z0-9_:]+|[A-Z][A-Z_]+)(?:\[(\d{1,4})\])?(?:>|&gt;)/g;

/**
 * Fills the tags of a text. `html` escapes the values (the text is HTML) and quotes
 * `<OTRS_CUSTOMER_EMAIL[n]>` with line breaks; otherwise quoted lines start with "> ".
 */
export function renderOtrsTags(text: string, facts: TagFacts, options: { html?: boolean } = {}): string {
  const table = tagTable(facts);
  const out = (value: string) => (options.html ? escapeHtml(value).replace(/\n/g, '<br>\n') : value);
  return text.replace(TAG, (whole, rawName: string, count: string | undefined) => {
    const isOtrs = rawName.startsWith('OTRS_');
    if (!isOtrs && !SHORT_NAMES.has(rawName)) return whole;
    const name = (isOtrs ? rawName.slice(5) : rawName).toLowerCase();
    const n = count === undefined ? undefined : Number(count);
    if (name === 'customer_email' && n !== undefined) return out(quoteLines(facts.customerMailBody, n));
    const value = table.get(name);
    if (value === undefined) return '-';
    if (n !== undefined && value.length > n) return out(`${value.slice(0, n)}...`);
    return out(value);
  });
}
