import { nowIso, type ServiceContext } from '../context.ts';
import { invalid } from '../errors.ts';
import { domainOf, parseAddressList } from './mail-address.ts';
import { newMessageId } from './mail-compose.ts';
import type { OutboxKind, OutgoingMail } from './outbox.types.ts';

/**
 * Headers every mail the system sends on its own carries (RFC 3834): other systems' auto
 * responders then stay silent, and X-Loop lets ours recognise its own mail coming back.
 */
export function automaticHeaders(kind: OutboxKind, systemAddress: string): Record<string, string> {
  if (kind === 'agent_reply') return {};
  return {
    'Auto-Submitted': kind === 'auto_response' ? 'auto-replied' : 'auto-generated',
    'X-Loop': systemAddress,
    // Exchange and Outlook: no out-of-office or read receipts in answer to automatic mail.
    'X-Auto-Response-Suppress': 'All',
    Precedence: 'bulk',
  };
}

/**
 * Queues a message in the outbox, in the caller's transaction: it is delivered only if the
 * change that caused it commits, and it is not lost if delivery fails later. Returns the
 * row id and the Message-ID it goes out with.
 */
export async function enqueueMail(ctx: ServiceContext, mail: OutgoingMail): Promise<{ id: number; messageId: string }> {
  const from = parseAddressList(mail.from)?.[0];
  if (!from) throw invalid('from', 'must be a mail address');
  const to = requireAddresses(mail.to, 'to');
  if (to.length === 0) throw invalid('to', 'at least one recipient is required');
  requireAddresses(mail.cc, 'cc');
  requireAddresses(mail.bcc, 'bcc');
  const messageId = mail.messageId ?? newMessageId('tw', domainOf(from.address));
  const now = nowIso(ctx);
  const row = await ctx.db
    .insertInto('outbox_mail')
    .values({
      ticket_id: mail.ticketId ?? null,
      article_id: mail.articleId ?? null,
      kind: mail.kind,
      from_address: mail.from,
      to_address: mail.to,
      cc_address: emptyToNull(mail.cc),
      bcc_address: emptyToNull(mail.bcc),
      subject: mail.subject,
      message_id: messageId,
      in_reply_to: mail.inReplyTo ?? null,
      references: mail.references ?? null,
      body_text: mail.text,
      body_html: mail.html ?? null,
      headers: JSON.stringify({ ...mail.headers, ...automaticHeaders(mail.kind, from.address) }),
      attachments: JSON.stringify(mail.attachments ?? []),
      status: 'queued',
      next_attempt_at: now,
      created_at: now,
      changed_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, messageId };
}

function requireAddresses(value: string | null | undefined, field: string) {
  const parsed = parseAddressList(value);
  if (!parsed) throw invalid(field, 'contains something that is not a mail address');
  return parsed;
}

function emptyToNull(value: string | null | undefined): string | null {
  return value && value.trim() ? value : null;
}
