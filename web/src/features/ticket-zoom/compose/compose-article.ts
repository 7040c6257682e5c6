import { joinAddressList } from '../../../components/address-list';
import type { AttachmentUpload } from '../../../components/file-base64';
import type { NewArticle, StandardTemplate } from '../../../lib/api-types';

export type ComposeKind = 'reply' | 'reply_all' | 'forward' | 'note' | 'phone';
export type PhoneDirection = 'inbound' | 'outbound';

/** The template type each composer offers (OTRS: answer, forward, note, phone_call). */
export const TEMPLATE_TYPE: Record<ComposeKind, StandardTemplate['type']> = { reply: 'answer', reply_all: 'answer', forward: 'forward', note: 'note', phone: 'phone_call' };

/** Replies and forwards go out by mail; notes and calls are recorded only. */
export function isMailKind(kind: ComposeKind): boolean {
  return kind === 'reply' || kind === 'reply_all' || kind === 'forward';
}

/** What the agent has in the composer. */
export interface ComposeFields {
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  bodyHtml: string;
  bodyText: string;
  inReplyTo: string | null;
  references: string | null;
  timeUnits: number;
  visibleForCustomer: boolean;
  direction: PhoneDirection;
}

/**
 * The article the API stores: mail for replies and forwards (sent by the agent, visible),
 * notes internal unless made visible, calls with the customer as sender when they called in.
 */
export function buildArticle(kind: ComposeKind, f: ComposeFields, attachments: AttachmentUpload[]): NewArticle {
  const common = { subject: f.subject.trim(), bodyText: f.bodyText, bodyHtml: f.bodyHtml || null, timeUnits: f.timeUnits > 0 ? f.timeUnits : undefined, attachments: attachments.length ? attachments : undefined };
  if (kind === 'note') return { ...common, channel: 'note', senderType: 'agent', isVisibleForCustomer: f.visibleForCustomer };
  if (kind === 'phone') return { ...common, channel: 'phone', senderType: f.direction === 'inbound' ? 'customer' : 'agent', isVisibleForCustomer: true };
  return {
    ...common,
    channel: 'email',
    senderType: 'agent',
    isVisibleForCustomer: true,
    from: f.from || null,
    to: joinAddressList(f.to),
    cc: joinAddressList(f.cc),
    bcc: joinAddressList(f.bcc),
    inReplyTo: f.inReplyTo,
    references: f.references,
  };
}

/** Whether anything the agent typed would be lost (compared with what the composer was prefilled with). */
export function isDraftChanged(current: ComposeFields, prefilled: ComposeFields | null, attachmentCount: number, prefilledAttachmentCount: number): boolean {
  if (!prefilled) return current.bodyText.trim() !== '' || current.subject.trim() !== '';
  return (
    current.bodyText.trim() !== prefilled.bodyText.trim() ||
    current.subject !== prefilled.subject ||
    current.to.join() !== prefilled.to.join() ||
    current.cc.join() !== prefilled.cc.join() ||
    current.bcc.join() !== prefilled.bcc.join() ||
    attachmentCount !== prefilledAttachmentCount ||
    current.timeUnits !== prefilled.timeUnits
  );
}
