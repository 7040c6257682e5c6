import { CUSTOMER_USER_COLUMNS } from '../catalog/catalog.lookup.ts';
import type { ServiceContext } from '../context.ts';
import { inListChunks } from '../bulk-rows.ts';

/**
 * Valid customer users whose mail address is one of `addresses` in any case (pass them in
 * lower case), oldest first, each with its address in lower case. Who sent a mail or a web
 * form: answered by the index customer_user_email_lower_idx.
 */
export async function findCustomerUsersByAddress(ctx: ServiceContext, addresses: string[]) {
  const found = [];
  for (const chunk of inListChunks(addresses)) {
    found.push(
      ...(await ctx.db
        .selectFrom('customer_user')
        .select((eb) => [...CUSTOMER_USER_COLUMNS, eb.fn<string>('lower', ['email']).as('lower_email')])
        .where((eb) => eb(eb.fn('lower', ['email']), 'in', chunk))
        .where('is_valid', '=', true)
        .execute()),
    );
  }
  // Sorted here: an ORDER BY id could tempt the planner to walk the primary key and filter.
  return found.sort((a, b) => a.id - b.id);
}
