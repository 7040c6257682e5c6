import { inTransaction, type ServiceContext } from '../core/context.ts';
import { DEMO_AGENTS, DEMO_GROUPS, DEMO_ROLES } from './demo-catalog.ts';
import { loadDemoCases } from './demo-cases.ts';
import { createDemoPortal } from './demo-portal.ts';
import { createDemoSetup } from './demo-setup.ts';
import { playDemoStory } from './demo-story.ts';
import { createDemoTickets } from './demo-tickets.ts';

/** The password every demo agent gets unless the caller chooses another. */
export const DEMO_PASSWORD = 'demo-password';

/** Options of the demo loader. */
export interface DemoDeskOptions {
  /** Password of every demo agent (default DEMO_PASSWORD). */
  password?: string;
}

/** What loading did, and the text to print for the person starting the demo. */
export interface DemoDeskResult {
  /** False when the demo desk was there already and nothing was written. */
  loaded: boolean;
  ticketCount: number;
  logins: { login: string; name: string; role: string }[];
  password: string;
  /** A customer user who signs in to the portal with the same password (null if none). */
  customerLogin: string | null;
  summary: string;
}

/** Where the demo desk starts: its presence means the demo was loaded before. */
const MARKER_QUEUE = 'Service Desk::1st Level';

/**
 * Loads the demo desk of the "Universität an der Spree" (queues, roles, agents, customers and
 * about 200 tickets with their history) through the core services, unless it is there
 * already. Everything is written in one transaction: a failed load leaves no half desk.
 */
export async function loadDemoDesk(ctx: ServiceContext, options: DemoDeskOptions = {}): Promise<DemoDeskResult> {
  const password = options.password ?? DEMO_PASSWORD;
  const existing = await ctx.db.selectFrom('queue').select('id').where('full_name', '=', MARKER_QUEUE).executeTakeFirst();
  if (existing) {
    const ticketCount = await countDemoTickets(ctx);
    return result(false, ticketCount, password, `Demo desk already loaded (${ticketCount} tickets); nothing changed.`, await findPortalLogin(ctx));
  }
  const started = performance.now();
  const cases = loadDemoCases();
  const outcome = await inTransaction(ctx, async (tx) => {
    const setup = await createDemoSetup(tx, cases, password);
    const records = await createDemoTickets(tx, setup, cases);
    const story = await playDemoStory(tx, setup, records);
    const portal = await createDemoPortal(tx, setup, records, password);
    await markRepliesDelivered(tx, [...records.map((r) => r.ticketId), ...portal.ticketIds]);
    return { customers: setup.customerByEmail.size, story, customerLogin: portal.login };
  });
  const ticketCount = await countDemoTickets(ctx);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const what = `${ticketCount} tickets, ${DEMO_AGENTS.length} agents, ${outcome.customers} customer users, ${outcome.story.merged} merge, ${outcome.story.linked} links`;
  return result(true, ticketCount, password, `Demo desk loaded in ${seconds} s: ${what}.`, outcome.customerLogin);
}

/**
 * The demo's agent replies are history: they count as delivered long ago, so that an outbox
 * worker with a relay configured later never mails the (partly real-looking) demo addresses.
 */
async function markRepliesDelivered(ctx: ServiceContext, ticketIds: number[]): Promise<void> {
  for (let i = 0; i < ticketIds.length; i += 500) {
    await ctx.db
      .updateTable('outbox_mail')
      .set((eb) => ({ status: 'sent', sent_at: eb.ref('created_at'), relay_response: 'Demo desk: historic reply, never sent' }))
      .where('ticket_id', 'in', ticketIds.slice(i, i + 500))
      .where('status', '=', 'queued')
      .execute();
  }
}

async function countDemoTickets(ctx: ServiceContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('ticket as t')
    .innerJoin('queue as q', 'q.id', 't.queue_id')
    .innerJoin('permission_group as g', 'g.id', 'q.group_id')
    .where('g.name', 'in', DEMO_GROUPS.map((g) => g.name))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The demo customer shown in the banner: the one whose institute shares its tickets. */
async function findPortalLogin(ctx: ServiceContext): Promise<string | null> {
  const row = await ctx.db
    .selectFrom('customer_user as cu')
    .innerJoin('customer_company as cc', 'cc.id', 'cu.customer_company_id')
    .select('cu.login')
    .where('cc.is_portal_company_tickets', '=', true)
    .where('cu.password_hash', 'is not', null)
    .orderBy('cu.id')
    .executeTakeFirst();
  return row?.login ?? null;
}

function result(loaded: boolean, ticketCount: number, password: string, headline: string, customerLogin: string | null): DemoDeskResult {
  const roleName = (key: string) => DEMO_ROLES.find((r) => r.key === key)?.name ?? key;
  const logins = DEMO_AGENTS.map((a) => ({ login: a.login, name: `${a.firstName} ${a.lastName}`, role: roleName(a.role) }));
  const width = Math.max(...logins.map((l) => l.login.length));
  const nameWidth = Math.max(...logins.map((l) => l.name.length));
  const lines = logins.map((l) => `    ${l.login.padEnd(width)}  ${l.name.padEnd(nameWidth)}  ${l.role}`);
  const customer = customerLogin ? [`  Demo customer for the portal (/customer, same password):`, `    ${customerLogin}`] : [];
  const summary = [headline, `  Demo agents (password for all: ${password}):`, ...lines, ...customer].join('\n');
  return { loaded, ticketCount, logins, password, customerLogin, summary };
}
