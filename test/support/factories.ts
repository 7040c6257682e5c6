import { randomBytes } from 'node:crypto';
import { addArticle } from '../../server/core/articles/article.service.ts';
import { hashPassword } from '../../server/core/auth/password.ts';
import type { PermissionKind } from '../../shared/domain.ts';
import type { ServiceContext } from '../../server/core/context.ts';
import type { Database } from '../../server/db/schema.ts';
import { systemActor, type AgentActor } from '../../server/core/permissions/actor.ts';
import { loadAgentActor } from '../../server/core/permissions/permission.service.ts';
import { createTicket, type CreateTicketInput } from '../../server/core/tickets/create-ticket.service.ts';
import type { TicketView } from '../../server/core/tickets/ticket.types.ts';
import { createAgent } from '../../server/core/users/agent.service.ts';

const unique = () => randomBytes(4).toString('hex');
export const system = systemActor('test');
export const TEST_PASSWORD = 'correct horse battery';

/** A permission group. */
export async function buildGroup(ctx: ServiceContext, name = `group-${unique()}`): Promise<{ id: number; name: string }> {
  const row = await ctx.db.insertInto('permission_group').values({ name, comment: null }).returning(['id', 'name']).executeTakeFirstOrThrow();
  return row;
}

/** A queue in a group (a new group unless given), optionally under a parent. */
export async function buildQueue(
  ctx: ServiceContext,
  overrides: { name?: string; groupId?: number; parent?: { id: number; full_name: string } } = {},
): Promise<{ id: number; full_name: string; group_id: number }> {
  const groupId = overrides.groupId ?? (await buildGroup(ctx)).id;
  const name = overrides.name ?? `Queue ${unique()}`;
  const fullName = overrides.parent ? `${overrides.parent.full_name}::${name}` : name;
  return ctx.db
    .insertInto('queue')
    .values({ name, full_name: fullName, parent_id: overrides.parent?.id ?? null, group_id: groupId, system_address_id: 1, salutation_id: 1, signature_id: 1, comment: null, calendar_name: null })
    .returning(['id', 'full_name', 'group_id'])
    .executeTakeFirstOrThrow();
}

/** An agent with direct group permissions (or admin via the Admin role), loaded as an actor. */
export async function buildAgent(
  ctx: ServiceContext,
  overrides: { login?: string; permissions?: { groupId: number; kinds: PermissionKind[] }[]; isAdmin?: boolean; password?: string } = {},
): Promise<AgentActor & { login: string }> {
  const login = overrides.login ?? `agent-${unique()}`;
  const agent = await createAgent(ctx, system, {
    login,
    email: `${login}@uni-spree.de`,
    firstName: 'Test',
    lastName: login,
    password: overrides.password ?? TEST_PASSWORD,
    roleIds: overrides.isAdmin ? [1] : [],
    groupPermissions: (overrides.permissions ?? []).map((p) => ({ groupId: p.groupId, permissions: p.kinds })),
  });
  const actor = await loadAgentActor(ctx, agent.id);
  if (!actor) throw new Error('agent not loadable');
  return { ...actor, login };
}

/** A customer company and a customer user in it. */
export async function buildCustomer(
  ctx: ServiceContext,
  overrides: { login?: string; password?: string; companyId?: number; companyTickets?: boolean; language?: 'de' | 'en' } = {},
): Promise<{ id: number; login: string; email: string; companyId: number }> {
  const now = ctx.clock.now().toISOString();
  const key = `company-${unique()}`;
  const company = overrides.companyId
    ? { id: overrides.companyId }
    : await ctx.db
        .insertInto('customer_company')
        .values({ customer_id: key, name: `Company ${key}`, street: null, zip: null, city: null, country: null, url: null, comment: null, is_portal_company_tickets: overrides.companyTickets ?? false, created_at: now, changed_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
  const login = overrides.login ?? `student-${unique()}`;
  const user = await ctx.db
    .insertInto('customer_user')
    .values({ login, email: `${login}@student.uni-spree.de`, first_name: 'Sam', last_name: login, customer_company_id: company.id, phone: null, password_hash: overrides.password ? await hashPassword(overrides.password) : null, language: overrides.language ?? 'de', comment: null, created_at: now, changed_at: now })
    .returning(['id', 'login', 'email'])
    .executeTakeFirstOrThrow();
  return { ...user, companyId: company.id };
}

/** A ticket created by the system in a queue, with a first customer article. */
export async function buildTicket(ctx: ServiceContext, overrides: Partial<CreateTicketInput> & { queueId: number }): Promise<TicketView> {
  return createTicket(ctx, system, {
    title: 'Cannot log in to Moodle',
    channel: 'email',
    article: { channel: 'email', senderType: 'customer', from: 'sam@student.uni-spree.de', subject: 'Cannot log in to Moodle', bodyText: 'Hello, my login fails since yesterday.' },
    ...overrides,
  });
}

/** A custom field definition (admins define these; tests insert them directly). */
export async function buildCustomField(
  ctx: ServiceContext,
  field: { name: string; fieldType: string; options?: string[] },
): Promise<{ id: number; name: string }> {
  return ctx.db
    .insertInto('custom_field')
    .values({ name: field.name, label: field.name, field_type: field.fieldType, config: JSON.stringify({ options: field.options ?? [] }) })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

/** Options of a mail thread built for follow-up tests; every field has a default. */
export interface MailThreadOptions {
  /** Defaults to Raw. */
  queueId?: number;
  title?: string;
  /** State name ("open", "closed successful", "pending reminder" …); defaults to "open". */
  state?: string;
  /** The customer's address with display name, as the first article's From. */
  customer?: string;
  /** Message-ID (with angle brackets) of the customer's first mail. */
  customerMessageId?: string;
  /** Message-ID (with angle brackets) of the desk's answer. */
  replyMessageId?: string;
}

/**
 * A mail ticket as intake would have made it, plus the desk's answer: the customer's mail
 * and an agent reply carrying the ticket tag, each with a Message-ID, so that later mail can
 * follow up by subject tag, In-Reply-To or References.
 */
export async function buildMailThread(ctx: ServiceContext, options: MailThreadOptions = {}): Promise<{ ticket: TicketView; customerMessageId: string; replyMessageId: string }> {
  const id = unique();
  const title = options.title ?? 'Moodle-Login schlägt fehl';
  const customer = options.customer ?? 'Lena Schulz <lena.schulz@student.uni-spree.de>';
  const customerMessageId = options.customerMessageId ?? `<thread-${id}@student.uni-spree.de>`;
  const replyMessageId = options.replyMessageId ?? `<reply-${id}@support.uni-spree.de>`;
  const state = await ctx.db.selectFrom('ticket_state').select('id').where('name', '=', options.state ?? 'open').executeTakeFirstOrThrow();
  const isPending = (options.state ?? '').startsWith('pending');
  const ticket = await createTicket(ctx, system, {
    title,
    queueId: options.queueId ?? 2,
    channel: 'email',
    stateId: state.id,
    pendingUntil: isPending ? new Date(ctx.clock.now().getTime() + 86_400_000).toISOString() : null,
    article: { channel: 'email', senderType: 'customer', from: customer, to: 'RMZ Support <support@uni-spree.de>', subject: title, bodyText: 'Hallo, bitte um Hilfe.', messageId: customerMessageId },
  });
  await addArticle(ctx, system, {
    ticketId: ticket.id,
    article: {
      channel: 'email',
      senderType: 'agent',
      from: 'RMZ Support <support@uni-spree.de>',
      to: customer,
      subject: `[${ctx.settings.ticketHook}${ticket.number}] ${title}`,
      bodyText: 'Guten Tag, bitte setzen Sie Ihr Passwort im UniPort zurück.',
      messageId: replyMessageId,
      inReplyTo: customerMessageId,
    },
  });
  return { ticket, customerMessageId, replyMessageId };
}

/** A system address (a desk's sending address), optionally given to a queue. */
export async function buildSystemAddress(
  ctx: ServiceContext,
  overrides: { email?: string; displayName?: string; queueId?: number } = {},
): Promise<{ id: number; email: string; display_name: string }> {
  const row = await ctx.db
    .insertInto('system_address')
    .values({ email: overrides.email ?? `desk-${unique()}@uni-spree.de`, display_name: overrides.displayName ?? 'Uni Spree Service Desk' })
    .returning(['id', 'email', 'display_name'])
    .executeTakeFirstOrThrow();
  if (overrides.queueId !== undefined) await ctx.db.updateTable('queue').set({ system_address_id: row.id }).where('id', '=', overrides.queueId).execute();
  return row;
}

/** Number of rows in a table, for "nothing was written" assertions. */
export async function countRows(ctx: ServiceContext, table: keyof Database): Promise<number> {
  const row = await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
