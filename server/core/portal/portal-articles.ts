import type { ServiceContext } from '../context.ts';
import { parseAddressList } from '../outbox/mail-address.ts';
import type { PortalTicketRow } from './portal-ticket-access.ts';
import type { PortalArticle } from './portal-ticket.types.ts';

/** Shown for automatic answers when the queue sends from no named address. */
const FALLBACK_DESK_NAME = 'Ticketwerk';

/**
 * The articles of a ticket a customer may read, oldest first: visible for the customer and
 * never from an unverified sender. Internal notes never appear.
 */
export async function findPortalArticles(ctx: ServiceContext, ticket: PortalTicketRow): Promise<PortalArticle[]> {
  const rows = await ctx.db
    .selectFrom('article as a')
    .leftJoin('agent as ag', 'ag.id', 'a.created_by_agent_id')
    .leftJoin('customer_user as cu', 'cu.id', 'a.created_by_customer_user_id')
    .select([
      'a.id', 'a.sender_type', 'a.channel', 'a.from_address', 'a.subject', 'a.body_text', 'a.body_html', 'a.created_at',
      'ag.first_name as agent_first', 'ag.last_name as agent_last', 'cu.first_name as customer_first', 'cu.last_name as customer_last',
    ])
    .where('a.ticket_id', '=', ticket.id)
    .where('a.is_visible_for_customer', '=', true)
    .where('a.is_sender_unverified', '=', false)
    .orderBy('a.created_at')
    .orderBy('a.id')
    .execute();
  if (rows.length === 0) return [];
  const files = await ctx.db
    .selectFrom('attachment')
    .select(['id', 'article_id', 'filename', 'content_type', 'size', 'is_inline', 'content_id'])
    .where('article_id', 'in', rows.map((r) => r.id))
    .orderBy('id')
    .execute();
  const deskName = await findDeskName(ctx, ticket.queue_id);
  return rows.map((r) => {
    const own = files.filter((f) => f.article_id === r.id);
    const senderType = r.sender_type === 'agent' || r.sender_type === 'system' ? r.sender_type : 'customer';
    const person = senderType === 'agent' ? [r.agent_first, r.agent_last] : [r.customer_first, r.customer_last];
    const fromName = senderType === 'system' ? deskName : person.filter((p) => !!p).join(' ') || displayName(r.from_address) || deskName;
    return {
      id: r.id,
      senderType,
      fromName,
      channel: r.channel,
      subject: r.subject,
      bodyText: r.body_text,
      bodyHtml: r.body_html,
      createdAt: r.created_at,
      attachments: own.filter((f) => !f.is_inline).map((f) => ({ id: f.id, filename: f.filename, contentType: f.content_type, size: f.size })),
      // The web app's mail frame fetches these with the session and shows them in place, as for agents.
      inlineImages: own.flatMap((f) => (f.content_id ? [{ id: f.id, contentId: f.content_id }] : [])),
    };
  });
}

/** The name the desk answers under: the display name of the queue's system address. */
async function findDeskName(ctx: ServiceContext, queueId: number): Promise<string> {
  const row = await ctx.db
    .selectFrom('queue as q')
    .innerJoin('system_address as sa', 'sa.id', 'q.system_address_id')
    .select('sa.display_name')
    .where('q.id', '=', queueId)
    .executeTakeFirst();
  return row?.display_name.trim() || FALLBACK_DESK_NAME;
}

/** The name part of `"Sam Doe" <sam@example.org>`, else the address, else the text as stored. */
function displayName(from: string | null): string {
  const first = parseAddressList(from)?.[0];
  return first ? first.name || first.address : (from ?? '').trim();
}
