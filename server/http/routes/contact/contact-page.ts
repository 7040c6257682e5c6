import type { Language } from '../../../../shared/domain.ts';
import { FIELD_MAX_LENGTH, type ContactField, type FieldError } from '../../../core/contact-form/contact-form-input.ts';
import type { PublicTopic } from '../../../core/portal/portal-topics.service.ts';
import { CONTACT_TEXTS, type ContactTexts } from './contact-texts.ts';

/** Where the page is shown: on its own, or chrome-less inside a university page's iframe. */
export interface PageOptions {
  language: Language;
  embed: boolean;
}

/** What the form shows: the values entered so far and what is wrong with them. */
export interface FormState {
  topics: PublicTopic[];
  formToken: string;
  values: Partial<Record<'name' | 'email' | 'topic' | 'subject' | 'message', string>>;
  errors: FieldError[];
  /** A problem with the whole submission (too fast, expired, rate limit …). */
  notice?: string;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The form's own URL with the page options, for links and the form action. */
export function contactUrl(options: PageOptions, language: Language = options.language): string {
  return `/contact?lang=${language}${options.embed ? '&embed=1' : ''}`;
}

/** A field error as a sentence in the visitor's language. */
export function problemText(t: ContactTexts, error: FieldError): string {
  if (error.problem === 'too_long' && error.field in FIELD_MAX_LENGTH) return t.tooLongWith(FIELD_MAX_LENGTH[error.field as keyof typeof FIELD_MAX_LENGTH]);
  return t.problems[error.problem];
}

function layout(options: PageOptions, title: string, content: string): string {
  const t = CONTACT_TEXTS[options.language];
  const other: Language = options.language === 'de' ? 'en' : 'de';
  return (
    `<!doctype html><html lang="${options.language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>` +
    `<link rel="stylesheet" href="/contact/assets/contact.css"><script src="/contact/assets/contact.js" defer></script></head>` +
    `<body class="${options.embed ? 'embed' : 'page'}"><main class="contact">` +
    `<p class="language"><a href="${contactUrl(options, other)}" lang="${other}" hreflang="${other}">${t.otherLanguage}</a></p>` +
    `${content}</main></body></html>`
  );
}

function fieldBlock(t: ContactTexts, field: ContactField, label: string, control: string, state: FormState, hint?: string): string {
  const error = state.errors.find((e) => e.field === field);
  return (
    `<div class="field${error ? ' invalid' : ''}"><label for="${field}">${escape(label)}${field === 'attachments' ? '' : ' <span aria-hidden="true">*</span>'}</label>` +
    (hint ? `<p class="hint" id="${field}-hint">${escape(hint)}</p>` : '') +
    control +
    `<p class="error" id="${field}-error">${error ? escape(problemText(t, error)) : ''}</p></div>`
  );
}

/** aria attributes shared by every control: its hint and error, and whether it is invalid. */
function controlAttributes(field: ContactField, state: FormState, hint: boolean): string {
  const invalid = state.errors.some((e) => e.field === field);
  return `id="${field}" name="${field}" aria-describedby="${hint ? `${field}-hint ` : ''}${field}-error"${invalid ? ' aria-invalid="true"' : ''}`;
}

function formFields(t: ContactTexts, language: Language, state: FormState): string {
  const v = (name: keyof FormState['values']) => escape(state.values[name] ?? '');
  const input = (field: 'name' | 'email' | 'subject', type: string, autocomplete: string, hint = false) =>
    `<input type="${type}" ${controlAttributes(field, state, hint)} value="${v(field)}" maxlength="${FIELD_MAX_LENGTH[field]}" autocomplete="${autocomplete}" required>`;
  const options = state.topics
    .map((topic) => `<option value="${topic.id}"${String(topic.id) === state.values.topic ? ' selected' : ''}>${escape(topic.name[language])}</option>`)
    .join('');
  return [
    fieldBlock(t, 'name', t.name, input('name', 'text', 'name'), state),
    fieldBlock(t, 'email', t.email, input('email', 'email', 'email', true), state, t.emailHint),
    fieldBlock(t, 'topic', t.topic, `<select ${controlAttributes('topic', state, false)} required><option value="">${escape(t.chooseTopic)}</option>${options}</select>`, state),
    fieldBlock(t, 'subject', t.subject, input('subject', 'text', 'off'), state),
    fieldBlock(t, 'message', t.message, `<textarea ${controlAttributes('message', state, false)} rows="8" maxlength="${FIELD_MAX_LENGTH.message}" required>${v('message')}</textarea>`, state),
    fieldBlock(t, 'attachments', t.attachments, `<input type="file" ${controlAttributes('attachments', state, true)} multiple>`, state, t.attachmentsHint),
  ].join('');
}

function errorSummary(t: ContactTexts, state: FormState): string {
  const items = state.errors.map((e) => `<li><a href="#${e.field}">${escape(problemText(t, e))}</a></li>`).join('');
  const body = state.notice ? `<p>${escape(state.notice)}</p>` : items ? `<p>${escape(t.errorSummary)}</p><ul>${items}</ul>` : '';
  // Always present (empty when all is well) so the script can fill it and screen readers announce it.
  return `<div class="summary" id="form-errors" role="alert" tabindex="-1"${body ? '' : ' hidden'}>${body}</div>`;
}

/** The contact form, empty or with the values and errors of a refused submission. */
export function renderContactForm(options: PageOptions, state: FormState): string {
  const t = CONTACT_TEXTS[options.language];
  if (state.topics.length === 0) return layout(options, t.title, `<h1>${escape(t.title)}</h1><p>${escape(t.noTopics)}</p>`);
  const content =
    `<h1>${escape(t.title)}</h1><p class="intro">${escape(t.intro)}</p>${errorSummary(t, state)}` +
    `<form id="contact-form" method="post" action="${contactUrl(options)}" enctype="multipart/form-data" data-sending="${escape(t.sending)}" data-network-error="${escape(t.networkError)}" data-error-summary="${escape(t.errorSummary)}">` +
    `<p class="required-note">${escape(t.required)}</p>` +
    formFields(t, options.language, state) +
    // The honeypot: hidden from people and screen readers, but bots fill in every field they find.
    `<div class="hp" aria-hidden="true"><label for="website">${escape(t.honeypot)}</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>` +
    `<input type="hidden" name="formToken" value="${escape(state.formToken)}">` +
    `<p class="privacy">${escape(t.privacy)}</p>` +
    `<button type="submit">${escape(t.submit)}</button><p class="status" id="form-status" role="status"></p></form>`;
  return layout(options, t.title, content);
}

/** The page after a ticket was created. */
export function renderThankYou(options: PageOptions, ticketNumber: string): string {
  const t = CONTACT_TEXTS[options.language];
  return layout(
    options,
    t.thanksTitle,
    `<div class="thanks"><h1>${escape(t.thanksTitle)}</h1><p>${escape(t.thanks(ticketNumber))}</p><p><a href="${contactUrl(options)}">${escape(t.another)}</a></p></div>`,
  );
}
