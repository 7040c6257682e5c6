import type { MailAddress } from '../mail-intake/parsed-mail.ts';

const ADDRESS = /^[^\s@<>",;()[\]\\]+@[^\s@<>",;()[\]\\]+\.?[^\s@<>",;()[\]\\]*$/;

/** True for a plain mail address such as `sam@uni-spree.de` (no display name). */
export function isMailAddress(text: string): boolean {
  return ADDRESS.test(text);
}

/**
 * Splits an address list as agents and mail clients write it (`Sam <sam@x.de>, "Doe, Jo"
 * <jo@y.de>; other@z.de`) into addresses. Commas inside quotes or angle brackets do not split.
 * Returns null when a part is not a mail address, so callers can name the bad field.
 */
export function parseAddressList(text: string | null | undefined): MailAddress[] | null {
  if (!text || !text.trim()) return [];
  const result: MailAddress[] = [];
  for (const part of splitOutsideQuotes(text)) {
    const trimmed = part.trim();
    if (!trimmed) continue;
    const angle = trimmed.match(/^(.*)<([^<>]+)>\s*$/s);
    const address = (angle ? angle[2] : trimmed)?.trim() ?? '';
    const name = angle ? unquote(angle[1]?.trim() ?? '') : '';
    if (!isMailAddress(address)) return null;
    result.push({ address, name });
  }
  return result;
}

/** An address as a header writes it: `"Name" <address>`, or the bare address without a name. */
export function formatAddress(address: MailAddress): string {
  if (!address.name) return address.address;
  return `"${address.name.replace(/[\\"]/g, (c) => `\\${c}`)}" <${address.address}>`;
}

/** A list of addresses as one header value. */
export function formatAddressList(addresses: MailAddress[]): string {
  return addresses.map(formatAddress).join(', ');
}

/** The domain of a mail address, lower-case (`localhost` when there is none). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : 'localhost';
}

function splitOutsideQuotes(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  let inAngle = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && inQuotes) {
      current += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') inQuotes = !inQuotes;
    else if (c === '<' && !inQuotes) inAngle = true;
    else if (c === '>' && !inQuotes) inAngle = false;
    if ((c === ',' || c === ';') && !inQuotes && !inAngle) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

function unquote(name: string): string {
  const quoted = name.match(/^"(.*)"$/s);
  return quoted ? (quoted[1] ?? '').replace(/\\(.)/g, '$1') : name;
}
