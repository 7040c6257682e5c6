import { z } from 'zod';
import { mergeTickets } from '../../../../core/tickets/merge-tickets.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { presentTicket } from '../../../presenters/ticket.presenter.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import { ticketSchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

/** POST /tickets/:id/merge: merge this ticket into another; returns the target. */
export const mergeTicketRoute: RouteModule = (api, deps) => {
  api.post(
    '/tickets/:id/merge',
    {
      schema: {
        tags: ['tickets'],
        summary: 'Merge this ticket into another',
        params: idParams,
        body: z.object({ targetTicketId: z.number().int().positive(), version: z.number().int().positive().optional() }),
        response: { 200: ticketSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const target = await mergeTickets(deps.ctx, actor, { sourceTicketId: request.params.id, targetTicketId: request.body.targetTicketId, expectedVersion: request.body.version });
      return presentTicket(target, actor);
    },
  );
};
