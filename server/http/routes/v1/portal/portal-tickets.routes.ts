import { z } from 'zod';
import { getPortalTicket, listPortalTickets } from '../../../../core/portal/portal-ticket-query.service.ts';
import { createPortalTicket } from '../../../../core/portal/portal-ticket-write.service.ts';
import { customerOf } from '../../../plugins/customer-auth.ts';
import { toAttachmentInputs } from '../../../schemas/article-input.schema.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { newPortalTicketBody, portalTicketListQuery, portalTicketParams, portalTicketSchema, portalTicketSummarySchema } from './portal-ticket.schema.ts';

const tags = ['portal'];

/** GET/POST /portal/tickets, GET /portal/tickets/:id: the customer's tickets. */
export const portalTicketsRoutes: RouteModule = (api, { ctx }) => {
  api.get(
    '/portal/tickets',
    {
      schema: {
        tags,
        summary: "Your tickets (or your company's), newest change first",
        querystring: portalTicketListQuery,
        response: { 200: z.object({ items: z.array(portalTicketSummarySchema), total: z.number().int() }), ...errorResponses },
      },
    },
    async (request) => listPortalTickets(ctx, customerOf(request), request.query),
  );
  api.get(
    '/portal/tickets/:id',
    { schema: { tags, summary: 'One of your tickets with the messages you may read', params: portalTicketParams, response: { 200: portalTicketSchema, ...errorResponses } } },
    async (request) => getPortalTicket(ctx, customerOf(request), request.params.id),
  );
  api.post(
    '/portal/tickets',
    { schema: { tags, summary: "Open a ticket under a topic; the topic's queue answers by mail", body: newPortalTicketBody, response: { 201: portalTicketSchema, ...errorResponses } } },
    async (request, reply) => {
      const { attachments, ...rest } = request.body;
      return reply.status(201).send(await createPortalTicket(ctx, customerOf(request), { ...rest, attachments: toAttachmentInputs(attachments) }));
    },
  );
};
