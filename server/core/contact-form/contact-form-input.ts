import { isMailAddress } from '../outbox/mail-address.ts';

/** Most files one submission may carry. */
export const MAX_ATTACHMENTS = 5;
/** Largest single file in bytes (10 MB), well below the intake limit of mail. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Longest value per field, in characters. */
export const FIELD_MAX_LENGTH = { name: 200, email: 254, subject: 200, message: 20_000 } as const;

/** The fields people fill in, as named in the form and in error answers. */
export type ContactField = 'name' | 'email' | 'topic' | 'subject' | 'message' | 'attachments';

/** What is wrong with a field; the HTTP channel turns it into a sentence in the visitor's language. */
export type FieldProblem = 'required' | 'too_long' | 'invalid_email' | 'unknown_topic' | 'too_many_files' | 'file_too_large';

/** One field at fault. */
export interface FieldError {
  field: ContactField;
  problem: FieldProblem;
}

/** A file as the form delivered it. */
export interface ContactAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** The submitted fields, as text, before checking. */
export interface ContactFormFields {
  name?: string;
  email?: string;
  topic?: string;
  subject?: string;
  message?: string;
}

/** The fields after checking: trimmed, the topic as an id. */
export interface ContactFormValues {
  name: string;
  email: string;
  topicId: number;
  subject: string;
  message: string;
}

/** A plain address with a dot in the domain: what people type into a contact form. */
export function isContactAddress(text: string): boolean {
  return isMailAddress(text) && /@[^@.]+(\.[^@.]+)+$/.test(text);
}

/**
 * Checks every field at once, so the form can show all mistakes together. Whether the topic
 * exists and is offered is the service's question; here it only has to be an id.
 */
export function validateContactFields(fields: ContactFormFields, attachments: ContactAttachment[]): { values: ContactFormValues | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const text = (field: 'name' | 'email' | 'subject' | 'message') => {
    // The message keeps its line breaks; one-line fields lose surrounding and repeated blanks.
    const raw = fields[field] ?? '';
    const value = field === 'message' ? raw.replace(/\r\n?/g, '\n').trim() : raw.replace(/\s+/g, ' ').trim();
    if (!value) errors.push({ field, problem: 'required' });
    else if (value.length > FIELD_MAX_LENGTH[field]) errors.push({ field, problem: 'too_long' });
    return value;
  };
  const name = text('name');
  const email = text('email');
  if (email && email.length <= FIELD_MAX_LENGTH.email && !isContactAddress(email)) errors.push({ field: 'email', problem: 'invalid_email' });
  const topicText = (fields.topic ?? '').trim();
  const topicId = /^\d{1,9}$/.test(topicText) ? Number(topicText) : 0;
  if (!topicText) errors.push({ field: 'topic', problem: 'required' });
  else if (topicId < 1) errors.push({ field: 'topic', problem: 'unknown_topic' });
  const subject = text('subject');
  const message = text('message');
  if (attachments.length > MAX_ATTACHMENTS) errors.push({ field: 'attachments', problem: 'too_many_files' });
  else if (attachments.some((a) => a.content.length > MAX_ATTACHMENT_BYTES)) errors.push({ field: 'attachments', problem: 'file_too_large' });
  return { values: errors.length ? null : { name, email, topicId, subject, message }, errors };
}

/** A file name safe to store and show: no folders, no control characters, at most 255 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'attachment').slice(0, 255);
}

/** The browser's content type when it looks like one, else the generic binary type. */
export function safeContentType(type: string | undefined): string {
  const value = (type ?? '').trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(value) && value.length <= 100 ? value : 'application/octet-stream';
}
