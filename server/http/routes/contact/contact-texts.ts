import type { Language } from '../../../../shared/domain.ts';
import type { FieldProblem } from '../../../core/contact-form/contact-form-input.ts';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../../core/contact-form/contact-form-input.ts';

const MB = Math.round(MAX_ATTACHMENT_BYTES / (1024 * 1024));

/** Every text of the contact form page, its answers and errors, in German and English. */
export const CONTACT_TEXTS = {
  en: {
    title: 'Contact the service desk',
    intro: 'Send us your question or request. You will get a confirmation by e-mail with your ticket number; to add something later, simply reply to that e-mail.',
    required: 'Fields marked * are required.',
    otherLanguage: 'Deutsch',
    name: 'Your name',
    email: 'Your e-mail address',
    emailHint: 'We send the confirmation and our answers here.',
    topic: 'Topic',
    chooseTopic: 'Please choose …',
    subject: 'Subject',
    message: 'Your message',
    attachments: 'Attachments (optional)',
    attachmentsHint: `Up to ${MAX_ATTACHMENTS} files, each at most ${MB} MB.`,
    honeypot: 'Leave this field empty',
    submit: 'Send',
    sending: 'Sending …',
    privacy: 'We use your details only to answer your request.',
    errorSummary: 'Please correct the following:',
    networkError: 'The form could not be sent. Please check your connection and try again.',
    thanksTitle: 'Thank you for your message',
    thanks: (tn: string) => `We have received your request under ticket number ${tn}. A confirmation is on its way to your e-mail address; to add something, simply reply to that e-mail.`,
    another: 'Send another request',
    noTopics: 'The contact form is not available at the moment. Please write to us by e-mail.',
    tooFast: 'That was quicker than a person can fill in the form, so it was not sent. Please wait a moment and send it again.',
    expired: 'This form has expired. Please send it again; your entries have been kept.',
    refused: 'Your message could not be sent. Please try again later or write to us by e-mail.',
    rateLimitedIp: 'Too many messages have been sent from your network in the last hour. Please try again in an hour or write to us by e-mail.',
    rateLimitedEmail: 'Too many messages have been sent from this e-mail address in the last hour. Please try again in an hour; we are already working on your earlier requests.',
    problems: {
      required: 'Please fill in this field.',
      too_long: 'This is too long.',
      invalid_email: 'Please enter a valid e-mail address, e.g. name@example.org.',
      unknown_topic: 'Please choose one of the topics offered.',
      too_many_files: `Please attach at most ${MAX_ATTACHMENTS} files.`,
      file_too_large: `Each file may be at most ${MB} MB.`,
    } satisfies Record<FieldProblem, string>,
    tooLongWith: (max: number) => `Please use at most ${max} characters.`,
  },
  de: {
    title: 'Kontakt zum Service Desk',
    intro: 'Schicken Sie uns Ihre Frage oder Ihr Anliegen. Sie erhalten eine Bestätigung mit Ihrer Ticketnummer per E-Mail; wenn Sie später etwas ergänzen möchten, antworten Sie einfach auf diese E-Mail.',
    required: 'Mit * markierte Felder sind Pflichtfelder.',
    otherLanguage: 'English',
    name: 'Ihr Name',
    email: 'Ihre E-Mail-Adresse',
    emailHint: 'Hierhin senden wir die Bestätigung und unsere Antworten.',
    topic: 'Thema',
    chooseTopic: 'Bitte wählen …',
    subject: 'Betreff',
    message: 'Ihre Nachricht',
    attachments: 'Anhänge (optional)',
    attachmentsHint: `Bis zu ${MAX_ATTACHMENTS} Dateien, je höchstens ${MB} MB.`,
    honeypot: 'Dieses Feld bitte leer lassen',
    submit: 'Absenden',
    sending: 'Wird gesendet …',
    privacy: 'Wir verwenden Ihre Angaben nur, um Ihre Anfrage zu beantworten.',
    errorSummary: 'Bitte korrigieren Sie Folgendes:',
    networkError: 'Das Formular konnte nicht gesendet werden. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es noch einmal.',
    thanksTitle: 'Vielen Dank für Ihre Nachricht',
    thanks: (tn: string) => `Ihre Anfrage ist bei uns unter der Ticketnummer ${tn} eingegangen. Eine Bestätigung ist an Ihre E-Mail-Adresse unterwegs; um etwas zu ergänzen, antworten Sie einfach auf diese E-Mail.`,
    another: 'Weitere Anfrage senden',
    noTopics: 'Das Kontaktformular ist gerade nicht verfügbar. Bitte schreiben Sie uns eine E-Mail.',
    tooFast: 'Das ging schneller, als ein Mensch das Formular ausfüllen kann, daher wurde es nicht gesendet. Bitte warten Sie einen Moment und senden Sie es noch einmal.',
    expired: 'Dieses Formular ist abgelaufen. Bitte senden Sie es noch einmal; Ihre Eingaben sind erhalten geblieben.',
    refused: 'Ihre Nachricht konnte nicht gesendet werden. Bitte versuchen Sie es später noch einmal oder schreiben Sie uns eine E-Mail.',
    rateLimitedIp: 'Aus Ihrem Netz wurden in der letzten Stunde zu viele Nachrichten gesendet. Bitte versuchen Sie es in einer Stunde noch einmal oder schreiben Sie uns eine E-Mail.',
    rateLimitedEmail: 'Von dieser E-Mail-Adresse wurden in der letzten Stunde zu viele Nachrichten gesendet. Bitte versuchen Sie es in einer Stunde noch einmal; an Ihren bisherigen Anfragen arbeiten wir bereits.',
    problems: {
      required: 'Bitte füllen Sie dieses Feld aus.',
      too_long: 'Das ist zu lang.',
      invalid_email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@example.org.',
      unknown_topic: 'Bitte wählen Sie eines der angebotenen Themen.',
      too_many_files: `Bitte hängen Sie höchstens ${MAX_ATTACHMENTS} Dateien an.`,
      file_too_large: `Jede Datei darf höchstens ${MB} MB groß sein.`,
    } satisfies Record<FieldProblem, string>,
    tooLongWith: (max: number) => `Bitte verwenden Sie höchstens ${max} Zeichen.`,
  },
} as const;

export type ContactTexts = (typeof CONTACT_TEXTS)[Language];

/** The language of the page: ?lang= when given, else the browser's preference among German and English (default German). */
export function pickLanguage(lang: string | undefined, acceptLanguage: string | undefined): Language {
  if (lang === 'de' || lang === 'en') return lang;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q ? Number(q) : 1, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const first = ranked.find((entry) => /^(de|en)(-|$)/.test(entry.tag));
  return first?.tag.startsWith('en') ? 'en' : 'de';
}
