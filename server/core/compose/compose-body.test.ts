import { describe, expect, it } from 'vitest';
import { assembleHtml, assembleText, tidySnippet } from './compose-body.ts';

const blocks = {
  salutation: 'Dear Lena,\n\nThank you for your request.\n',
  template: 'Your password was reset.',
  templateIsHtml: false,
  agentSignature: 'Petra Schulz, 1st Level',
  queueSignature: tidySnippet('\nYour Ticket-Team\n\n Petra Schulz\n'),
  quote: { text: 'On 28 Nov 2026, 09:05, Lena wrote:\n> Hello', html: '<blockquote type="cite">Hello</blockquote>' },
};

describe('composed body', () => {
  it('orders salutation, template, agent signature, queue signature and quote, separated by blank lines', () => {
    expect(assembleText(blocks)).toBe(
      'Dear Lena,\n\nThank you for your request.\n\nYour password was reset.\n\nPetra Schulz, 1st Level\n\nYour Ticket-Team\n\n Petra Schulz\n\nOn 28 Nov 2026, 09:05, Lena wrote:\n> Hello\n',
    );
  });

  it('leaves out empty blocks', () => {
    expect(assembleText({ ...blocks, salutation: '', agentSignature: '', quote: null })).toBe('Your password was reset.\n\nYour Ticket-Team\n\n Petra Schulz\n');
  });

  it('an HTML template stays HTML in the rich body and becomes text in the plain one', () => {
    const html = { ...blocks, template: '<p>Your <b>password</b> was reset.</p>', templateIsHtml: true };
    expect(assembleHtml(html)).toContain('<p>Your <b>password</b> was reset.</p>');
    expect(assembleHtml(html)).toContain('<p>Dear Lena,<br>');
    expect(assembleText(html)).toContain('Your password was reset.');
  });
});
