import { closePortalTicket, replyToPortalTicket } from '../../../../core/portal/portal-ticket-write.service.ts';
import { customerOf } from '../../../plugins/customer-auth.ts';
import { toAttachmentInputs } from '../../../schemas/article-input.schema.ts';
import { errorResponses } from '../../../schemas/common.schema.ts';
import type { RouteModule } from '../route-module.ts';
import { portalReplyBody, portalTicketParams, portalTicketSchema } from './portal-ticket.schema.ts';

const tags = ['portal'];

/** POST /portal/tickets/:id/articles and /close: a customer answers or closes their ticket. */
export const portalTicketActionsRoutes: RouteModule = (api, { ctx }) => {
  api.post(
    '/portal/tickets/:id/articles',
    {
      schema: {
        tags,
        summary: "Reply to your ticket; a closed one reopens when its queue takes follow-ups (else 409 FOLLOW_UP_REJECTED)",
        params: portalTicketParams,
        body: portalReplyBody,
        response: { 201: portalTicketSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { body, attachments } = request.body;
      return reply.status(201).send(await replyToPortalTicket(ctx, customerOf(request), request.params.id, { body, attachments: toAttachmentInputs(attachments) }));
    },
  );
  api.post(
    '/portal/tickets/:id/close',
    { schema: { tags, summary: 'Close your ticket ("closed successful")', params: portalTicketParams, response: { 200: portalTicketSchema, ...errorResponses } } },
    async (request) => closePortalTicket(ctx, customerOf(request), request.params.id),
  );
};
