/**
 * Placeholders in salutations, signatures and auto-responses, as OTRS writes them:
 * `<CUSTOMER_REALNAME>`, `<TICKET_NUMBER>`, `<CUSTOMER_EMAIL[6]>` … The OTRS forms with
 * `OTRS_` in front (`<OTRS_TICKET_NUMBER>`) work too, so texts from a migrated desk keep working.
 */

/** Every placeholder name a text may use. */
export const PLACEHOLDER_NAMES = [
  'TICKET_NUMBER',
  'TICKET_TITLE',
  'QUEUE',
  'CUSTOMER_REALNAME',
  'CUSTOMER_EMAIL',
  'CUSTOMER_SUBJECT',
  'AGENT_FIRSTNAME',
  'AGENT_LASTNAME',
] as const;
export type PlaceholderName = (typeof PLACEHOLDER_NAMES)[number];

/** What placeholders stand for. CUSTOMER_EMAIL is the customer's mail text (quoted on use). */
export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

const PLACEHOLDER = /<(?:OTRS_)?([A-Z][A-Z_]*)(?:\[(\d{1,4})\])?>/g;

/**
 * Replaces placeholders. `<CUSTOMER_EMAIL[n]>` becomes the first n lines of the customer's
 * mail quoted with "> "; `<CUSTOMER_SUBJECT[n]>` the subject cut to n characters. Unknown
 * placeholders and those without a value are left as they are, so nothing silently vanishes.
 */
export function renderPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string, count: string | undefined) => {
    const value = values[name as PlaceholderName];
    if (value === undefined) return whole;
    const n = count === undefined ? undefined : Number(count);
    if (name === 'CUSTOMER_EMAIL') return quoteLines(value, n);
    if (n !== undefined) return value.length > n ? `${value.slice(0, n)}...` : value;
    return value;
  });
}

/** The first `count` lines of a text (all when undefined), each starting with "> ". */
export function quoteLines(text: string, count?: number): string {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n+$/, '').split('\n');
  return lines
    .slice(0, count ?? lines.length)
    .map((line) => (line ? `> ${line}` : '>'))
    .join('\n');
}

/** Placeholder names a text uses that Ticketwerk does not know, for validating admin input. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(PLACEHOLDER_NAMES);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string).filter((name) => !known.has(name)))];
}
