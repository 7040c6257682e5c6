import type { MailAddress } from '../mail-intake/parsed-mail.ts';

/** The answered mail's addresses, parsed. */
export interface AnsweredAddresses {
  from: MailAddress[];
  /** Reply-To of the original mail; wins over From, as mail clients do. */
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  /** The desk wrote it (an agent's earlier mail): a reply goes to its recipients again. */
  isFromDesk: boolean;
}

/**
 * To and Cc of a reply. A reply goes to Reply-To, else From (for the desk's own mail: its
 * To). Reply-all adds the other To and Cc recipients to Cc, without the desk's own system
 * addresses and without anyone twice.
 */
export function replyRecipients(mail: AnsweredAddresses, all: boolean, systemAddresses: string[]): { to: MailAddress[]; cc: MailAddress[] } {
  const own = new Set(systemAddresses.map((a) => a.toLowerCase()));
  const seen = new Set<string>();
  const keep = (list: MailAddress[]) =>
    list.filter((a) => {
      const key = a.address.toLowerCase();
      if (own.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const primary = mail.isFromDesk ? mail.to : mail.replyTo.length > 0 ? mail.replyTo : mail.from;
  const to = keep(primary);
  if (!all) return { to, cc: [] };
  const others = mail.isFromDesk ? mail.cc : [...mail.to, ...mail.cc];
  return { to, cc: keep(others) };
}
