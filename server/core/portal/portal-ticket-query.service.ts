import { VIEWABLE_STATE_TYPES } from '../../../shared/domain.ts';
import type { CustomerActor } from '../customer-auth/customer-actor.ts';
import type { ServiceContext } from '../context.ts';
import { DomainError, notFound } from '../errors.ts';
import { portalAbilities, requirePortalTicket, selectPortalTickets, toPortalSummary, visibleToCustomer } from './portal-ticket-access.ts';
import { findPortalArticles } from './portal-articles.ts';
import type { PortalTicket, PortalTicketListQuery, PortalTicketSummary } from './portal-ticket.types.ts';

/** The customer's tickets (or their company's), newest change first; merged tickets are left out. */
export async function listPortalTickets(ctx: ServiceContext, customer: CustomerActor, query: PortalTicketListQuery): Promise<{ items: PortalTicketSummary[]; total: number }> {
  if (query.scope === 'company' && (!customer.seesCompanyTickets || customer.customerCompanyId === null)) {
    throw new DomainError('PERMISSION_DENIED', "Your company's tickets are not shared with its customer users.", { field: 'scope' });
  }
  const companyId = customer.customerCompanyId;
  let base = selectPortalTickets(ctx)
    .where((eb) => visibleToCustomer(eb, customer))
    .where((eb) => (query.scope === 'company' && companyId !== null ? eb('t.customer_company_id', '=', companyId) : eb('t.customer_user_id', '=', customer.customerUserId)))
    .where('t.merged_into_id', 'is', null)
    .where('st.name', '!=', 'merged');
  if (query.status === 'open') base = base.where('st.name', 'in', [...VIEWABLE_STATE_TYPES]);
  if (query.status === 'closed') base = base.where('st.name', 'in', ['closed', 'removed']);
  const search = query.search?.trim().toLowerCase().replace(/[\\%_]/g, '');
  if (search) {
    // LIKE wildcards in the words are dropped: the dialects escape them differently.
    const pattern = `%${search}%`;
    base = base.where((eb) => eb.or([eb(eb.fn('lower', ['t.title']), 'like', pattern), eb('t.tn', 'like', pattern)]));
  }
  const [rows, count] = await Promise.all([
    base.orderBy('t.changed_at', 'desc').orderBy('t.id', 'desc').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toPortalSummary), total: Number(count.total) };
}

/** One ticket with the articles the customer may read; NOT_FOUND for tickets they may not see. */
export async function getPortalTicket(ctx: ServiceContext, customer: CustomerActor, ticketId: number): Promise<PortalTicket> {
  const row = await requirePortalTicket(ctx, customer, ticketId);
  return { ...toPortalSummary(row), articles: await findPortalArticles(ctx, row), ...portalAbilities(row) };
}

/**
 * An attachment of an article the customer may read, with its content. Inline images are
 * served too (the article's HTML points at them), only not listed.
 */
export async function getPortalAttachment(
  ctx: ServiceContext,
  customer: CustomerActor,
  ids: { ticketId: number; articleId: number; attachmentId: number },
): Promise<{ filename: string; contentType: string; content: Buffer }> {
  await requirePortalTicket(ctx, customer, ids.ticketId);
  const row = await ctx.db
    .selectFrom('attachment as f')
    .innerJoin('article as a', 'a.id', 'f.article_id')
    .select(['f.filename', 'f.content_type', 'f.sha256'])
    .where('f.id', '=', ids.attachmentId)
    .where('a.id', '=', ids.articleId)
    .where('a.ticket_id', '=', ids.ticketId)
    .where('a.is_visible_for_customer', '=', true)
    .where('a.is_sender_unverified', '=', false)
    .executeTakeFirst();
  if (!row) throw notFound(`Attachment ${ids.attachmentId}`);
  return { filename: row.filename, contentType: row.content_type, content: await ctx.blobs.get(row.sha256) };
}
