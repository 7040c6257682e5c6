import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import { LANGUAGES, type Language } from '../../../shared/domain.ts';
import type { Database } from '../../db/schema.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/**
 * Customer companies and customer users. Any agent may read them (customer lookup when
 * creating or answering tickets); admins create and change them.
 */

/** A customer company (OTRS CustomerID = customerId). */
export interface CompanyView {
  id: number; customerId: string; name: string; street: string | null; zip: string | null; city: string | null;
  country: string | null; url: string | null; comment: string | null; isValid: boolean;
  /** Its customer users see each other's tickets in the portal (OTRS company tickets). */
  isPortalCompanyTickets: boolean;
}

/** A customer user (student, staff member …). Never carries a password hash. */
export interface CustomerUserView {
  id: number; login: string; email: string; firstName: string; lastName: string; customerCompanyId: number | null;
  phone: string | null; language: string; comment: string | null; isValid: boolean;
}

/** A company's settings; customerId and name are required on create. */
export interface CompanyInput {
  customerId: string; name: string; street?: string | null; zip?: string | null; city?: string | null;
  country?: string | null; url?: string | null; comment?: string | null; isValid?: boolean;
  /** Its customer users see each other's tickets in the portal; off unless given. */
  isPortalCompanyTickets?: boolean;
}

/** A customer user's settings; the login cannot change after create. */
export interface CustomerUserInput {
  login: string; email: string; firstName: string; lastName: string; customerCompanyId?: number | null;
  phone?: string | null; password?: string; language?: Language; comment?: string | null; isValid?: boolean;
}

/** A search over one list: words match case-insensitively anywhere; results are paged. */
export interface CustomerSearch {
  search?: string;
  limit: number;
  offset: number;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOGIN = /^[A-Za-z0-9._@+-]{1,200}$/;

const toCompany = (r: Selectable<Database['customer_company']>): CompanyView => ({
  id: r.id, customerId: r.customer_id, name: r.name, street: r.street, zip: r.zip, city: r.city, country: r.country, url: r.url, comment: r.comment, isValid: r.is_valid,
  isPortalCompanyTickets: r.is_portal_company_tickets,
});
const toUser = (r: Selectable<Database['customer_user']>): CustomerUserView => ({
  id: r.id, login: r.login, email: r.email, firstName: r.first_name, lastName: r.last_name, customerCompanyId: r.customer_company_id, phone: r.phone, language: r.language, comment: r.comment, isValid: r.is_valid,
});

/** The search text as a LIKE pattern matched literally: logins such as `ben_100` contain LIKE wildcards. */
function likePattern(search: string | undefined): string | null {
  const words = search?.trim().toLowerCase().replace(/[!%_]/g, (c) => `!${c}`);
  return words ? `%${words}%` : null;
}

/** `lower(column) LIKE pattern` with `!` as escape character (SQLite has no default one). */
function containsLower(column: string, pattern: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${pattern} escape '!'`;
}

/** Companies, optionally searched by key or name. Any agent may read. */
export async function listCompanies(ctx: ServiceContext, _actor: Actor, query: CustomerSearch): Promise<{ items: CompanyView[]; total: number }> {
  let base = ctx.db.selectFrom('customer_company');
  const like = likePattern(query.search);
  if (like) base = base.where((eb) => eb.or([containsLower('customer_id', like), containsLower('name', like)]));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('name').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toCompany), total: Number(count.n) };
}

/** One company. */
export async function getCustomerCompany(ctx: ServiceContext, _actor: Actor, id: number): Promise<CompanyView> {
  const row = await ctx.db.selectFrom('customer_company').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Customer company ${id}`);
  return toCompany(row);
}

/** Creates a company (admins); the key (customerId) is unique case-insensitively. */
export async function createCustomerCompany(ctx: ServiceContext, actor: Actor, input: CompanyInput): Promise<CompanyView> {
  requireAdmin(actor);
  checkCompany(input);
  return inTransaction(ctx, async (tx) => {
    await requireFreeCustomerId(tx, input.customerId, null);
    const now = nowIso(tx);
    const { customerId, name, isValid, isPortalCompanyTickets, ...rest } = input;
    const row = await tx.db
      .insertInto('customer_company')
      .values({
        street: null, zip: null, city: null, country: null, url: null, comment: null, ...rest, customer_id: customerId.trim(), name: name.trim(), is_valid: isValid ?? true,
        is_portal_company_tickets: isPortalCompanyTickets ?? false, created_at: now, changed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCompany(row);
  });
}

/** Changes a company (admins). */
export async function updateCustomerCompany(ctx: ServiceContext, actor: Actor, id: number, input: Partial<CompanyInput>): Promise<CompanyView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await getCustomerCompany(tx, actor, id);
    checkCompany({ ...current, ...input });
    if (input.customerId !== undefined) await requireFreeCustomerId(tx, input.customerId, id);
    const { customerId, name, isValid, isPortalCompanyTickets, ...rest } = input;
    const set = {
      ...rest, ...(customerId !== undefined ? { customer_id: customerId.trim() } : {}), ...(name !== undefined ? { name: name.trim() } : {}), ...(isValid !== undefined ? { is_valid: isValid } : {}),
      ...(isPortalCompanyTickets !== undefined ? { is_portal_company_tickets: isPortalCompanyTickets } : {}),
    };
    const row = await tx.db.updateTable('customer_company').set({ ...set, changed_at: nowIso(tx) }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return toCompany(row);
  });
}

function checkCompany(input: CompanyInput): void {
  if (!input.customerId.trim()) throw invalid('customerId', 'must not be empty');
  if (input.customerId.trim().length > 150) throw invalid('customerId', 'must be at most 150 characters');
  if (!input.name.trim()) throw invalid('name', 'must not be empty');
  const limits = { name: 200, street: 200, zip: 20, city: 200, country: 200, url: 200, comment: 250 } as const;
  for (const [field, max] of Object.entries(limits) as [keyof typeof limits, number][]) {
    if ((input[field]?.length ?? 0) > max) throw invalid(field, `must be at most ${max} characters`);
  }
}

async function requireFreeCustomerId(ctx: ServiceContext, customerId: string, exceptId: number | null): Promise<void> {
  const key = customerId.trim().toLowerCase();
  const taken = await ctx.db.selectFrom('customer_company').select('id').where((eb) => eb(eb.fn('lower', ['customer_id']), '=', key)).executeTakeFirst();
  if (taken && taken.id !== exceptId) throw new DomainError('CONFLICT', `A company with the key "${customerId.trim()}" exists already.`, { field: 'customerId' });
}

/** Customer users, searched in login, email and names (case-insensitive). Any agent may read. */
export async function listCustomerUsers(ctx: ServiceContext, _actor: Actor, query: CustomerSearch & { customerCompanyId?: number }): Promise<{ items: CustomerUserView[]; total: number }> {
  let base = ctx.db.selectFrom('customer_user');
  const like = likePattern(query.search);
  if (like) base = base.where((eb) => eb.or(['login', 'email', 'first_name', 'last_name'].map((c) => containsLower(c, like))));
  if (query.customerCompanyId) base = base.where('customer_company_id', '=', query.customerCompanyId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('last_name').orderBy('first_name').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: Number(count.n) };
}

/** One customer user. */
export async function getCustomerUser(ctx: ServiceContext, _actor: Actor, id: number): Promise<CustomerUserView> {
  const row = await ctx.db.selectFrom('customer_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Customer user ${id}`);
  return toUser(row);
}

/** Creates a customer user (admins); the login is unique case-insensitively. */
export async function createCustomerUser(ctx: ServiceContext, actor: Actor, input: CustomerUserInput): Promise<CustomerUserView> {
  requireAdmin(actor);
  checkUser(input);
  return inTransaction(ctx, async (tx) => {
    const taken = await tx.db.selectFrom('customer_user').select('id').where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.trim().toLowerCase())).executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', `A customer user "${input.login.trim()}" exists already.`, { field: 'login' });
    await requireCompany(tx, input.customerCompanyId);
    const now = nowIso(tx);
    const row = await tx.db
      .insertInto('customer_user')
      .values({
        login: input.login.trim(), email: input.email.trim(), first_name: input.firstName.trim(), last_name: input.lastName.trim(),
        customer_company_id: input.customerCompanyId ?? null, phone: input.phone ?? null,
        password_hash: input.password ? await hashPassword(input.password) : null, language: input.language ?? 'de',
        comment: input.comment ?? null, is_valid: input.isValid ?? true, created_at: now, changed_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  });
}

/** Changes a customer user (admins); a new password replaces the old one. */
export async function updateCustomerUser(ctx: ServiceContext, actor: Actor, id: number, input: Partial<Omit<CustomerUserInput, 'login'>>): Promise<CustomerUserView> {
  requireAdmin(actor);
  return inTransaction(ctx, async (tx) => {
    const current = await getCustomerUser(tx, actor, id);
    checkUser({ ...current, ...input, language: input.language });
    if (input.customerCompanyId !== undefined) await requireCompany(tx, input.customerCompanyId);
    const set = {
      ...(input.email !== undefined ? { email: input.email.trim() } : {}),
      ...(input.firstName !== undefined ? { first_name: input.firstName.trim() } : {}),
      ...(input.lastName !== undefined ? { last_name: input.lastName.trim() } : {}),
      ...(input.customerCompanyId !== undefined ? { customer_company_id: input.customerCompanyId } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}),
      ...(input.password ? { password_hash: await hashPassword(input.password) } : {}),
    };
    const row = await tx.db.updateTable('customer_user').set({ ...set, changed_at: nowIso(tx) }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return toUser(row);
  });
}

async function requireCompany(ctx: ServiceContext, companyId: number | null | undefined): Promise<void> {
  if (companyId == null) return;
  if (!(await ctx.db.selectFrom('customer_company').select('id').where('id', '=', companyId).executeTakeFirst())) throw invalid('customerCompanyId', `company ${companyId} does not exist`);
}

/** Checks a customer user's fields as create and change do; throws VALIDATION_FAILED naming the field. */
export function checkUser(input: CustomerUserInput): void {
  if (!LOGIN.test(input.login.trim())) throw invalid('login', 'may contain letters, digits and . _ @ + - (1 to 200 characters)');
  if (!EMAIL.test(input.email.trim()) || input.email.trim().length > 200) throw invalid('email', 'is not an email address');
  for (const field of ['firstName', 'lastName'] as const) {
    if (!input[field].trim()) throw invalid(field, 'must not be empty');
    if (input[field].trim().length > 100) throw invalid(field, 'must be at most 100 characters');
  }
  if (input.language !== undefined && !LANGUAGES.includes(input.language)) throw invalid('language', `must be one of ${LANGUAGES.join(', ')}`);
  if ((input.phone?.length ?? 0) > 50) throw invalid('phone', 'must be at most 50 characters');
  if ((input.comment?.length ?? 0) > 250) throw invalid('comment', 'must be at most 250 characters');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('password', problem);
  }
}
