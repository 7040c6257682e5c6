import { LANGUAGES, type Language } from '../../../shared/domain.ts';
import type { ServiceContext } from '../context.ts';

/**
 * A customer user signed in to the portal. Kept apart from `Actor`: customers never hold
 * queue permissions. Portal services check what a customer may see (own tickets, and the
 * company's when the company allows it) and then act as the system on their behalf.
 */
export interface CustomerActor {
  kind: 'customer';
  customerUserId: number;
  customerCompanyId: number | null;
  /** The company lets its customer users see each other's tickets. */
  seesCompanyTickets: boolean;
  email: string;
  language: Language;
}

/** The actor of a valid customer user, or null when the account is gone or disabled. */
export async function loadCustomerActor(ctx: ServiceContext, customerUserId: number): Promise<CustomerActor | null> {
  const row = await ctx.db
    .selectFrom('customer_user as cu')
    .leftJoin('customer_company as cc', 'cc.id', 'cu.customer_company_id')
    .select(['cu.id', 'cu.email', 'cu.language', 'cu.is_valid', 'cu.customer_company_id', 'cc.is_portal_company_tickets', 'cc.is_valid as is_company_valid'])
    .where('cu.id', '=', customerUserId)
    .executeTakeFirst();
  if (!row || !row.is_valid) return null;
  return {
    kind: 'customer',
    customerUserId: row.id,
    customerCompanyId: row.customer_company_id,
    seesCompanyTickets: row.customer_company_id !== null && row.is_portal_company_tickets === true && row.is_company_valid === true,
    email: row.email,
    language: (LANGUAGES as readonly string[]).includes(row.language) ? (row.language as Language) : 'en',
  };
}
