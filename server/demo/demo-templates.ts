import type { TemplateType } from '../../shared/domain.ts';
import type { ServiceContext } from '../core/context.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { createTemplate } from '../core/templates/template.service.ts';
import type { DemoQueueRef } from './demo-setup.types.ts';

/** A standard template of the demo desk and the queues (catalog keys) offering it. */
interface DemoTemplate {
  name: string;
  type: TemplateType;
  text: string;
  queues: string[];
}

const SERVICE_DESK = ['first', 'second', 'password', 'wifi', 'email', 'elearning', 'software', 'printing', 'hardware'];

/** German and English texts the RMZ Service Desk answers with every day. */
export const DEMO_TEMPLATES: DemoTemplate[] = [
  {
    name: 'Passwort zurückgesetzt',
    type: 'answer',
    text: 'wir haben das Passwort Ihrer Uni-Kennung zurückgesetzt. Bitte melden Sie sich innerhalb von 7 Tagen im Self-Service-Portal (https://id.uni-spree.de) mit dem Startpasswort aus dem Brief an und vergeben Sie ein neues Passwort.',
    queues: SERVICE_DESK,
  },
  {
    name: 'Password reset',
    type: 'answer',
    text: 'we have reset the password of your university account. Please sign in to the self-service portal (https://id.uni-spree.de) within 7 days with the initial password from the letter and choose a new password.',
    queues: SERVICE_DESK,
  },
  {
    name: 'Bitte weitere Informationen',
    type: 'answer',
    text: 'damit wir Ihnen helfen können, benötigen wir noch ein paar Angaben:\n\n- Ihre Uni-Kennung\n- das Gerät und Betriebssystem\n- die genaue Fehlermeldung (gern als Screenshot)\n\nBitte antworten Sie einfach auf diese E-Mail und lassen Sie die Ticketnummer <OTRS_CONFIG_Ticket::Hook><OTRS_TICKET_TicketNumber> im Betreff stehen.',
    queues: SERVICE_DESK,
  },
  {
    name: 'Need more information',
    type: 'answer',
    text: 'to help you we need a few more details:\n\n- your university account name\n- the device and operating system\n- the exact error message (a screenshot is welcome)\n\nPlease just reply to this email and keep <OTRS_CONFIG_Ticket::Hook><OTRS_TICKET_TicketNumber> in the subject.',
    queues: SERVICE_DESK,
  },
  {
    name: 'Weiterleitung an Fachabteilung / Forward to specialist team',
    type: 'forward',
    text: 'Liebe Kolleginnen und Kollegen, / Dear colleagues,\n\nbitte prüfen Sie die untenstehende Anfrage zu Ticket <OTRS_TICKET_TicketNumber> ("<OTRS_TICKET_Title>"). / please look into the request below.\n\nDanke / Thank you\n<OTRS_CURRENT_UserFullname>',
    queues: SERVICE_DESK,
  },
  {
    name: 'Übergabe an 2nd Level',
    type: 'note',
    text: 'Übergabe an 2nd Level:\n- Problem: \n- Bereits geprüft (Standardanleitung, Konto aktiv, Passwort gültig): \n- Kontakt zu <OTRS_CUSTOMER_REALNAME> (<OTRS_CUSTOMER_EMAIL>): \n\n<OTRS_CURRENT_UserFullname>, 1st Level',
    queues: ['first'],
  },
  {
    name: 'Rückruf / Call back',
    type: 'phone_call',
    text: 'Rückruf bei <OTRS_CUSTOMER_REALNAME> / Called back <OTRS_CUSTOMER_REALNAME>:\n',
    queues: SERVICE_DESK,
  },
];

/** Creates the demo templates through the template service, assigned to the created queues. */
export async function createDemoTemplates(ctx: ServiceContext, queues: Map<string, DemoQueueRef>): Promise<void> {
  const admin = systemActor('demo');
  for (const t of DEMO_TEMPLATES) {
    const queueIds = t.queues.map((key) => queues.get(key)?.id).filter((id): id is number => id !== undefined);
    await createTemplate(ctx, admin, { name: t.name, type: t.type, text: t.text, queueIds });
  }
}
