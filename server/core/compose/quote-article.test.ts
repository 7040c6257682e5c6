import { describe, expect, it } from 'vitest';
import { formatQuoteDate, quoteAsHtml, quoteAsText } from './quote-article.ts';

const mail = {
  from: 'Lena Schulz <lena@student.uni-spree.de>',
  to: 'support@uni-spree.de',
  subject: 'Login <kaputt>',
  createdAt: '2026-11-28T09:05:00Z',
  bodyText: 'Hallo,\n\nmein Login geht nicht.\n',
};

describe('quote of the answered mail', () => {
  it('dates in the desk time zone, in the agent language', () => {
    expect(formatQuoteDate(mail.createdAt, 'de', 'Europe/Berlin')).toBe('28.11.2026 10:05');
    expect(formatQuoteDate(mail.createdAt, 'en', 'Europe/Berlin')).toBe('28 Nov 2026, 10:05');
  });

  it('a German reply quotes with "Am … schrieb …:" and "> " lines (">" for empty ones)', () => {
    expect(quoteAsText(mail, 'reply', 'de', 'Europe/Berlin')).toBe('Am 28.11.2026 10:05 schrieb Lena Schulz <lena@student.uni-spree.de>:\n> Hallo,\n>\n> mein Login geht nicht.');
  });

  it('an English reply says "On …, … wrote:"', () => {
    expect(quoteAsText(mail, 'reply', 'en', 'UTC').split('\n')[0]).toBe('On 28 Nov 2026, 09:05, Lena Schulz <lena@student.uni-spree.de> wrote:');
  });

  it('a forward names sender, date, subject and recipient', () => {
    expect(quoteAsText(mail, 'forward', 'en', 'UTC').split('\n').slice(0, 5)).toEqual([
      '---------- Forwarded message ----------',
      'From: Lena Schulz <lena@student.uni-spree.de>',
      'Date: 28 Nov 2026, 09:05',
      'Subject: Login <kaputt>',
      'To: support@uni-spree.de',
    ]);
  });

  it('HTML quotes escape the header and cite the body', () => {
    const html = quoteAsHtml({ ...mail, bodyHtml: '<p>Hallo</p>' }, 'forward', 'de', 'UTC');
    expect(html).toContain('Betreff: Login &lt;kaputt&gt;');
    expect(html).toContain('<blockquote type="cite"><p>Hallo</p></blockquote>');
  });
});
