/**
 * Mail address lists as agents type them: "Anna Berg <anna@uni.example>, bob@uni.example".
 * Splits on commas and semicolons outside quotes and angle brackets, so a quoted
 * display name may contain a comma.
 */
export function parseAddressList(value: string | null | undefined): string[] {
  if (!value) return [];
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angle = true;
    else if (char === '>' && !quoted) angle = false;
    if ((char === ',' || char === ';' || char === '\n') && !quoted && !angle) {
      if (current.trim()) parts.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:".]{2,}$/;

/** The bare address of one entry: the part in <…>, or the whole entry. */
export function emailOf(entry: string): string {
  const match = /<([^<>]*)>\s*$/.exec(entry);
  return (match ? match[1]! : entry).trim();
}

/** True for "name@host.tld" and "Display Name <name@host.tld>". */
export function isValidAddress(entry: string): boolean {
  const trimmed = entry.trim();
  if (!trimmed) return false;
  if (trimmed.includes('<') && !/^[^<>]*<[^<>]+>$/.test(trimmed)) return false;
  return EMAIL.test(emailOf(trimmed));
}

/** Entries that are not mail addresses, for a message at the field. */
export function invalidAddresses(entries: readonly string[]): string[] {
  return entries.filter((entry) => !isValidAddress(entry));
}

/** One entry for a person: quoted when the name holds characters mail headers treat specially. */
export function formatAddress(name: string, email: string): string {
  const cleanName = name.trim();
  if (!cleanName) return email;
  const safe = /^[\p{L}\p{N} .'-]+$/u.test(cleanName) ? cleanName : `"${cleanName.replace(/["\\]/g, '')}"`;
  return `${safe} <${email}>`;
}

/** The header value the API takes, or null for an empty list. */
export function joinAddressList(entries: readonly string[]): string | null {
  const kept = entries.map((e) => e.trim()).filter(Boolean);
  return kept.length ? kept.join(', ') : null;
}
