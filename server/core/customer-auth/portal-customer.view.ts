import type { Language } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';
import { notFound } from '../errors.ts';
import type { CustomerActor } from './customer-actor.ts';

/** What the portal shows a customer about themselves. */
export interface PortalCustomerView {
  id: number;
  login: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  language: Language;
  company: { id: number; name: string } | null;
  /** Sees the tickets of the whole company, not only their own. */
  seesCompanyTickets: boolean;
}

/** The signed-in customer's own profile. */
export async function getPortalCustomerView(ctx: ServiceContext, customer: CustomerActor): Promise<PortalCustomerView> {
  const row = await ctx.db
    .selectFrom('customer_user as cu')
    .leftJoin('customer_company as cc', 'cc.id', 'cu.customer_company_id')
    .select(['cu.id', 'cu.login', 'cu.email', 'cu.first_name', 'cu.last_name', 'cu.phone', 'cc.id as company_id', 'cc.name as company_name'])
    .where('cu.id', '=', customer.customerUserId)
    .executeTakeFirst();
  if (!row) throw notFound(`Customer user ${customer.customerUserId}`);
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    firstName: row.first_name,
    lastName: row.last_name,
    phone: row.phone,
    language: customer.language,
    company: row.company_id !== null && row.company_name !== null ? { id: row.company_id, name: row.company_name } : null,
    seesCompanyTickets: customer.seesCompanyTickets,
  };
}
