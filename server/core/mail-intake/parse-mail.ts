import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import type { MailAddress, MailAttachment, ParsedMail } from './parsed-mail.ts';

/**
 * Parses a raw RFC 5322 message with mailparser: charsets (also broken or unknown labels,
 * which fall back to Latin-1/UTF-8 guesses), RFC 2047 encoded words, RFC 2231 file names,
 * nested messages (kept as .eml attachments) and inline images (kept as cid: references so
 * they are stored once as attachments and shown in place).
 */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  const parsed = await simpleParser(raw, { keepCidLinks: true, skipImageLinks: true });
  const headers = new Map<string, string[]>();
  for (const [key, value] of parsed.headers) {
    const values = Array.isArray(value) ? value : [value];
    headers.set(key.toLowerCase(), values.map((v) => headerText(v as HeaderValue)));
  }
  const references = Array.isArray(parsed.references) ? parsed.references : parsed.references ? parsed.references.split(/\s+/) : [];
  return {
    messageId: parsed.messageId ?? null,
    inReplyTo: parsed.inReplyTo ?? null,
    references: references.filter(Boolean),
    from: addresses(parsed.from)[0] ?? null,
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: (parsed.subject ?? '').trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    headers,
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((a, i): MailAttachment => ({
      filename: a.filename?.trim() || fallbackName(a.contentType, i + 1),
      contentType: a.contentType || 'application/octet-stream',
      content: a.content,
      contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
      isInline: !!a.contentId && (a.related || a.contentDisposition === 'inline'),
    })),
  };
}

function addresses(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  const flat: MailAddress[] = [];
  for (const object of list) {
    for (const entry of object.value) {
      // Groups ("undisclosed-recipients:;") carry their members in `group`.
      for (const member of entry.group ?? [entry]) {
        if (member.address) flat.push({ address: member.address.toLowerCase(), name: member.name ?? '' });
      }
    }
  }
  return flat;
}

function headerText(value: HeaderValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => headerText(v as HeaderValue)).join(', ');
  if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') return value.text;
  if (typeof value === 'object' && 'value' in value) {
    const params = 'params' in value && value.params ? Object.entries(value.params).map(([k, v]) => `; ${k}=${String(v)}`).join('') : '';
    return `${String(value.value)}${params}`;
  }
  return String(value);
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'text/plain': 'txt',
  'text/html': 'html',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/tiff': 'tif',
  'text/calendar': 'ics',
};

function fallbackName(contentType: string, n: number): string {
  return `attachment-${n}.${EXTENSIONS[contentType?.toLowerCase()] ?? 'bin'}`;
}
