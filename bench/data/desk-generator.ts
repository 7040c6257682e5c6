/**
 * Fills an empty, migrated Ticketwerk database with a large university desk in bulk:
 * queues in a tree (each with its own group), agents with rw on 20 queues each, customer
 * companies and users, tickets over three years with a realistic conversation each, and the
 * history rows OTRS would have written. Rows go in with multi-row INSERTs in large
 * transactions, straight through Kysely: the core services would take days for a million
 * tickets, and the point here is the data an old desk has, not the path it came in by.
 */
import type { Insertable, Kysely } from 'kysely';
import type { ArticleTable, Database, TicketHistoryTable, TicketTable } from '../../server/db/schema.ts';
import { agentBody, conversation, customerBody, noteBody, personName, pick, seededRandom, type Random } from './desk-texts.ts';

export interface DeskSize {
  tickets: number;
  queues: number;
  agents: number;
  customers: number;
  /** Queues each agent may work in (rw). */
  queuesPerAgent: number;
}

export function deskSize(tickets: number): DeskSize {
  // The issue's large desk: 1M tickets, 200 queues, 500 agents, 100k customers; smaller desks scale down.
  const scale = Math.min(1, tickets / 1_000_000);
  return {
    tickets,
    queues: 200,
    agents: Math.max(50, Math.round(500 * Math.sqrt(scale))),
    customers: Math.max(1000, Math.round(100_000 * scale)),
    queuesPerAgent: 20,
  };
}

export interface GeneratedDesk {
  rows: Record<string, number>;
  /** The agent bench:api logs in as: rw on `queuesPerAgent` queues. */
  benchAgent: { login: string; queueIds: number[] };
  seconds: number;
}

const DAY = 86_400_000;
const BATCH = 400;
/** Every thousandth ticket (number ending in 007) has a thread this long, for bench:api's ticket zoom. */
export const LONG_THREAD = 20;
const STATE = { new: 1, closedSuccessful: 2, open: 4, pendingReminder: 6 };
const DEPARTMENTS = [
  'Service Desk', 'Identity & Accounts', 'Network', 'E-Mail & Collaboration', 'Student Services', 'Examinations Office', 'Library IT',
  'Data Protection', 'Research Computing', 'Teaching Tools', 'Telephony', 'Printing', 'Software Licences', 'Hardware', 'Web & CMS',
  'Campus Card', 'Facility', 'International Office', 'HR Systems', 'Finance Systems',
];

/**
 * Writes the desk; `progress(done, total)` is called as tickets are written. The clock: tickets
 * spread over the three years before `now`, the newest still open.
 */
export async function generateDesk(db: Kysely<Database>, size: DeskSize, options: { now: Date; passwordHash: string; progress: (done: number, total: number) => void }): Promise<GeneratedDesk> {
  const started = performance.now();
  const random = seededRandom(20261204);
  const now = options.now.toISOString();
  const rows: Record<string, number> = {};
  const count = (table: string, n: number) => (rows[table] = (rows[table] ?? 0) + n);

  const queueIds = await insertQueues(db, size, now, count);
  const agentIds = await insertAgents(db, size, queueIds, options.passwordHash, now, random, count);
  const customers = await insertCustomers(db, size, now, random, count);
  await insertTickets(db, size, { queueIds, agentIds, customers, now: options.now, random, count, progress: options.progress });
  return { rows, benchAgent: { login: 'bench.agent', queueIds: queueIds.slice(0, size.queuesPerAgent) }, seconds: (performance.now() - started) / 1000 };
}

type Count = (table: string, n: number) => void;

async function insertQueues(db: Kysely<Database>, size: DeskSize, now: string, count: Count): Promise<number[]> {
  const address = await db.insertInto('system_address').values({ email: 'servicedesk@uni-spree.de', display_name: 'IT- und Studierendenservice', queue_id: null }).returning('id').executeTakeFirstOrThrow();
  const childrenPer = Math.ceil(size.queues / DEPARTMENTS.length) - 1;
  const leafIds: number[] = [];
  for (const department of DEPARTMENTS) {
    const group = await db.insertInto('permission_group').values({ name: `g-${department}`, comment: null }).returning('id').executeTakeFirstOrThrow();
    const parent = await db.insertInto('queue').values({ name: department, full_name: department, parent_id: null, group_id: group.id, system_address_id: address.id, salutation_id: null, signature_id: null, comment: null, calendar_name: null }).returning('id').executeTakeFirstOrThrow();
    leafIds.push(parent.id);
    for (let i = 1; i <= childrenPer; i++) {
      const name = `${i === 1 ? '1st Level' : i === 2 ? '2nd Level' : `Team ${i}`}`;
      const childGroup = await db.insertInto('permission_group').values({ name: `g-${department}-${i}`, comment: null }).returning('id').executeTakeFirstOrThrow();
      const child = await db
        .insertInto('queue')
        .values({ name, full_name: `${department}::${name}`, parent_id: parent.id, group_id: childGroup.id, system_address_id: address.id, salutation_id: null, signature_id: null, comment: null, calendar_name: null, first_response_time: 240, update_time: 1440, solution_time: 4320 })
        .returning('id')
        .executeTakeFirstOrThrow();
      leafIds.push(child.id);
    }
  }
  count('queue', leafIds.length);
  count('permission_group', leafIds.length);
  return leafIds;
}

async function insertAgents(db: Kysely<Database>, size: DeskSize, queueIds: number[], passwordHash: string, now: string, random: Random, count: Count): Promise<number[]> {
  const queues = await db.selectFrom('queue').select(['id', 'group_id']).where('id', 'in', queueIds).execute();
  const groupOf = new Map(queues.map((q) => [q.id, q.group_id]));
  const ids: number[] = [];
  for (let i = 0; i < size.agents; i++) {
    const person = personName(random);
    const login = i === 0 ? 'bench.agent' : `${person.first}.${person.last}.${i}`.toLowerCase().normalize('NFKD').replace(/[^\w.]/g, '');
    const agent = await db
      .insertInto('agent')
      .values({ login, email: `${login}@uni-spree.de`, first_name: person.first, last_name: person.last, password_hash: passwordHash, language: person.german ? 'de' : 'en', created_at: now, changed_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(agent.id);
    // The bench agent works the first 20 queues; the others a rotating window of the tree.
    const first = i === 0 ? 0 : (i * 7) % queueIds.length;
    const own = Array.from({ length: size.queuesPerAgent }, (_, k) => queueIds[(first + k) % queueIds.length] as number);
    await db.insertInto('agent_group_permission').values(own.map((q) => ({ agent_id: agent.id, group_id: groupOf.get(q) as number, permission: 'rw' }))).execute();
  }
  count('agent', ids.length);
  count('agent_group_permission', ids.length * size.queuesPerAgent);
  return ids;
}

interface CustomerRef {
  id: number;
  companyId: number;
  first: string;
  last: string;
  email: string;
  german: boolean;
}

async function insertCustomers(db: Kysely<Database>, size: DeskSize, now: string, random: Random, count: Count): Promise<CustomerRef[]> {
  const companyCount = Math.max(20, Math.round(size.customers / 50));
  const companyIds: number[] = [];
  for (let start = 0; start < companyCount; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, companyCount - start) }, (_, k) => {
      const n = start + k;
      return { customer_id: `fac-${n}`, name: `${pick(random, ['Fakultät', 'Institut', 'Lehrstuhl', 'Zentrum'])} ${n}`, street: null, zip: '10115', city: 'Berlin', country: 'DE', url: null, comment: null, created_at: now, changed_at: now };
    });
    const inserted = await db.insertInto('customer_company').values(batch).returning('id').execute();
    companyIds.push(...inserted.map((r) => r.id));
  }
  count('customer_company', companyIds.length);
  const customers: CustomerRef[] = [];
  await db.transaction().execute(async (tx) => {
    for (let start = 0; start < size.customers; start += BATCH) {
      const people = Array.from({ length: Math.min(BATCH, size.customers - start) }, (_, k) => {
        const person = personName(random);
        const login = `s${String(start + k).padStart(7, '0')}`;
        return { ...person, login, email: `${login}@student.uni-spree.de`, companyId: pick(random, companyIds) };
      });
      const inserted = await tx
        .insertInto('customer_user')
        .values(people.map((p) => ({ login: p.login, email: p.email, first_name: p.first, last_name: p.last, customer_company_id: p.companyId, phone: null, password_hash: null, language: p.german ? 'de' : 'en', comment: null, created_at: now, changed_at: now })))
        .returning('id')
        .execute();
      inserted.forEach((row, k) => {
        const p = people[k] as (typeof people)[number];
        customers.push({ id: row.id, companyId: p.companyId, first: p.first, last: p.last, email: p.email, german: p.german });
      });
    }
  });
  count('customer_user', customers.length);
  return customers;
}

interface TicketContext {
  queueIds: number[];
  agentIds: number[];
  customers: CustomerRef[];
  now: Date;
  random: Random;
  count: Count;
  progress: (done: number, total: number) => void;
}

/** Tickets in batches, each batch with its articles and history in one transaction. */
async function insertTickets(db: Kysely<Database>, size: DeskSize, c: TicketContext): Promise<void> {
  const span = 3 * 365 * DAY;
  const startMs = c.now.getTime() - span;
  for (let start = 0; start < size.tickets; start += BATCH) {
    const n = Math.min(BATCH, size.tickets - start);
    await db.transaction().execute(async (tx) => {
      const plans = Array.from({ length: n }, (_, k) => planTicket(c, start + k, startMs + ((start + k) / size.tickets) * span));
      const tickets = await tx.insertInto('ticket').values(plans.map((p) => p.ticket)).returning('id').execute();
      const articles: Insertable<ArticleTable>[] = [];
      const history: Insertable<TicketHistoryTable>[] = [];
      plans.forEach((plan, k) => {
        const ticketId = (tickets[k] as { id: number }).id;
        for (const article of plan.articles) articles.push({ ...article, ticket_id: ticketId });
        for (const entry of plan.history) history.push({ ...entry, ticket_id: ticketId });
      });
      for (let i = 0; i < articles.length; i += BATCH) await tx.insertInto('article').values(articles.slice(i, i + BATCH)).execute();
      for (let i = 0; i < history.length; i += BATCH) await tx.insertInto('ticket_history').values(history.slice(i, i + BATCH)).execute();
      c.count('ticket', n);
      c.count('article', articles.length);
      c.count('ticket_history', history.length);
    });
    c.progress(start + n, size.tickets);
  }
  // Ticket numbers continue after the generated ones.
  await db.insertInto('ticket_number_counter').values({ scope: 'bench', value: size.tickets }).execute();
}

interface TicketPlan {
  ticket: Insertable<TicketTable>;
  articles: Omit<Insertable<ArticleTable>, 'ticket_id'>[];
  history: Omit<Insertable<TicketHistoryTable>, 'ticket_id'>[];
}

function planTicket(c: TicketContext, n: number, createdMs: number): TicketPlan {
  const { random } = c;
  const customer = pick(random, c.customers);
  const talk = conversation(random, customer.german);
  // Recent tickets are still being worked; older ones are closed, as on a real desk.
  const ageDays = (c.now.getTime() - createdMs) / DAY;
  const stateId = ageDays > 30 ? STATE.closedSuccessful : pick(random, [STATE.new, STATE.open, STATE.open, STATE.pendingReminder, STATE.closedSuccessful]);
  // Queues are not equally busy: the first levels get most tickets.
  const longThread = n % 1000 === 7;
  // Long threads sit in the bench agent's queues (the first 20), so bench:api can zoom one.
  const queueId = c.queueIds[longThread ? Math.floor(n / 1000) % 20 : Math.floor(random() ** 2 * c.queueIds.length)] as number;
  const ownerId = stateId === STATE.new ? 1 : pick(random, c.agentIds);
  // Five articles on average (the issue's 5M for 1M tickets): most threads short, some long.
  const articleCount = longThread ? LONG_THREAD : 2 + Math.floor(random() * 5) + (random() < 0.25 ? 4 : 0) - (random() < 0.2 ? 1 : 0) + (random() < 0.05 ? 1 : 0);
  const createdAt = new Date(createdMs).toISOString();
  const customerName = `${customer.first} ${customer.last}`;
  const articles: TicketPlan['articles'] = [];
  const history: TicketPlan['history'] = [{ article_id: null, history_type: 'NewTicket', field: null, old_value: null, new_value: `queue ${queueId}`, agent_id: null, customer_user_id: customer.id, created_at: createdAt }];
  let at = createdMs;
  for (let i = 0; i < articleCount; i++) {
    const fromCustomer = i % 2 === 0;
    const isNote = !fromCustomer && random() < 0.15;
    at += Math.floor(random() * 2 * DAY * (ageDays > 30 ? 1 : 0.05)) + 60_000;
    const agentId = pick(random, c.agentIds);
    const stamp = new Date(Math.min(at, c.now.getTime())).toISOString();
    articles.push({
      sender_type: fromCustomer ? 'customer' : 'agent',
      channel: fromCustomer ? 'email' : isNote ? 'note' : 'email',
      is_visible_for_customer: !isNote,
      from_address: fromCustomer ? `"${customerName}" <${customer.email}>` : 'IT- und Studierendenservice <servicedesk@uni-spree.de>',
      to_address: fromCustomer ? 'servicedesk@uni-spree.de' : isNote ? null : customer.email,
      cc_address: null,
      subject: i === 0 ? talk.subject : `${talk.german ? 'AW' : 'Re'}: ${talk.subject}`,
      message_id: isNote ? null : `<bench-${n}-${i}@uni-spree.de>`,
      in_reply_to: null,
      references: null,
      body_text: fromCustomer ? customerBody(random, talk, customerName) : isNote ? noteBody(random, talk) : agentBody(random, talk, customerName, 'Service Desk'),
      body_html: null,
      raw_mail_id: null,
      created_by_agent_id: fromCustomer ? null : agentId,
      created_by_customer_user_id: fromCustomer ? customer.id : null,
      created_at: stamp,
    });
    history.push({ article_id: null, history_type: fromCustomer ? (i === 0 ? 'EmailCustomer' : 'FollowUp') : isNote ? 'AddNote' : 'SendAnswer', field: null, old_value: null, new_value: null, agent_id: fromCustomer ? null : agentId, customer_user_id: fromCustomer ? customer.id : null, created_at: stamp });
  }
  const changedAt = new Date(Math.min(at, c.now.getTime())).toISOString();
  if (stateId === STATE.closedSuccessful) history.push({ article_id: null, history_type: 'StateUpdate', field: 'state', old_value: 'open', new_value: 'closed successful', agent_id: ownerId, customer_user_id: null, created_at: changedAt });
  const open = stateId !== STATE.closedSuccessful;
  const escalationAt = open ? new Date(createdMs + (ageDays > 3 ? 4 : 72) * 3_600_000).toISOString() : null;
  return {
    ticket: {
      tn: `${createdAt.slice(0, 10).replaceAll('-', '')}10${String(n).padStart(7, '0')}`,
      title: talk.subject,
      queue_id: queueId,
      state_id: stateId,
      priority_id: random() < 0.1 ? 4 : 3,
      type_id: null,
      service_id: null,
      sla_id: null,
      owner_id: ownerId,
      responsible_id: null,
      lock: stateId === STATE.open && random() < 0.5 ? 'lock' : 'unlock',
      customer_user_id: customer.id,
      customer_company_id: customer.companyId,
      channel: 'email',
      pending_until: stateId === STATE.pendingReminder ? new Date(c.now.getTime() + random() * 7 * DAY).toISOString() : null,
      merged_into_id: null,
      created_at: createdAt,
      changed_at: changedAt,
      first_response_at: articleCount > 1 ? articles[1]?.created_at ?? null : null,
      last_customer_contact_at: createdAt,
      escalation_response_at: articleCount > 1 ? null : escalationAt,
      escalation_update_at: null,
      escalation_solution_at: escalationAt,
      escalation_at: escalationAt,
    },
    articles,
    history,
  };
}
