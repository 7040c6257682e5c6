import { isUtf8 } from 'node:buffer';
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import { sanitizeMailHtml } from '../articles/sanitize-mail-html.ts';
import type { MailAddress, MailAttachment, ParsedMail } from './parsed-mail.ts';

/**
 * Parses a raw RFC 5322 message with mailparser: charsets (also broken or unknown labels,
 * which fall back to Latin-1/UTF-8 guesses), RFC 2047 encoded words, RFC 2231 file names,
 * nested messages (kept as .eml attachments) and inline images (kept as cid: references so
 * they are stored once as attachments and shown in place).
 */
export async function parseMail(raw: Buffer): Promise<ParsedMail> {
  // keepDeliveryStatus: bounce reports keep their message/delivery-status part for bounce.ts.
  // skipTextToHtml: the desk shows a text mail as text, so mailparser's HTML rendering of it
  // (with links found in the text, a quarter of the parse time of a text mail) is not needed.
  const parsed = await simpleParser(repairCharsets(raw), { keepCidLinks: true, skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, keepDeliveryStatus: true } as Parameters<typeof simpleParser>[1]);
  const headers = new Map<string, string[]>();
  for (const [key, value] of parsed.headers) {
    const values = Array.isArray(value) ? value : [value];
    headers.set(key.toLowerCase(), values.map((v) => clean(headerText(v as HeaderValue))));
  }
  // mailparser folds List-* into `list` and X-Priority/Importance into `priority`; filters need them as sent.
  headers.delete('list');
  headers.delete('priority');
  for (const { key, line } of parsed.headerLines) {
    if (!/^(list-|x-priority$|importance$|x-msmail-priority$|priority$)/.test(key)) continue;
    const value = clean(line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim());
    headers.set(key, [...(headers.get(key) ?? []), value]);
  }
  const references = Array.isArray(parsed.references) ? parsed.references : parsed.references ? parsed.references.split(/\s+/) : [];
  const html = typeof parsed.html === 'string' ? clean(parsed.html) : null;
  return {
    messageId: parsed.messageId ?? null,
    inReplyTo: parsed.inReplyTo ?? null,
    references: references.filter(Boolean),
    from: addresses(parsed.from)[0] ?? null,
    replyTo: addresses(parsed.replyTo),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    subject: clean(parsed.subject ?? '').trim(),
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
    headers,
    text: clean(parsed.text ?? '') || (typeof parsed.html !== 'string' && parsed.attachments.length === 0 ? undelimitedBody(raw) : ''),
    html,
    // Sanitising a 40 KB HTML mail costs milliseconds; done here it runs in the parse threads.
    safeHtml: html ? sanitizeMailHtml(html) : null,
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
        if (member.address) flat.push({ address: clean(member.address).toLowerCase(), name: clean(member.name ?? '') });
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

/**
 * Control characters (NUL and friends) are never meaningful in mail text and PostgreSQL
 * refuses NUL outright; tab, line feed and carriage return stay.
 */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

const windows1252 = new TextDecoder('windows-1252');

/**
 * Mail in the wild carries 8-bit Latin-1 under "us-ascii" labels and raw 8-bit bytes in
 * headers. Windows-1252 is a superset of ASCII, so relabelling ASCII parts loses nothing and
 * saves the umlauts; an 8-bit header block that is not UTF-8 is read as Windows-1252.
 */
function repairCharsets(raw: Buffer): Buffer {
  const headerEnd = raw.indexOf('\r\n\r\n') >= 0 ? raw.indexOf('\r\n\r\n') : raw.indexOf('\n\n');
  const head = raw.subarray(0, headerEnd < 0 ? raw.length : headerEnd);
  const repaired = isUtf8(head) ? raw : Buffer.concat([Buffer.from(windows1252.decode(head), 'utf8'), raw.subarray(head.length)]);
  // Most mail has no such label: then the bytes go to the parser as they are, without copying
  // a 300 KB attachment back and forth or decoding all of it to check for UTF-8.
  const text = repaired.toString('latin1');
  if (!ASCII_LABEL.test(text)) return repaired;
  // Whole-message guess: 8-bit text that is valid UTF-8 was meant as UTF-8, anything else as Windows-1252.
  const guess = isUtf8(repaired) ? 'utf-8' : 'windows-1252';
  return Buffer.from(text.replace(new RegExp(ASCII_LABEL.source, 'gim'), `charset=$1${guess}$1`), 'latin1');
}

/** A charset label that promises 7-bit ASCII (or nothing at all). */
const ASCII_LABEL = /charset=("?)(us-ascii|ascii|iso-646-us|x-unknown|unknown-8bit|unknown)\1(?=[\s;]|$)/im;

/** The body of a message whose MIME structure is broken beyond parsing: its bytes as text, so nothing is hidden. */
function undelimitedBody(raw: Buffer): string {
  const text = raw.toString('utf8');
  const start = text.search(/\r?\n\r?\n/);
  if (start < 0) return '';
  const body = text.slice(start).trim();
  return clean(body.includes('\ufffd') ? windows1252.decode(raw.subarray(Buffer.byteLength(text.slice(0, start)))).trim() : body);
}

const EXTENSIONS: Record<string, string> = {
  'message/rfc822': 'eml',
  'message/rfc822-headers': 'txt',
  'text/rfc822-headers': 'txt',
  'message/delivery-status': 'txt',
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
