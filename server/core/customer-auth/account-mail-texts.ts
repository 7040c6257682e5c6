import type { Language } from '../../../shared/domain.ts';

/** The mails about a customer's own account. */
export type AccountMailKind = 'confirm_email' | 'reset_password' | 'already_registered';

/** What a text is filled with. */
export interface AccountMailValues {
  /** The customer's full name, for the salutation. */
  name: string;
  /** The customer's login, so people with several accounts know which one a reset is for. */
  login: string;
  /** The link to open: confirmation or reset page, or the portal's start page. */
  link: string;
  /** The sending desk's display name, as the signature. */
  deskName: string;
}

/** One mail in one language. */
export interface AccountMailText {
  subject: string;
  text: string;
}

type Template = (v: AccountMailValues) => AccountMailText;

/**
 * The account mails in German and English. Kept in core, beside the services that send
 * them: core may not import the mail channel's templates. The link stands on its own
 * line so mail clients make it clickable.
 */
const TEXTS: Record<AccountMailKind, Record<Language, Template>> = {
  confirm_email: {
    de: (v) => ({
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      text: `Guten Tag ${v.name},\n\nSie haben sich mit dieser Adresse bei ${v.deskName} registriert. Bitte bestätigen Sie Ihre E-Mail-Adresse innerhalb von 24 Stunden über diesen Link; danach sind Sie angemeldet:\n\n${v.link}\n\nIhr Benutzername ist ${v.login}.\n\nWenn Sie sich nicht registriert haben, können Sie diese Nachricht ignorieren; ohne Bestätigung wird kein Konto aktiv.\n\nMit freundlichen Grüßen\n${v.deskName}\n`,
    }),
    en: (v) => ({
      subject: 'Please confirm your e-mail address',
      text: `Dear ${v.name},\n\nyou registered with this address at ${v.deskName}. Please confirm your e-mail address within 24 hours with this link; it signs you in:\n\n${v.link}\n\nYour login is ${v.login}.\n\nIf you did not register, you can ignore this message; without confirmation no account becomes active.\n\nKind regards\n${v.deskName}\n`,
    }),
  },
  reset_password: {
    de: (v) => ({
      subject: 'Passwort zurücksetzen',
      text: `Guten Tag ${v.name},\n\njemand (vermutlich Sie) hat ein neues Passwort für Ihr Konto ${v.login} bei ${v.deskName} angefordert. Über diesen Link können Sie innerhalb einer Stunde ein neues Passwort festlegen:\n\n${v.link}\n\nDer Link funktioniert nur einmal, und nur der Link aus der neuesten Nachricht. Wenn Sie kein neues Passwort angefordert haben, ignorieren Sie diese Nachricht; Ihr Passwort bleibt unverändert.\n\nMit freundlichen Grüßen\n${v.deskName}\n`,
    }),
    en: (v) => ({
      subject: 'Reset your password',
      text: `Dear ${v.name},\n\nsomeone (probably you) asked for a new password for your account ${v.login} at ${v.deskName}. Use this link within one hour to set a new password:\n\n${v.link}\n\nThe link works once, and only the link in the newest message works. If you did not ask for a new password, ignore this message; your password stays as it is.\n\nKind regards\n${v.deskName}\n`,
    }),
  },
  already_registered: {
    de: (v) => ({
      subject: 'Registrierung mit Ihrer E-Mail-Adresse',
      text: `Guten Tag ${v.name},\n\njemand hat versucht, sich mit Ihrer E-Mail-Adresse bei ${v.deskName} zu registrieren. Für diese Adresse gibt es bereits ein Konto (Benutzername ${v.login}); es wurde kein neues angelegt.\n\nWenn Sie das waren und Ihr Passwort nicht mehr wissen, wählen Sie auf der Anmeldeseite „Passwort vergessen“:\n\n${v.link}\n\nWenn nicht, können Sie diese Nachricht ignorieren; an Ihrem Konto hat sich nichts geändert.\n\nMit freundlichen Grüßen\n${v.deskName}\n`,
    }),
    en: (v) => ({
      subject: 'Registration with your e-mail address',
      text: `Dear ${v.name},\n\nsomeone tried to register with your e-mail address at ${v.deskName}. There already is an account for this address (login ${v.login}); no new one was created.\n\nIf that was you and you no longer know your password, choose "Forgot password" on the sign-in page:\n\n${v.link}\n\nIf not, you can ignore this message; nothing changed in your account.\n\nKind regards\n${v.deskName}\n`,
    }),
  },
};

/** The subject and text of an account mail in the customer's language. */
export function accountMailText(kind: AccountMailKind, language: Language, values: AccountMailValues): AccountMailText {
  return TEXTS[kind][language](values);
}
