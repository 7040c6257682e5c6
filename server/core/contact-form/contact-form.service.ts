import type { Language } from '../../../shared/domain.ts';
import { messageFromForm, sendAutoResponse } from '../auto-responses/auto-response.service.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { formatAddress } from '../outbox/mail-address.ts';
import { systemActor } from '../permissions/actor.ts';
import { listPublicTopics, type PublicTopic } from '../portal/portal-topics.service.ts';
import { createTicket } from '../tickets/create-ticket.service.ts';
import { findCustomerUsersByAddress } from '../customers/customer-by-address.ts';
import { countSubmissions, lockSubmissions, recordSubmission } from './contact-form.repository.ts';
import { safeContentType, safeFilename, validateContactFields, type ContactAttachment, type ContactFormFields, type FieldError } from './contact-form-input.ts';
import { checkFormToken, hashClientAddress, isHoneypotFilled, signFormToken } from './spam-checks.ts';
import { getSystemSecret } from './system-secret.repository.ts';

const CONTACT_FORM = systemActor('contact-form');
const SECRET_NAME = 'contact_form';
const HOUR_MS = 60 * 60 * 1000;

/** The desk's limits for the form, from the configuration. */
export interface ContactFormLimits {
  /** Seconds a person needs at least between seeing and sending the form. */
  minSeconds: number;
  /** Submissions per client address and hour. */
  ipPerHour: number;
  /** Submissions per mail address and hour. */
  emailPerHour: number;
}

/** One submission as the HTTP channel received it. */
export interface ContactFormSubmission {
  fields: ContactFormFields;
  /** The honeypot field; people leave it empty because they never see it. */
  honeypot?: string;
  /** The signed time the form was shown (hidden field). */
  formToken?: string;
  attachments: ContactAttachment[];
  /** What the channel found wrong with the files while reading them (cut off at the size limit, too many). */
  attachmentProblem?: 'too_many_files' | 'file_too_large';
  /** The client's IP address; only its keyed hash is stored. */
  clientAddress: string;
  /** The language the visitor used the form in; the confirmation mail is written in it. */
  language: Language;
}

/** What became of a submission. Only `created` made a ticket. */
export type ContactFormResult =
  | { kind: 'created'; ticketId: number; ticketNumber: string; confirmationSent: boolean }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'spam' }
  | { kind: 'form_expired' | 'too_fast' }
  | { kind: 'rate_limited'; by: 'ip' | 'email' };

/** A fresh form: the topics to offer and the signed time it is shown at. */
export async function prepareContactForm(ctx: ServiceContext): Promise<{ topics: PublicTopic[]; formToken: string }> {
  const secret = await getSystemSecret(ctx, SECRET_NAME);
  return { topics: await listPublicTopics(ctx, { for: 'contact' }), formToken: signFormToken(secret, ctx.clock.now().getTime()) };
}

/**
 * Turns a public contact form submission into a ticket with channel "web" in the topic's queue
 * and sends the confirmation mail with the ticket number, so the visitor can answer by mail.
 * Bots are refused (honeypot, too fast, forged or stale form) and each client address and mail
 * address may only send so many per hour. Needs no actor: the form is public by design.
 */
export async function submitContactForm(ctx: ServiceContext, submission: ContactFormSubmission, limits: ContactFormLimits): Promise<ContactFormResult> {
  const now = ctx.clock.now();
  const secret = await getSystemSecret(ctx, SECRET_NAME);
  const ipHash = hashClientAddress(secret, submission.clientAddress);
  if (isHoneypotFilled(submission.honeypot)) {
    // Counted against the address, so a bot that keeps trying meets the rate limit too.
    await recordSubmission(ctx, { ipHash, email: null, outcome: 'honeypot', at: now });
    return { kind: 'spam' };
  }
  const token = checkFormToken(secret, submission.formToken, now.getTime(), { minSeconds: limits.minSeconds });
  if (token === 'too_fast') return { kind: 'too_fast' };
  if (token !== 'ok') return { kind: 'form_expired' };

  const checked = validateContactFields(submission.fields, submission.attachments);
  const errors = checked.errors.filter((e) => e.field !== 'attachments');
  const fileProblem = submission.attachmentProblem ?? checked.errors.find((e) => e.field === 'attachments')?.problem;
  if (fileProblem) errors.push({ field: 'attachments', problem: fileProblem });
  const values = errors.length ? null : checked.values;
  const topics = await listPublicTopics(ctx, { for: 'contact' });
  const topic = values && topics.find((t) => t.id === values.topicId);
  if (values && !topic) errors.push({ field: 'topic', problem: 'unknown_topic' });
  if (!values || !topic) return { kind: 'invalid', errors };

  return inTransaction(ctx, async (tx): Promise<ContactFormResult> => {
    // Counting and recording happen one submission at a time, so that requests sent in parallel
    // cannot all pass the count before any of them is recorded.
    await lockSubmissions(tx, SECRET_NAME);
    const since = new Date(now.getTime() - HOUR_MS);
    if ((await countSubmissions(tx, { ipHash }, since)) >= limits.ipPerHour) return { kind: 'rate_limited', by: 'ip' };
    if ((await countSubmissions(tx, { email: values.email }, since)) >= limits.emailPerHour) return { kind: 'rate_limited', by: 'email' };
    await recordSubmission(tx, { ipHash, email: values.email, outcome: 'created', at: now });
    const [customer] = await findCustomerUsersByAddress(tx, [values.email.toLowerCase()]);
    const ticket = await createTicket(tx, CONTACT_FORM, {
      title: values.subject,
      queueId: topic.queueId,
      channel: 'web',
      customerUserId: customer?.id ?? null,
      article: {
        channel: 'web',
        senderType: 'customer',
        isVisibleForCustomer: true,
        from: formatAddress({ address: values.email, name: values.name }),
        subject: values.subject,
        bodyText: values.message,
        customerUserId: customer?.id ?? null,
        attachments: submission.attachments.map((a) => ({ filename: safeFilename(a.filename), contentType: safeContentType(a.contentType), content: a.content })),
      },
    });
    const article = await tx.db.selectFrom('article').select('id').where('ticket_id', '=', ticket.id).orderBy('id').executeTakeFirstOrThrow();
    const confirmation = await sendAutoResponse(tx, {
      ticketId: ticket.id,
      articleId: article.id,
      event: 'new_ticket',
      mail: messageFromForm({ address: values.email, name: values.name, subject: values.subject, text: values.message, language: submission.language }),
      isAutoGenerated: false,
    });
    return { kind: 'created', ticketId: ticket.id, ticketNumber: ticket.number, confirmationSent: confirmation.sent };
  });
}
