import type { ServiceContext } from '../core/context.ts';
import { loadCustomerActor } from '../core/customer-auth/customer-actor.ts';
import { getCustomerUser, updateCustomerCompany, updateCustomerUser } from '../core/customers/customer.service.ts';
import { systemActor } from '../core/permissions/actor.ts';
import { createPortalTopic } from '../core/portal/portal-topic-admin.service.ts';
import { createPortalTicket } from '../core/portal/portal-ticket-write.service.ts';
import type { DemoSetup, DemoTicketRecord } from './demo-setup.types.ts';

const admin = systemActor('demo');

/** Topics customers choose from, in plain words, each filing into a demo queue. */
const DEMO_PORTAL_TOPICS: { queue: string; nameDe: string; nameEn: string; descriptionDe: string; descriptionEn: string; contact: boolean }[] = [
  { queue: 'password', nameDe: 'Passwort & Konto', nameEn: 'Password & account', descriptionDe: 'Passwort vergessen, Konto gesperrt, Zwei-Faktor-Anmeldung', descriptionEn: 'Forgotten password, locked account, two-factor sign-in', contact: true },
  { queue: 'wifi', nameDe: 'WLAN & VPN', nameEn: 'Wi-Fi & VPN', descriptionDe: 'eduroam, VPN-Client, Netz im Wohnheim', descriptionEn: 'eduroam, VPN client, network in the residence', contact: false },
  { queue: 'email', nameDe: 'E-Mail', nameEn: 'Email', descriptionDe: 'Postfach, Weiterleitung, Spam, Verteiler', descriptionEn: 'Mailbox, forwarding, spam, mailing lists', contact: false },
  { queue: 'elearning', nameDe: 'Moodle & E-Learning', nameEn: 'Moodle & e-learning', descriptionDe: 'Kurse, Einschreibung, Abgaben', descriptionEn: 'Courses, enrolment keys, submissions', contact: false },
  { queue: 'students', nameDe: 'Studierendenservice', nameEn: 'Student services', descriptionDe: 'Immatrikulation, CampusCard, Prüfungsanmeldung', descriptionEn: 'Enrolment, CampusCard, exam registration', contact: true },
  { queue: 'privacy', nameDe: 'Datenschutz', nameEn: 'Data protection', descriptionDe: 'Auskunft über Ihre Daten, Phishing melden', descriptionEn: 'Access to your data, report phishing', contact: true },
  { queue: 'first', nameDe: 'Sonstiges', nameEn: 'Something else', descriptionDe: 'Alles andere: Wir leiten Ihre Anfrage weiter.', descriptionEn: 'Anything else: we pass your request on.', contact: true },
];

/** How many customer users may sign in to the portal with the demo password. */
const PORTAL_CUSTOMER_COUNT = 3;

/** The portal part of the demo desk: who can sign in, and the ticket the first of them opened there. */
export interface DemoPortal {
  /** Login of the customer printed in the demo banner (sees their institute's tickets). */
  login: string | null;
  /** Tickets opened through the portal, whose automatic answers count as sent long ago. */
  ticketIds: number[];
}

/**
 * Portal topics in both languages; a few customer users with the demo password, the first from
 * an institute that shares its tickets among its staff; and one ticket opened in the portal.
 */
export async function createDemoPortal(ctx: ServiceContext, setup: DemoSetup, records: DemoTicketRecord[], password: string): Promise<DemoPortal> {
  let position = 0;
  let topicId = 0;
  for (const topic of DEMO_PORTAL_TOPICS) {
    const queue = setup.queues.get(topic.queue);
    if (!queue) continue;
    const created = await createPortalTopic(ctx, admin, { ...topic, queueId: queue.id, position: position++, isOnPortal: true, isOnContactForm: topic.contact });
    topicId ||= created.id;
  }

  const customers = await customersByTickets(ctx, records);
  // Students are no team: only a staff institute shares tickets among its people.
  const staff = customers.find((c) => c.companyKey !== 'STUD');
  const chosen = [...(staff ? [staff] : []), ...customers.filter((c) => c !== staff)].slice(0, PORTAL_CUSTOMER_COUNT);
  for (const c of chosen) await updateCustomerUser(ctx, admin, c.id, { password });
  if (staff?.companyId) await updateCustomerCompany(ctx, admin, staff.companyId, { isPortalCompanyTickets: true });

  const first = chosen[0];
  const actor = first ? await loadCustomerActor(ctx, first.id) : null;
  if (!first || !actor || !topicId) return { login: first ? (await getCustomerUser(ctx, admin, first.id)).login : null, ticketIds: [] };
  const english = actor.language === 'en';
  const ticket = await createPortalTicket(ctx, actor, {
    topicId,
    title: english ? 'Two-factor app on my new phone' : 'Zwei-Faktor-App auf dem neuen Handy',
    body: english
      ? 'Hello, I have a new phone and the authenticator app did not move over. How do I register the new phone?\n\nThank you!'
      : 'Hallo, ich habe ein neues Handy und die Authenticator-App ist nicht mitgekommen. Wie melde ich das neue Gerät an?\n\nVielen Dank!',
  });
  return { login: (await getCustomerUser(ctx, admin, first.id)).login, ticketIds: [ticket.id] };
}

/** Customer users of the demo tickets, most tickets first, with their company's key. */
async function customersByTickets(ctx: ServiceContext, records: DemoTicketRecord[]) {
  if (records.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('ticket as t')
    .innerJoin('customer_user as cu', 'cu.id', 't.customer_user_id')
    .leftJoin('customer_company as cc', 'cc.id', 'cu.customer_company_id')
    .select(['cu.id', 'cu.customer_company_id', 'cc.customer_id as company_key'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('t.id', 'in', records.map((r) => r.ticketId))
    .groupBy(['cu.id', 'cu.customer_company_id', 'cc.customer_id'])
    .orderBy('n', 'desc')
    .orderBy('cu.id')
    .execute();
  return rows.map((r) => ({ id: r.id, companyId: r.customer_company_id, companyKey: r.company_key }));
}
