import { htmlToPlainText } from '../articles/sanitize-mail-html.ts';
import { textToHtml } from '../outbox/mail-compose.ts';

/** The blocks of a composed body, already filled; empty ones are left out. */
export interface BodyBlocks {
  salutation: string;
  /** Plain text, or HTML when `templateIsHtml`. */
  template: string;
  templateIsHtml: boolean;
  agentSignature: string;
  queueSignature: string;
  /** The quoted original as text and as HTML, or null when nothing is quoted. */
  quote: { text: string; html: string } | null;
}

/**
 * A salutation as the outgoing mail compares it: trimmed. A signature without leading blank
 * lines and trailing space, so the send step recognises it in the body and does not add it again.
 */
export function tidySnippet(text: string): string {
  return text.replace(/^\s*\n/, '').replace(/\s+$/, '');
}

/** The plain-text body: salutation, template, signatures, quote, separated by blank lines. */
export function assembleText(b: BodyBlocks): string {
  const template = b.templateIsHtml ? htmlToPlainText(b.template) : b.template;
  const blocks = [b.salutation.trim(), template.trim(), b.agentSignature, b.queueSignature, b.quote?.text ?? ''];
  return `${blocks.filter((x) => x.trim() !== '').join('\n\n')}\n`;
}

/** The same body as HTML, for the rich editor. */
export function assembleHtml(b: BodyBlocks): string {
  const para = (text: string) => (text.trim() ? `<p>${textToHtml(text)}</p>` : '');
  const template = b.templateIsHtml ? b.template.trim() : para(b.template.trim());
  return [para(b.salutation.trim()), template, para(b.agentSignature), para(b.queueSignature), b.quote?.html ?? ''].filter(Boolean).join('\n');
}
