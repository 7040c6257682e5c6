import type { DemoCase, DemoTopic } from './demo-cases.ts';

/** What the demo agents write: short, plausible answers and notes in the customer's language. */

const ANSWERS: Record<DemoTopic, { de: string; en: string }> = {
  password: {
    de: 'Sie können Ihr Passwort selbst im UniPort unter "Mein Konto → Passwort vergessen" zurücksetzen. Der Link ist 30 Minuten gültig. Ihr Konto war nach mehreren Fehlversuchen vorübergehend gesperrt; die Sperre haben wir aufgehoben.',
    en: 'You can reset your password yourself in UniPort under "My account → Forgot password". The link is valid for 30 minutes. Your account was locked for a while after several failed attempts; we have lifted the lock.',
  },
  accounts: {
    de: 'Das Konto ist eingerichtet und bis zum Ende des Vertrags freigeschaltet. Die Zugangsdaten erhält die betroffene Person per Post an die Dienstadresse; der Zugriff auf das Gruppenlaufwerk ist ab morgen aktiv.',
    en: 'The account has been set up and is valid until the end of the contract. The credentials go by internal post to the office address; access to the group drive is active from tomorrow.',
  },
  wifi: {
    de: 'Bitte entfernen Sie das alte eduroam-Profil und installieren Sie es neu mit dem Konfigurationsassistenten (eduroam CAT) auf rmz.uni-spree.de/wlan. Als Identität verwenden Sie Ihre Uni-Kennung mit @uni-spree.de.',
    en: 'Please remove the old eduroam profile and install it again with the configuration assistant (eduroam CAT) at rmz.uni-spree.de/wlan. Use your university ID followed by @uni-spree.de as identity.',
  },
  email: {
    de: 'Ihr Postfach war zu 98 % gefüllt; wir haben das Kontingent vorübergehend erhöht. Für die Einrichtung in Outlook oder Thunderbird nutzen Sie bitte IMAP (mail.uni-spree.de, Port 993) und SMTP (Port 587, STARTTLS).',
    en: 'Your mailbox was 98 % full; we have raised the quota for now. To set up Outlook or Thunderbird, please use IMAP (mail.uni-spree.de, port 993) and SMTP (port 587, STARTTLS).',
  },
  elearning: {
    de: 'Der Kurs ist jetzt für Teilnehmende sichtbar. Den Einschreibeschlüssel vergibt die Lehrperson; bei Problemen mit der Abgabe laden Sie die Datei bitte als PDF unter 50 MB hoch.',
    en: 'The course is now visible to participants. The enrolment key is set by the lecturer; if the upload fails, please submit the file as a PDF below 50 MB.',
  },
  software: {
    de: 'Die Campuslizenz können Sie im Softwareportal unter software.uni-spree.de herunterladen. Der Lizenzschlüssel wird nach der Anmeldung mit Ihrer Uni-Kennung angezeigt.',
    en: 'You can download the campus licence from the software portal at software.uni-spree.de. The licence key is shown after you log in with your university ID.',
  },
  printing: {
    de: 'Ihr Druckguthaben wurde korrigiert. Druckaufträge bleiben 24 Stunden in der Warteschlange und werden am Gerät mit der CampusCard freigegeben.',
    en: 'Your print credit has been corrected. Print jobs stay in the queue for 24 hours and are released at the printer with your CampusCard.',
  },
  hardware: {
    de: 'Ein Techniker schaut sich das Gerät heute im Laufe des Tages an. Für die Ausleihe bringen Sie bitte Ihre CampusCard zur Ausgabe im RMZ-Foyer mit.',
    en: 'A technician will look at the device later today. For lending, please bring your CampusCard to the RMZ foyer desk.',
  },
  exams: {
    de: 'Wir haben Ihre Prüfungsanmeldung geprüft und an das Prüfungsamt weitergegeben. Die Note wird nach Freigabe durch die Lehrperson im UniPort sichtbar.',
    en: 'We have checked your exam registration and passed it on to the examination office. The grade will appear in UniPort once the lecturer has released it.',
  },
  enrolment: {
    de: 'Der Semesterbeitrag ist eingegangen; die Rückmeldung ist abgeschlossen. Die Immatrikulationsbescheinigung können Sie ab sofort im UniPort herunterladen.',
    en: 'Your semester fee has arrived and your re-registration is complete. You can download the certificate of enrolment in UniPort now.',
  },
  'data-protection': {
    de: 'Vielen Dank für Ihre Meldung. Wir haben die betroffene Kennung vorsorglich gesperrt und die verdächtige Nachricht aus allen Postfächern entfernt. Bitte ändern Sie Ihr Passwort, falls Sie Daten eingegeben haben.',
    en: 'Thank you for your report. We have blocked the affected account as a precaution and removed the suspicious message from all mailboxes. Please change your password if you entered any data.',
  },
  other: {
    de: 'Vielen Dank für Ihre Nachricht. Für dieses Anliegen ist das RMZ leider nicht zuständig; bitte wenden Sie sich an das Studierendenwerk bzw. die zuständige Stelle.',
    en: 'Thank you for your message. Unfortunately the RMZ is not responsible for this matter; please contact the student union or the office in charge.',
  },
};

const NOTES = [
  'Rückruf bei der Person: Problem bestätigt, Details siehe unten.',
  'Konto im IDM geprüft: keine Sperre, Passwort zuletzt vor 3 Monaten geändert.',
  'Gleiches Problem heute schon zweimal gemeldet; beobachten.',
  'Mit dem Kollegen aus dem Netzwerkteam gesprochen, Fix kommt mit dem nächsten Wartungsfenster.',
  'Lizenzbestand geprüft: noch 12 freie Plätze.',
  'Called back: the customer confirmed the issue; waiting for screenshots.',
];

function language(c: DemoCase): 'de' | 'en' {
  return c.lang === 'en' ? 'en' : 'de';
}

/** An agent's reply to a case, signed by the agent. */
export function replyText(c: DemoCase, agentName: string): string {
  const lang = language(c);
  const greeting = lang === 'en' ? 'Hello,' : 'Guten Tag,';
  const closing = lang === 'en' ? 'Kind regards' : 'Mit freundlichen Grüßen';
  return `${greeting}\n\n${ANSWERS[c.topic][lang]}\n\n${closing}\n${agentName}\nRMZ Service Desk, Universität an der Spree`;
}

/** An internal note; `index` picks one so the desk does not repeat itself. */
export function noteText(index: number): string {
  return NOTES[index % NOTES.length] ?? NOTES[0]!;
}

/** The note that goes with handing a ticket to a specialist team. */
export function escalationNote(queueName: string): string {
  return `An ${queueName} übergeben: am 1st Level nicht lösbar (Standardanleitung geprüft, Fehler bleibt). Bitte übernehmen.`;
}

/** A customer's thanks before the ticket is closed. */
export function thanksText(c: DemoCase): string {
  return language(c) === 'en' ? 'Thank you, it works now!' : 'Vielen Dank, jetzt funktioniert es wieder!';
}

/** A customer who writes again about the same matter (the merge story). */
export function reminderText(c: DemoCase): string {
  return language(c) === 'en'
    ? 'Hello, I have not heard back yet. Did my request arrive? It is still urgent.'
    : 'Hallo, ich habe noch keine Antwort bekommen. Ist meine Anfrage angekommen? Es ist weiterhin dringend.';
}
