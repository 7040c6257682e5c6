import { z } from 'zod';
import { LINK_TYPES } from '../../../../../shared/domain.ts';
import { linkTickets, listLinks, unlinkTickets } from '../../../../core/tickets/link-tickets.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParam, idParams } from '../../../schemas/common.schema.ts';
import { linkSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

/** GET/POST /tickets/:id/links and DELETE /tickets/:id/links/:otherId. */
export const ticketLinksRoute: RouteModule = (api, deps) => {
  api.get(
    '/tickets/:id/links',
    { schema: { tags: ['tickets'], summary: 'Linked tickets', params: idParams, response: { 200: z.array(linkSchema), ...errorResponses } } },
    async (request) => listLinks(deps.ctx, actorOf(request), request.params.id),
  );
  api.post(
    '/tickets/:id/links',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Link another ticket (for parent_child this ticket is the parent)',
        params: idParams,
        body: z.object({ targetTicketId: z.number().int().positive(), linkType: z.enum(LINK_TYPES).default('normal') }),
        response: { 201: z.array(linkSchema), ...errorResponses },
      },
    },
    async (request, reply) => {
      const links = await linkTickets(deps.ctx, actorOf(request), { sourceTicketId: request.params.id, ...request.body });
      return reply.status(201).send(links);
    },
  );
  api.delete(
    '/tickets/:id/links/:otherId',
    { schema: { tags: ['tickets'], summary: 'Remove a link', params: z.object({ id: idParam, otherId: idParam }), response: { 204: z.null().describe('Removed'), ...errorResponses } } },
    async (request, reply) => {
      await unlinkTickets(deps.ctx, actorOf(request), { ticketId: request.params.id, otherTicketId: request.params.otherId });
      return reply.status(204).send(null);
    },
  );
};
