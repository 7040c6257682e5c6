import type { Language } from '../../../shared/domain.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { inTransaction, nowIso, type ServiceContext } from '../context.ts';
import { DomainError, invalid, notFound } from '../errors.ts';
import type { Actor } from '../permissions/actor.ts';
import { requireAdmin } from '../permissions/permission.service.ts';

/** A customer company (OTRS CustomerID = customerId). */
export interface CompanyView {
  id: number; customerId: string; name: string; street: string | null; zip: string | null; city: string | null;
  country: string | null; url: string | null; comment: string | null; isValid: boolean;
}

/** A customer user (student, staff member …). Never carries a password hash. */
export interface CustomerUserView {
  id: number; login: string; email: string; firstName: string; lastName: string; customerCompanyId: number | null;
  phone: string | null; language: string; comment: string | null; isValid: boolean;
}

export type CompanyInput = Omit<CompanyView, 'id' | 'isValid' | 'street' | 'zip' | 'city' | 'country' | 'url' | 'comment'> &
  Partial<Pick<CompanyView, 'street' | 'zip' | 'city' | 'country' | 'url' | 'comment' | 'isValid'>>;

export interface CustomerUserInput {
  login: string; email: string; firstName: string; lastName: string; customerCompanyId?: number | null;
  phone?: string | null; password?: string; language?: Language; comment?: string | null; isValid?: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const toCompany = (r: { id: number; customer_id: string; name: string; street: string | null; zip: string | null; city: string | null; country: string | null; url: string | null; comment: string | null; is_valid: boolean }): CompanyView => ({
  id: r.id, customerId: r.customer_id, name: r.name, street: r.street, zip: r.zip, city: r.city, country: r.country, url: r.url, comment: r.comment, isValid: r.is_valid,
});
const toUser = (r: { id: number; login: string; email: string; first_name: string; last_name: string; customer_company_id: number | null; phone: string | null; language: string; comment: string | null; is_valid: boolean }): CustomerUserView => ({
  id: r.id, login: r.login, email: r.email, firstName: r.first_name, lastName: r.last_name, customerCompanyId: r.customer_company_id, phone: r.phone, language: r.language, comment: r.comment, isValid: r.is_valid,
});

/** Companies, optionally searched by key or name. Any agent may read (customer lookup). */
export async function listCompanies(ctx: ServiceContext, query: { search?: string; limit: number; offset: number }): Promise<{ items: CompanyView[]; total: number }> {
  let base = ctx.db.selectFrom('customer_company');
  const words = query.search?.trim().toLowerCase().replace(/[%_\\]/g, '');
  if (words) base = base.where((eb) => eb.or([eb(eb.fn('lower', ['customer_id']), 'like', `%${words}%`), eb(eb.fn('lower', ['name']), 'like', `%${words}%`)]));
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('name').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toCompany), total: Number(count.n) };
}

/** Creates a company (admins); the key (customerId) is unique. */
export async function createCustomerCompany(ctx: ServiceContext, actor: Actor, input: CompanyInput): Promise<CompanyView> {
  requireAdmin(actor);
  if (!input.customerId.trim()) throw invalid('customerId', 'must not be empty');
  if (!input.name.trim()) throw invalid('name', 'must not be empty');
  const taken = await ctx.db.selectFrom('customer_company').select('id').where((eb) => eb(eb.fn('lower', ['customer_id']), '=', input.customerId.trim().toLowerCase())).executeTakeFirst();
  if (taken) throw new DomainError('CONFLICT', `A company with the key "${input.customerId}" exists already.`, { field: 'customerId' });
  const now = nowIso(ctx);
  const row = await ctx.db
    .insertInto('customer_company')
    .values({ customer_id: input.customerId.trim(), name: input.name.trim(), street: input.street ?? null, zip: input.zip ?? null, city: input.city ?? null, country: input.country ?? null, url: input.url ?? null, comment: input.comment ?? null, is_valid: input.isValid ?? true, created_at: now, changed_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCompany(row);
}

/** Changes a company (admins). */
export async function updateCustomerCompany(ctx: ServiceContext, actor: Actor, id: number, input: Partial<CompanyInput>): Promise<CompanyView> {
  requireAdmin(actor);
  if (input.name !== undefined && !input.name.trim()) throw invalid('name', 'must not be empty');
  const { customerId, isValid, ...rest } = input;
  const row = await ctx.db
    .updateTable('customer_company')
    .set({ ...rest, ...(customerId !== undefined ? { customer_id: customerId.trim() } : {}), ...(isValid !== undefined ? { is_valid: isValid } : {}), changed_at: nowIso(ctx) })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw notFound(`Customer company ${id}`);
  return toCompany(row);
}

/** Customer users, searched in login, email and names (case-insensitive). Any agent may read. */
export async function listCustomerUsers(ctx: ServiceContext, query: { search?: string; customerCompanyId?: number; limit: number; offset: number }): Promise<{ items: CustomerUserView[]; total: number }> {
  let base = ctx.db.selectFrom('customer_user');
  const words = query.search?.trim().toLowerCase().replace(/[%_\\]/g, '');
  if (words) {
    const like = `%${words}%`;
    base = base.where((eb) => eb.or(['login', 'email', 'first_name', 'last_name'].map((c) => eb(eb.fn('lower', [c as 'login']), 'like', like))));
  }
  if (query.customerCompanyId) base = base.where('customer_company_id', '=', query.customerCompanyId);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('last_name').orderBy('first_name').orderBy('id').limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: Number(count.n) };
}

/** One customer user. */
export async function getCustomerUser(ctx: ServiceContext, id: number): Promise<CustomerUserView> {
  const row = await ctx.db.selectFrom('customer_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Customer user ${id}`);
  return toUser(row);
}

/** Creates a customer user (admins); login unique case-insensitively. */
export async function createCustomerUser(ctx: ServiceContext, actor: Actor, input: CustomerUserInput): Promise<CustomerUserView> {
  requireAdmin(actor);
  checkUser(input);
  return inTransaction(ctx, async (tx) => {
    const taken = await tx.db.selectFrom('customer_user').select('id').where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.trim().toLowerCase())).executeTakeFirst();
    if (taken) throw new DomainError('CONFLICT', `A customer user "${input.login}" exists already.`, { field: 'login' });
    if (input.customerCompanyId && !(await tx.db.selectFrom('customer_company').select('id').where('id', '=', input.customerCompanyId).executeTakeFirst())) {
      throw invalid('customerCompanyId', `company ${input.customerCompanyId} does not exist`);
    }
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

/** Changes a customer user (admins). */
export async function updateCustomerUser(ctx: ServiceContext, actor: Actor, id: number, input: Partial<CustomerUserInput>): Promise<CustomerUserView> {
  requireAdmin(actor);
  const current = await getCustomerUser(ctx, id);
  checkUser({ ...current, ...input, login: input.login ?? current.login, language: undefined });
  const row = await ctx.db
    .updateTable('customer_user')
    .set({
      ...(input.email !== undefined ? { email: input.email.trim() } : {}),
      ...(input.firstName !== undefined ? { first_name: input.firstName.trim() } : {}),
      ...(input.lastName !== undefined ? { last_name: input.lastName.trim() } : {}),
      ...(input.customerCompanyId !== undefined ? { customer_company_id: input.customerCompanyId } : {}),
      ...(input.phone !== undefined ? { phone: input.phone } : {}),
      ...(input.language !== undefined ? { language: input.language } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      ...(input.isValid !== undefined ? { is_valid: input.isValid } : {}),
      ...(input.password ? { password_hash: await hashPassword(input.password) } : {}),
      changed_at: nowIso(ctx),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

function checkUser(input: CustomerUserInput): void {
  if (!/^[A-Za-z0-9._@+-]{1,200}$/.test(input.login.trim())) throw invalid('login', 'may contain letters, digits and . _ @ + - (1 to 200 characters)');
  if (!EMAIL.test(input.email.trim())) throw invalid('email', 'is not an email address');
  if (!input.firstName.trim()) throw invalid('firstName', 'must not be empty');
  if (!input.lastName.trim()) throw invalid('lastName', 'must not be empty');
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw invalid('password', problem);
  }
}
