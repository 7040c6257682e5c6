import { z } from 'zod';
import { getTicket, getTicketByNumber } from '../../../../core/tickets/ticket-query.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

/** GET /tickets/:id and GET /tickets/by-number/:number. */
export const getTicketRoute: RouteModule = (api, deps) => {
  api.get(
    '/tickets/:id',
    { schema: { tags: ['tickets'], summary: 'Get a ticket', params: idParams, response: { 200: ticketSchema, ...errorResponses } } },
    async (request) => {
      const actor = actorOf(request);
      return presentTicket(await getTicket(deps.ctx, actor, request.params.id), actor);
    },
  );
  api.get(
    '/tickets/by-number/:number',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Get a ticket by its number',
        params: z.object({ number: z.string().regex(/^\d{1,50}$/, 'must be digits') }),
        response: { 200: ticketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentTicket(await getTicketByNumber(deps.ctx, actor, request.params.number), actor);
    },
  );
};
