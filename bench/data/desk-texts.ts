/**
 * Realistic ticket texts for the large-desk generator: what students and staff write to a
 * university IT and student service, and how agents answer, in German (about 70 %) and English.
 * Sentences are drawn from pools by a seeded generator, so the same seed gives the same desk.
 */

import { seededRandom } from '../../server/demo/demo-cases.ts';

export { seededRandom };

export type Random = () => number;

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

interface Topic {
  subject: string;
  problem: string[];
  detail: string[];
  answer: string[];
}

const DE_TOPICS: Topic[] = [
  {
    subject: 'Passwort vergessen / Konto gesperrt',
    problem: ['ich habe mein Passwort für den Uni-Account vergessen und komme nicht mehr in Moodle.', 'mein Konto wurde nach mehreren Fehlversuchen gesperrt.', 'seit der Passwortänderung funktioniert die Anmeldung im Portal nicht mehr.'],
    detail: ['Die Fehlermeldung lautet „Anmeldung fehlgeschlagen“.', 'Ich habe es im Browser und auf dem Handy versucht.', 'Meine Matrikelnummer steht unten in der Signatur.', 'Die Prüfungsanmeldung endet am Freitag, daher ist es dringend.'],
    answer: ['wir haben Ihr Konto entsperrt. Bitte setzen Sie Ihr Passwort im Self-Service-Portal neu.', 'das Passwort kann nur persönlich mit Ausweis am Service-Schalter zurückgesetzt werden.', 'nach der Änderung dauert die Synchronisation bis zu 30 Minuten.'],
  },
  {
    subject: 'WLAN eduroam verbindet nicht',
    problem: ['mein Laptop verbindet sich nicht mehr mit eduroam.', 'im Hörsaalgebäude bricht das WLAN ständig ab.', 'auf meinem neuen Handy kann ich eduroam nicht einrichten.'],
    detail: ['Ich nutze Windows 11 und das Installationsprogramm von cat.eduroam.org.', 'In der Bibliothek funktioniert es ohne Probleme.', 'Das Zertifikat wird als nicht vertrauenswürdig angezeigt.'],
    answer: ['bitte löschen Sie das alte Profil und installieren Sie es mit dem aktuellen Assistenten neu.', 'als Identität muss die vollständige Adresse mit @uni-spree.de eingetragen sein.', 'wir haben eine Störung des Access Points im Gebäude C gefunden und behoben.'],
  },
  {
    subject: 'Postfach voll / E-Mail kommt nicht an',
    problem: ['ich bekomme keine E-Mails mehr, der Absender erhält eine Fehlermeldung.', 'mein Postfach ist laut Outlook voll.', 'Mails an meine Uni-Adresse landen im Spam-Ordner.'],
    detail: ['Der Absender hat mir die Fehlermeldung weitergeleitet, sie ist angehängt.', 'Ich habe bereits alte Mails gelöscht.', 'Es betrifft vor allem Mails vom Prüfungsamt.'],
    answer: ['Ihr Postfach war über dem Kontingent; wir haben es auf 5 GB erweitert.', 'bitte leeren Sie zusätzlich den Ordner „Gelöschte Elemente“.', 'wir haben den Absender in die Liste vertrauenswürdiger Absender aufgenommen.'],
  },
  {
    subject: 'Immatrikulationsbescheinigung',
    problem: ['ich benötige eine Immatrikulationsbescheinigung für meine Krankenkasse.', 'die Bescheinigung im Portal zeigt das falsche Semester.', 'für das BAföG-Amt brauche ich eine Bescheinigung nach § 9.'],
    detail: ['Die Frist der Krankenkasse läuft Ende des Monats ab.', 'Der Semesterbeitrag wurde bereits überwiesen.', 'Im Anhang finden Sie das Formular.'],
    answer: ['die Bescheinigung steht ab sofort im Portal zum Download bereit.', 'das Formular haben wir ausgefüllt und per Post an Sie geschickt.', 'nach Eingang des Semesterbeitrags wird die Bescheinigung automatisch aktualisiert.'],
  },
  {
    subject: 'VPN-Verbindung schlägt fehl',
    problem: ['von zu Hause kann ich keine VPN-Verbindung aufbauen.', 'der VPN-Client meldet „Zertifikat ungültig“.', 'über VPN erreiche ich die Laufwerke des Instituts nicht.'],
    detail: ['Ich nutze macOS Sonoma und den Cisco-Client.', 'Gestern hat es noch funktioniert.', 'Mein Internetanbieter ist die Telekom.'],
    answer: ['bitte verwenden Sie als Server vpn.uni-spree.de und die Gruppe „Mitarbeitende“.', 'die Zertifikate wurden erneuert; bitte installieren Sie den Client neu.', 'die Laufwerke sind über VPN nur mit der Gruppe „Institut“ erreichbar.'],
  },
];

const EN_TOPICS: Topic[] = [
  {
    subject: 'Cannot log in to Moodle',
    problem: ['I cannot log in to Moodle since this morning.', 'my account seems to be locked after I changed my password.', 'the login page keeps asking for my password again.'],
    detail: ['I am an exchange student and my course starts on Monday.', 'I tried Firefox and Chrome.', 'My student ID is in the signature below.'],
    answer: ['we have unlocked your account; please log in again.', 'please reset your password in the self-service portal first.', 'the change needs up to 30 minutes to reach every system.'],
  },
  {
    subject: 'Wi-Fi eduroam problem',
    problem: ['my laptop does not connect to eduroam anymore.', 'the Wi-Fi in the lecture hall drops every few minutes.', 'I cannot set up eduroam on my new phone.'],
    detail: ['I use the installer from cat.eduroam.org.', 'It works fine in the library.', 'The certificate is shown as untrusted.'],
    answer: ['please remove the old profile and install it again with the current assistant.', 'your identity must be your full address ending in @uni-spree.de.', 'we found and fixed a faulty access point in building C.'],
  },
  {
    subject: 'Certificate of enrolment',
    problem: ['I need a certificate of enrolment for my visa extension.', 'the certificate in the portal shows the wrong semester.', 'my health insurance asks for a certificate of enrolment.'],
    detail: ['The appointment at the foreigners office is next week.', 'I paid the semester fee last week.', 'The form is attached.'],
    answer: ['the certificate is now available in the portal.', 'we have filled in the form and sent it to you by post.', 'once the fee has arrived the certificate is updated automatically.'],
  },
];

const DE_FIRST = ['Anna', 'Lukas', 'Mia', 'Leon', 'Emma', 'Paul', 'Hannah', 'Jonas', 'Lea', 'Felix', 'Marie', 'Elias', 'Sophie', 'Noah', 'Lina', 'Ben', 'Clara', 'Tim', 'Johanna', 'Moritz'];
const EN_FIRST = ['Olivia', 'James', 'Amelia', 'Oliver', 'Isla', 'Jack', 'Ava', 'Harry', 'Priya', 'Wei', 'Fatima', 'Carlos'];
const LAST = ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker', 'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Yılmaz', 'Kowalski', 'Nguyen', 'Smith', 'Patel', 'García'];

export function personName(random: Random): { first: string; last: string; german: boolean } {
  const german = random() < 0.75;
  return { first: pick(random, german ? DE_FIRST : EN_FIRST), last: pick(random, LAST), german };
}

/** One ticket's conversation: subject, language and the article bodies in order. */
export interface Conversation {
  subject: string;
  german: boolean;
  topic: Topic;
}

export function conversation(random: Random, german: boolean): Conversation {
  const topic = pick(random, german ? DE_TOPICS : EN_TOPICS);
  return { subject: topic.subject, german, topic };
}

/** The customer's text: a greeting, the problem, one to three details, a closing. */
export function customerBody(random: Random, c: Conversation, name: string): string {
  const details = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, c.topic.detail));
  return c.german
    ? `Hallo liebes Service-Team,\n\n${pick(random, c.topic.problem)} ${details.join(' ')}\n\nVielen Dank im Voraus und viele Grüße\n${name}`
    : `Dear service desk,\n\n${pick(random, c.topic.problem)} ${details.join(' ')}\n\nThank you and best regards,\n${name}`;
}

/** The agent's answer, with salutation and signature as the desk sends them. */
export function agentBody(random: Random, c: Conversation, customer: string, agent: string): string {
  return c.german
    ? `Guten Tag ${customer},\n\n${pick(random, c.topic.answer)}\n\nMit freundlichen Grüßen\n${agent}\nIT- und Studierendenservice\nUniversität an der Spree`
    : `Dear ${customer},\n\n${pick(random, c.topic.answer)}\n\nKind regards,\n${agent}\nIT and Student Services\nUniversity on the Spree`;
}

/** An internal note between agents. */
export function noteBody(random: Random, c: Conversation): string {
  const notes = c.german
    ? ['Rückruf vereinbart, Kunde ist ab 14 Uhr erreichbar.', 'An 2nd Level übergeben, bitte Logs prüfen.', 'Gleiches Problem wie im Ticket von letzter Woche.']
    : ['Called back, customer is available after 2 pm.', 'Handed over to 2nd level, please check the logs.', 'Same problem as last week.'];
  return pick(random, notes);
}
