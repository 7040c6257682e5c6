import { randomBytes } from 'node:crypto';
import { hasReplyPrefix, stripReplyPrefixes, ticketTag } from '../mail-intake/ticket-tag.ts';

export { hasReplyPrefix };

/**
 * The subject of a mail about a ticket: `[Ticket#<tn>] subject`, written once however often
 * the thread went back and forth. Existing tags of this ticket and piled-up Re:/AW: prefixes
 * go; one `Re:` is kept for replies so mail clients thread them.
 */
export function subjectWithTicketTag(subject: string, input: { hook: string; tn: string; isReply: boolean }): string {
  const tag = ticketTag(input.hook, input.tn);
  const escapedTag = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // An agent's forward ("Fwd: [Ticket#…] …", as composed) stays a forward for its new recipient.
  const isForward = new RegExp(`^\\s*fwd?\\s*:\\s*${escapedTag}`, 'i').test(subject);
  let rest = subject;
  // Tags and prefixes interleave in long threads ("Re: [Ticket#1] AW: …"); strip until stable.
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = stripReplyPrefixes(rest.replace(new RegExp(escapedTag, 'gi'), ' '));
  }
  rest = rest.replace(/\s{2,}/g, ' ');
  return `${isForward ? 'Fwd: ' : input.isReply ? 'Re: ' : ''}${tag} ${rest}`.trim();
}

/** A fresh Message-ID in the domain of the sending address: `<tn.random@domain>`. */
export function newMessageId(tn: string, domain: string): string {
  return `<${tn}.${randomBytes(9).toString('base64url')}@${domain}>`;
}

/**
 * References of a reply: the parent's References plus the parent's Message-ID, trimmed to
 * the last 20 ids so headers stay short in long threads (RFC 5322 allows trimming the middle).
 */
export function replyReferences(parent: { messageId: string | null; references: string | null } | undefined): string | null {
  if (!parent?.messageId) return null;
  const ids = (parent.references ?? '').split(/\s+/).filter(Boolean);
  if (!ids.includes(parent.messageId)) ids.push(parent.messageId);
  const kept = ids.length > 20 ? [ids[0] as string, ...ids.slice(-19)] : ids;
  return kept.join(' ');
}

/** Text made safe to place inside HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Plain text as HTML: escaped, line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>\n');
}

/** A complete HTML document around body HTML, as mail clients expect it. */
export function htmlDocument(bodyHtml: string): string {
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n${bodyHtml}\n</body></html>\n`;
}
