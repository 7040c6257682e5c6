import { z } from 'zod';
import { getTicketHistory } from '../../../../core/tickets/ticket-query.service.ts';
import { actorOf } from '../../../plugins/auth.ts';
import { errorResponses, idParams } from '../../../schemas/common.schema.ts';
import { historySchema } from '../../../schemas/ticket.schema.ts';
import type { RouteModule } from '../route-module.ts';

/** GET /tickets/:id/history: every change, oldest first. */
export const ticketHistoryRoute: RouteModule = (api, deps) => {
  api.get(
    '/tickets/:id/history',
    { schema: { tags: ['tickets'], summary: 'Ticket history', params: idParams, response: { 200: z.array(historySchema), ...errorResponses } } },
    async (request) => getTicketHistory(deps.ctx, actorOf(request), request.params.id),
  );
};
