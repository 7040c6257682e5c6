import type { Language } from '../../../shared/domain.ts';
import { escapeHtml, textToHtml } from '../outbox/mail-compose.ts';
import { quoteLines } from '../outbox/placeholders.ts';

/** The mail being answered or forwarded, as the quote shows it. */
export interface QuotedMail {
  from: string;
  to?: string | null;
  subject: string;
  /** ISO time the article was written. */
  createdAt: string;
  bodyText: string;
  /** Sanitised HTML body, if the mail had one. */
  bodyHtml?: string | null;
}

/** "28.11.2026 10:00" (de) or "28 Nov 2026, 10:00" (en), in the desk's time zone; built from parts so ICU versions do not change it. */
export function formatQuoteDate(iso: string, language: Language, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const time = `${get('hour')}:${get('minute')}`;
  if (language === 'de') return `${get('day')}.${get('month')}.${get('year')} ${time}`;
  return `${Number(get('day'))} ${months[Number(get('month')) - 1]} ${get('year')}, ${time}`;
}

/** The line above a quoted reply: "On <date>, <from> wrote:" / "Am <date> schrieb <from>:". */
export function replyQuoteHeader(mail: QuotedMail, language: Language, timeZone: string): string {
  const date = formatQuoteDate(mail.createdAt, language, timeZone);
  return language === 'de' ? `Am ${date} schrieb ${mail.from}:` : `On ${date}, ${mail.from} wrote:`;
}

/** The block above a forwarded mail: a separator line and its From, Date, Subject, To. */
export function forwardHeaderLines(mail: QuotedMail, language: Language, timeZone: string): string[] {
  const date = formatQuoteDate(mail.createdAt, language, timeZone);
  const de = language === 'de';
  return [
    de ? '---------- Weitergeleitete Nachricht ----------' : '---------- Forwarded message ----------',
    `${de ? 'Von' : 'From'}: ${mail.from}`,
    `${de ? 'Datum' : 'Date'}: ${date}`,
    `${de ? 'Betreff' : 'Subject'}: ${mail.subject}`,
    ...(mail.to ? [`${de ? 'An' : 'To'}: ${mail.to}`] : []),
  ];
}

/** The quoted mail as plain text: the header line, then every line with "> ". */
export function quoteAsText(mail: QuotedMail, mode: 'reply' | 'forward', language: Language, timeZone: string): string {
  const header = mode === 'reply' ? [replyQuoteHeader(mail, language, timeZone)] : forwardHeaderLines(mail, language, timeZone);
  return [...header, quoteLines(mail.bodyText)].join('\n');
}

/** The quoted mail as HTML: the header, then the body in a cited blockquote as mail clients show it. */
export function quoteAsHtml(mail: QuotedMail, mode: 'reply' | 'forward', language: Language, timeZone: string): string {
  const header = mode === 'reply' ? [replyQuoteHeader(mail, language, timeZone)] : forwardHeaderLines(mail, language, timeZone);
  const body = mail.bodyHtml ?? textToHtml(mail.bodyText);
  return `<p>${header.map(escapeHtml).join('<br>\n')}</p>\n<blockquote type="cite">${body}</blockquote>`;
}
